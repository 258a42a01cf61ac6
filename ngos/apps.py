from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgosConfig(AppConfig):
    name = "ngos"
    verbose_name = _("Foreign NGOs and aid")

    def ready(self) -> None:
        self._checks_and_reminders()

    def _checks_and_reminders(self) -> None:
        """The certificate checks of a visit, the reminders of the filings and certificates, and
        the settings of the annual report's date in the admin."""
        from ngos import admin_settings, reminders
        from ngos.checks import certificate_warnings
        from ttdn.cases import warnings
        from ttdn.notifications import rules

        admin_settings.register()
        warnings.register(certificate_warnings)
        for trigger in reminders.TRIGGERS:
            rules.register(trigger)
