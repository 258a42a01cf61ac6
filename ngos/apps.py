from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgosConfig(AppConfig):
    name = "ngos"
    verbose_name = _("Foreign NGOs and aid")

    def ready(self) -> None:
        self._checks_and_reminders()

    def _checks_and_reminders(self) -> None:
        """The certificate checks of a visit, and the reminders of the filings and certificates."""
        from ngos import reminders
        from ngos.checks import certificate_warnings
        from ttdn.cases import warnings
        from ttdn.notifications import rules

        warnings.register(certificate_warnings)
        for trigger in reminders.TRIGGERS:
            rules.register(trigger)
