"""The admin reads case data through the one access policy, like every page (DESIGN.md).

Every ModelAdmin of the site says, as ``access_scope``, what its model is to the policy:

- ``ThroughCases(path)``: records of a case (the case itself, with the path ``""``): listed,
  searched, opened, deleted and their history shown only for the cases ``cases_visible_to``
  gives; ``unlinked=True`` shows the records of no case too (the logs; persons on no case yet).
- ``ThroughPeople(path)``: identity data of a person (the person, with ``""``): only for the
  persons ``people_visible_to`` gives.
- ``NotCaseData(reason)``: what no case and no person owns (agencies, users, settings), with
  the reason it needs no scope.

``AccessScopedAdmin`` applies the scope in ``get_queryset``, through which Django's changelist,
search, change, delete and history pages and the autocomplete of other admins all read; it also
guards django-simple-history's pages, which load the object themselves. ``unclassified_admins``
names the admins that say nothing, or call case data "not case data": tests/test_admin_walk.py
walks every registered admin as each role and fails on those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class ThroughCases:
    """Visible with a case the user may see, found along ``path`` (``""``: the case itself)."""

    path: str = ""
    unlinked: bool = False

    def visible(self, queryset: QuerySet[Any], user: AbstractBaseUser | AnonymousUser) -> QuerySet[Any]:
        from ttdn.cases.selectors import cases_visible_to

        cases = cases_visible_to(user)
        if not self.path:
            return queryset.filter(pk__in=cases.values("pk"))
        rows = queryset.model._default_manager
        # Subqueries, not joins: a path through a many-side would repeat the rows.
        shown = Q(pk__in=rows.filter(**{f"{self.path}__in": cases.values("pk")}).values("pk"))
        if self.unlinked:
            shown |= ~Q(pk__in=rows.filter(**{f"{self.path}__isnull": False}).values("pk"))
        return queryset.filter(shown)


@dataclass(frozen=True)
class ThroughPeople:
    """Visible for a person whose identity data the user may see, along ``path`` (``""``: the
    person)."""

    path: str = ""

    def visible(self, queryset: QuerySet[Any], user: AbstractBaseUser | AnonymousUser) -> QuerySet[Any]:
        from ttdn.cases.selectors import people_visible_to

        people = people_visible_to(user).values("pk")
        return queryset.filter(**{f"{self.path}__in" if self.path else "pk__in": people})


@dataclass(frozen=True)
class NotCaseData:
    """Data no case and no person owns; ``reason`` says why it needs no scope."""

    reason: str

    def visible(self, queryset: QuerySet[Any], user: AbstractBaseUser | AnonymousUser) -> QuerySet[Any]:
        return queryset


AccessScope = ThroughCases | ThroughPeople | NotCaseData
SCOPED = (ThroughCases, ThroughPeople)


class AccessScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin that reads only what its ``access_scope`` lets the signed-in user see."""

    access_scope: ClassVar[AccessScope]
    # The list counts what it may show (the scoped queryset), and never the table again beside it:
    # at 100,000 cases that second count costs more than the page (issue 18).
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.access_scope.visible(super().get_queryset(request), request.user)

    def require_visible(self, request: HttpRequest, object_id: str) -> None:
        """A hidden object's pages are missing, exactly like a missing object's."""
        try:
            visible = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, TypeError, ValidationError):
            visible = False  # not even a valid id
        if not visible:
            raise Http404

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        # django-simple-history's history page falls back to the history of an object it cannot
        # load; Django's own would answer "missing" anyway.
        if isinstance(self.access_scope, SCOPED):
            self.require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> Any:
        if isinstance(self.access_scope, SCOPED):
            self.require_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc]


def scope_of(model_admin: admin.ModelAdmin) -> AccessScope | None:
    scope = getattr(model_admin, "access_scope", None)
    return scope if isinstance(scope, (*SCOPED, NotCaseData)) else None


def unclassified_admins(site: admin.AdminSite, case_models: tuple[type[Model], ...]) -> list[str]:
    """The admins of ``site`` that do not say what their model is to the policy, that scope it
    without ``AccessScopedAdmin``, or that call "not case data" a model that points to one of
    ``case_models`` or to a model scoped here."""
    scoped = {
        model for model, model_admin in site._registry.items() if isinstance(scope_of(model_admin), SCOPED)
    }
    scoped.update(case_models)
    problems = []
    for model, model_admin in site._registry.items():
        label, scope = model._meta.label, scope_of(model_admin)
        if scope is None:
            problems.append(f"{label}: {type(model_admin).__name__} has no access_scope")
        elif isinstance(scope, SCOPED) and not isinstance(model_admin, AccessScopedAdmin):
            problems.append(f"{label}: {type(model_admin).__name__} is scoped but not an AccessScopedAdmin")
        elif isinstance(scope, NotCaseData):
            pointing = [
                f.name
                for f in model._meta.get_fields()
                if (f.many_to_one or f.one_to_one) and f.concrete and f.related_model in scoped
            ]
            if pointing:
                problems.append(f"{label}: called not case data, but {', '.join(pointing)} lead to case data")
    return problems
