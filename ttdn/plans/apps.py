from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ttdn.plans"
    label = "plans"
    verbose_name = _("External-information plan")

    def ready(self) -> None:
        from ttdn import navigation
        from ttdn.cases import dashboard_panels
        from ttdn.notifications import rules
        from ttdn.plans.panel import agency_tasks_panel
        from ttdn.plans.policy import sees_plans
        from ttdn.plans.reminders import PLAN_TASK_DUE, PLAN_TASK_OVERDUE

        rules.register(PLAN_TASK_DUE)
        rules.register(PLAN_TASK_OVERDUE)
        dashboard_panels.register(
            dashboard_panels.DashboardPanel("plans/_dashboard_panel.html", agency_tasks_panel)
        )
        navigation.register(navigation.NavItem(_("Plan"), "plans:list", allowed=sees_plans))
