from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "ttdn.budget"
    label = "budget"
    verbose_name = _("Reception budget")

    def ready(self) -> None:
        from ttdn.budget import events
        from ttdn.budget.panel import case_budget_panel
        from ttdn.budget.report import SECTION
        from ttdn.cases import panels
        from ttdn.reports import sections

        events.register()
        panels.register(
            panels.CasePanel(
                "budget/_case_panel.html",
                case_budget_panel,
                section=("budget", _("Reception budget")),
                guests_only=True,
            )
        )
        sections.register(SECTION)
