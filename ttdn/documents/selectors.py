"""Reads of documents: a document is visible to whoever may see its case; one of no case, to
protocol staff and admins. Pages, downloads, exports and the API all read through these."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from ttdn.accounts.roles import Role, has_role
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.text import fold
from ttdn.documents.models import Document, DocumentTemplate, IncomingDocument, TemplateVersion
from ttdn.reference import Reference


def _shown(user: AbstractBaseUser | AnonymousUser) -> Q:
    shown = Q(case__in=cases_visible_to(user).values("pk"))
    if has_role(user, Role.PROTOCOL, Role.ADMIN):
        shown |= Q(case__isnull=True)
    return shown


def documents_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Document]:
    return Document.objects.filter(_shown(user))


def incoming_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[IncomingDocument]:
    return IncomingDocument.objects.filter(_shown(user))


def document_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Document:
    """One document; one the user may not see is missing, exactly like one that is."""
    try:
        return documents_visible_to(user).select_related("case", "register", "template").get(pk=pk)
    except Document.DoesNotExist as error:
        raise Http404 from error


def incoming_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> IncomingDocument:
    try:
        return incoming_visible_to(user).select_related("case", "register").get(pk=pk)
    except IncomingDocument.DoesNotExist as error:
        raise Http404 from error


def templates_available() -> QuerySet[DocumentTemplate]:
    """The active templates that have a file, in the order the pages offer them."""
    return DocumentTemplate.objects.filter(is_active=True, versions__isnull=False).distinct().order_by("name")


# The templates the case page's draft form offers, shared until an admin changes one (an admin
# action that updates many at once forgets them itself: ``update()`` sends no signal).
TEMPLATES_OFFERED = Reference(
    "documents:templates", lambda: list(templates_available()), DocumentTemplate, TemplateVersion
)


def register_out_for(
    *,
    user: AbstractBaseUser | AnonymousUser,
    q: str = "",
    year: int | None = None,
    doc_type: str = "",
    drafts: bool = False,
) -> QuerySet[Document]:
    """The register of documents out as ``user`` may read it: issued documents, newest number
    first; ``drafts`` adds the drafts (for the protocol staff who work them)."""
    documents = documents_visible_to(user).select_related("case", "register")
    if not drafts:
        documents = documents.filter(status=Document.Status.ISSUED)
    if q:
        documents = documents.filter(search_text__contains=fold(q))
    if year:
        documents = documents.filter(year=year)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    return documents.order_by("-year", "-number", "-created_at", "-pk")


def register_in_for(
    *, user: AbstractBaseUser | AnonymousUser, q: str = "", year: int | None = None
) -> QuerySet[IncomingDocument]:
    incoming = incoming_visible_to(user).select_related("case", "register")
    if q:
        incoming = incoming.filter(search_text__contains=fold(q))
    if year:
        incoming = incoming.filter(year=year)
    return incoming.order_by("-year", "-number", "-pk")
