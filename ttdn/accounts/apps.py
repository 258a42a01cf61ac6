from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ttdn.accounts"
    label = "accounts"
    verbose_name = _("Users and agencies")

    def ready(self) -> None:
        from ttdn.accounts import two_factor  # noqa: F401 - connects its sign-in receiver
