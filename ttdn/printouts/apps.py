from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrintoutsConfig(AppConfig):
    name = "ttdn.printouts"
    label = "printouts"
    verbose_name = _("Print-outs for guests")

    def ready(self) -> None:
        from ttdn.cases import panels
        from ttdn.printouts.badges import events
        from ttdn.printouts.badges.panel import print_for_guests_panel
        from ttdn.printouts.panel_seating import case_seating_panel

        events.register()
        panels.register(
            panels.CasePanel(
                "printouts/seating/_case_panel.html",
                case_seating_panel,
                section=("precedence", _("Order of precedence and seating")),
                guests_only=True,
            )
        )
        panels.register(
            panels.CasePanel(
                "printouts/badges/_case_panel.html",
                print_for_guests_panel,
                section=("print-for-guests", _("Print for the guests")),
                guests_only=True,
            )
        )
