"""The documents in the API: the templates, a draft from a case, issuing, and the register.

``GET /api/v1/document-templates/``; ``POST /api/v1/cases/{id}/documents/`` ``{"template": CODE}``;
``GET /api/v1/documents/?case=ID`` and ``/documents/{id}/``; ``POST /api/v1/documents/{id}/issue/``.
A document is visible to whoever may see its case (a 404 otherwise, also for its files). A draft the
case is not ready for is a 400 whose ``missing`` lists what it lacks (``counterpart``,
``participants``, ``programme``, ``request_letter``, ``decision``, ``review``, ``post_visit_report``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ttdn.accounts.models import User
from ttdn.api.permissions import refuse
from ttdn.api.reads import LogsRestrictedReads
from ttdn.cases.selectors import case_get_for
from ttdn.documents import services
from ttdn.documents.models import Document, DocumentTemplate
from ttdn.documents.policy import may_draft_document, may_issue_document
from ttdn.documents.selectors import documents_visible_to, templates_available


class DocumentTemplateSerializer(serializers.ModelSerializer[DocumentTemplate]):
    class Meta:
        model = DocumentTemplate
        fields = ["code", "name", "doc_type", "symbol", "language", "requires"]


class DocumentSerializer(serializers.ModelSerializer[Document]):
    template: serializers.SlugRelatedField[DocumentTemplate] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    reference = serializers.CharField(source="case.reference", read_only=True, allow_null=True, default=None)
    title = serializers.CharField(source="summary", read_only=True)
    recipients = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField(help_text="Null until the PDF is converted.")
    signed_scan_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "case",
            "reference",
            "template",
            "status",
            "doc_type",
            "title",
            "number",
            "symbol",
            "year",
            "issued_on",
            "signer",
            "recipients",
            "conversion",
            "docx_url",
            "pdf_url",
            "signed_scan_url",
            "created_at",
        ]
        read_only_fields = fields

    def _url(self, document: Document, file: str) -> str:
        path = reverse("documents:download", kwargs={"pk": document.pk, "file": file})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_recipients(self, document: Document) -> list[str]:
        return [line for line in document.recipients.splitlines() if line]

    def get_docx_url(self, document: Document) -> str:
        return self._url(document, "docx")

    def get_pdf_url(self, document: Document) -> str | None:
        return self._url(document, "pdf") if document.pdf else None

    def get_signed_scan_url(self, document: Document) -> str | None:
        return self._url(document, "scan") if document.signed_scan else None


class DraftRequestSerializer(serializers.Serializer):
    template = serializers.SlugField(help_text="The code of an active template (GET /document-templates/).")


class IssueRequestSerializer(serializers.Serializer):
    signer = serializers.CharField(max_length=120)
    date = serializers.DateField()
    recipients = serializers.ListField(
        child=serializers.CharField(max_length=255), min_length=1, max_length=50
    )


def _user(request: Request) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - HasRole
    return request.user


class DocumentTemplateListView(generics.ListAPIView[DocumentTemplate]):
    """The active templates a document can be drafted from."""

    serializer_class = DocumentTemplateSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[DocumentTemplate]:
        return templates_available()


class CaseDocumentsView(APIView):
    """``POST /api/v1/cases/{id}/documents/``: a new draft of a template from the case (201)."""

    @extend_schema(request=DraftRequestSerializer, responses={201: DocumentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        case = case_get_for(user=user, pk=pk)
        refuse(may_draft_document(user=user, case=case))
        asked = DraftRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        template = templates_available().filter(code=asked.validated_data["template"]).first()
        if template is None:
            raise ValidationError(
                {
                    "template": [
                        _("No active template has the code %(code)s.")
                        % {"code": asked.validated_data["template"]}
                    ]
                }
            )
        document = services.document_draft(actor=user, case=case, template=template)
        return Response(
            DocumentSerializer(document, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("case", OpenApiTypes.INT, description="Only this case's.")]
    )
)
class DocumentViewSet(LogsRestrictedReads, viewsets.ReadOnlyModelViewSet[Document]):
    """The register of documents (drafts included), newest first, for the cases the user may see."""

    serializer_class = DocumentSerializer

    def get_queryset(self) -> QuerySet[Document]:
        documents = documents_visible_to(self.request.user).select_related("case", "template")
        case = self.request.query_params.get("case")
        if case is not None:
            if not case.isdigit():
                raise ValidationError({"case": [_("A case id is a number.")]})
            documents = documents.filter(case_id=int(case))
        return documents.order_by("-created_at", "-pk")

    def log_reads(self, records: Iterable[Model], detail: str) -> None:
        super().log_reads([record for record in records if getattr(record, "case", None) is not None], detail)

    @extend_schema(request=IssueRequestSerializer, responses={200: DocumentSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Number and date the document; 409 if it was already issued."""
        user = _user(request)
        document = self.get_object()
        refuse(may_issue_document(user=user, document=document))
        asked = IssueRequestSerializer(data=request.data)
        asked.is_valid(raise_exception=True)
        issued = services.document_issue(
            actor=user,
            document=document,
            signer=asked.validated_data["signer"],
            issued_on=asked.validated_data["date"],
            recipients=asked.validated_data["recipients"],
        )
        return Response(DocumentSerializer(issued, context={"request": request}).data)
