from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ttdn.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self) -> None:
        from ttdn.documents import events

        events.register()
