from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "ttdn.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from ttdn import navigation
        from ttdn.accounts.roles import Role
        from ttdn.notifications import rules
        from ttdn.reports.contributions import reminders

        for trigger in reminders.TRIGGERS:
            rules.register(trigger)
        reminders.register_messages()
        # Everyone with a role may be asked for a report (the police too); the selector decides.
        navigation.register(
            navigation.NavItem(_("Report requests"), "reports:request_list", roles=frozenset(Role))
        )

        navigation.register(
            navigation.NavItem(
                _("Reports"),
                "reports:report",
                roles=frozenset({Role.PROTOCOL, Role.LEADER, Role.AGENCY, Role.ADMIN}),
            )
        )
        # Everyone with a role works to the week's programme; the selector decides what they see.
        navigation.register(navigation.NavItem(_("Weekly schedule"), "reports:week", roles=frozenset(Role)))
