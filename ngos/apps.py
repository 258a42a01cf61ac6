from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgosConfig(AppConfig):
    name = "ngos"
    verbose_name = _("Foreign NGOs and aid")

    def ready(self) -> None:
        self.ready_projects()

    def ready_projects(self) -> None:
        """The aid projects: their events on the case timeline, the case page's panel, the
        navigation, the report's sections."""
        from ngos.panel_projects import case_projects_panel
        from ngos.report_projects import SECTIONS
        from ngos.services.projects import EVENTS
        from ttdn import navigation
        from ttdn.cases import panels
        from ttdn.cases.events import register_event
        from ttdn.reports import sections

        for code, label in EVENTS.items():
            register_event(code, label)
        panels.register(
            panels.CasePanel(
                "ngos/_case_projects_panel.html",
                case_projects_panel,
                section=("aid-projects", _("Aid projects")),
            )
        )
        navigation.register(navigation.NavItem(_("Aid projects"), "ngos:project_list"))
        for section in SECTIONS:
            sections.register(section)
