"""The admin of the documents: the registers, the templates (a new version uploaded, checked for
unknown placeholders; activated or not), and the documents read-only (numbers are never edited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User
from ttdn.admin_access import AccessScopedAdmin, NotCaseData, ThroughCases
from ttdn.cases.downloads import attachment_response
from ttdn.documents.errors import DocumentError
from ttdn.documents.models import Document, DocumentTemplate, IncomingDocument, Register, TemplateVersion
from ttdn.documents.rendering import summary_check, template_check
from ttdn.documents.requirements import requirement_choices
from ttdn.documents.selectors import TEMPLATES_OFFERED
from ttdn.documents.services import template_version_add
from ttdn.history_admin import HistoryAdmin, ScopedHistoryAdmin

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@admin.register(Register)
class RegisterAdmin(HistoryAdmin):
    access_scope = NotCaseData("the registers of documents: settings of the office")
    list_display = ["name", "code", "direction", "body", "body_symbol", "place", "is_default"]
    list_filter = ["direction"]


class TemplateForm(forms.ModelForm):
    requires = forms.MultipleChoiceField(
        label=_("requires"),
        required=False,
        choices=requirement_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the case must have before this document can be drafted."),
    )
    new_version = forms.FileField(
        label=_("new version (DOCX)"),
        required=False,
        help_text=_("The template's file with its placeholders, e.g. {{ reference }}; see the README."),
    )

    class Meta:
        model = DocumentTemplate
        fields = [
            "code",
            "name",
            "doc_type",
            "symbol",
            "register",
            "language",
            "summary",
            "requires",
            "description",
            "is_active",
        ]

    def clean_summary(self) -> str:
        summary: str = self.cleaned_data["summary"]
        try:
            summary_check(summary)
        except DocumentError as error:
            raise forms.ValidationError(error.message) from error
        return summary

    def clean_new_version(self) -> Any:
        upload = self.cleaned_data.get("new_version")
        if upload is None:
            if self.instance.pk is None:
                raise forms.ValidationError(_("A new template needs its DOCX file."))
            return None
        try:
            template_check(upload.read())
        except DocumentError as error:
            raise forms.ValidationError(error.message) from error
        upload.seek(0)
        return upload


class VersionInline(admin.TabularInline):
    model = TemplateVersion
    extra = 0
    can_delete = False
    fields = ["number", "note", "uploaded_by", "uploaded_at", "download"]
    readonly_fields = ["number", "note", "uploaded_by", "uploaded_at", "download"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a version is added by uploading it above

    @admin.display(description=_("file"))
    def download(self, version: TemplateVersion) -> str:
        url = reverse("admin:documents_documenttemplate_version", args=[version.template_id, version.number])
        return format_html('<a href="{}">{}</a>', url, _("Download"))


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(HistoryAdmin):
    access_scope = NotCaseData("the templates of the documents: settings, no case data")
    form = TemplateForm
    inlines = [VersionInline]
    list_display = ["name", "code", "doc_type", "symbol", "language", "is_active"]
    list_filter = ["is_active", "doc_type", "language"]
    search_fields = ["name", "code"]
    actions = ["activate", "deactivate"]

    def save_model(self, request: HttpRequest, obj: DocumentTemplate, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("new_version")
        if upload is not None:
            actor = request.user if isinstance(request.user, User) else None
            version = template_version_add(actor=actor, template=obj, upload=upload, note=upload.name or "")
            messages.success(
                request, _("Version %(number)s is now the template's file.") % {"number": version.number}
            )

    @admin.action(description=_("Activate the selected templates"))
    def activate(self, request: HttpRequest, queryset: QuerySet[DocumentTemplate]) -> None:
        queryset.update(is_active=True)
        TEMPLATES_OFFERED.forget()

    @admin.action(description=_("Deactivate the selected templates"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[DocumentTemplate]) -> None:
        queryset.update(is_active=False)
        TEMPLATES_OFFERED.forget()

    def get_urls(self) -> list[URLPattern]:
        version = path(
            "<int:template_id>/version/<int:number>/",
            self.admin_site.admin_view(self.version_download),
            name="documents_documenttemplate_version",
        )
        return [version, *super().get_urls()]

    def version_download(self, request: HttpRequest, template_id: int, number: int) -> HttpResponseBase:
        if not self.has_view_permission(request):
            raise Http404
        version = (
            TemplateVersion.objects.filter(template_id=template_id, number=number)
            .select_related("template")
            .first()
        )
        if version is None or not version.file.storage.exists(version.file.name):
            raise Http404
        name = f"{version.template.code}-v{version.number}.docx"
        return attachment_response(version.file, filename=name, content_type=DOCX)


class ReadOnlyRecordAdmin(AccessScopedAdmin, ScopedHistoryAdmin):
    """The documents as their registers keep them: read here, written by the services only."""

    access_scope = ThroughCases("case", unlinked=True)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a register never loses an entry


def _links(links: list[tuple[str, str]]) -> str:
    return format_html_join(" · ", '<a href="{}">{}</a>', links)


@admin.register(Document)
class DocumentAdmin(ReadOnlyRecordAdmin):
    list_display = ["number_label", "issued_on", "summary", "status", "case", "signer"]
    list_filter = ["status", "doc_type", "year", "register"]
    search_fields = ["search_text"]
    list_select_related = ["case"]
    # The files have no public URL: they are downloaded through the selector-checked view.
    exclude = ["docx", "pdf", "signed_scan", "search_text"]
    readonly_fields = ["files"]

    @admin.display(description=_("Files"))
    def files(self, obj: Document) -> str:
        present = [
            ("docx", "DOCX", obj.docx),
            ("pdf", "PDF", obj.pdf),
            ("scan", _("signed scan"), obj.signed_scan),
        ]
        return _links(
            [(reverse("documents:download", kwargs={"pk": obj.pk, "file": kind}), str(label))
             for kind, label, stored in present if stored]
        )  # fmt: skip


@admin.register(IncomingDocument)
class IncomingDocumentAdmin(ReadOnlyRecordAdmin):
    list_display = ["number", "year", "received_on", "sender_reference", "issuing_body", "summary", "case"]
    list_filter = ["year", "register"]
    search_fields = ["search_text"]
    list_select_related = ["case"]
    exclude = ["scan", "search_text"]
    readonly_fields = ["scan_link"]

    @admin.display(description=_("scan"))
    def scan_link(self, obj: IncomingDocument) -> str:
        url = reverse("documents:incoming_scan", kwargs={"pk": obj.pk})
        return _links([(url, str(_("Download")))]) if obj.scan else "-"
