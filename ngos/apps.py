from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgosConfig(AppConfig):
    name = "ngos"
    verbose_name = _("Foreign NGOs and aid")

    def ready(self) -> None:
        self.ready_registry()

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
