from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ttdn.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self) -> None:
        from ttdn import navigation
        from ttdn.cases import panels
        from ttdn.documents import events
        from ttdn.documents.panel import case_documents_panel

        events.register()
        navigation.register(navigation.NavItem(_("Documents"), "documents:register_out"))
        panels.register(panels.CasePanel("documents/_case_panel.html", case_documents_panel))
