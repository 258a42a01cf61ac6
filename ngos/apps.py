from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgosConfig(AppConfig):
    name = "ngos"
    verbose_name = _("Foreign NGOs and aid")

    def ready(self) -> None:
        self.ready_registry()
        self._checks_and_reminders()
        self.ready_projects()

    def ready_registry(self) -> None:
        """The registry: its item in the navigation bar, its panel on the case page."""
        from ngos.panel_registry import case_ngo_panel
        from ttdn import navigation
        from ttdn.accounts.roles import Role
        from ttdn.cases import panels

        navigation.register(
            navigation.NavItem(
                _("Foreign NGOs"),
                "ngos:list",
                roles=frozenset({Role.PROTOCOL, Role.LEADER, Role.ADMIN, Role.POLICE, Role.AGENCY}),
            )
        )
        panels.register(panels.CasePanel("ngos/_case_panel.html", case_ngo_panel))

    def _checks_and_reminders(self) -> None:
        """The certificate checks of a visit, the reminders of the filings and certificates."""
        from ngos import reminders
        from ngos.checks import certificate_warnings
        from ttdn.cases import warnings
        from ttdn.notifications import rules

        warnings.register(certificate_warnings)
        for trigger in reminders.TRIGGERS:
            rules.register(trigger)

    def ready_projects(self) -> None:
        """The aid projects: their events on the case timeline, the case page's panel, the
        navigation, the report's sections."""
        from ngos.panel_projects import case_projects_panel
        from ngos.report_appendix import ACTIVE_NGOS
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
        sections.register_appendix(ACTIVE_NGOS)
