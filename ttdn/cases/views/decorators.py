"""What every view of one case does first, said once: sign-in required, the user typed, the case
fetched through the access policy's selector (a case the user may not see is a 404, exactly like a
missing one), and the core's refusals (``CaseError``) turned into a message on the case page.

    @require_POST
    @case_view(anchor="followups")
    def followup_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse: ...

The URL gives ``pk``; the view gets ``user`` and ``case`` instead, and the URL's other arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case, Review
from ttdn.cases.policy import Refusal
from ttdn.cases.selectors import case_get_for, reviews_for_police

View = Callable[..., HttpResponseBase]


def request_user(request: HttpRequest) -> User:
    """The signed-in user, typed (login_required and AUTH_USER_MODEL make it a User)."""
    assert isinstance(request.user, User)  # noqa: S101
    return request.user


def refuse(refusal: Refusal | None) -> None:
    """A view's answer to a rule of the policy: go on; a 403 when it is who the user is; otherwise
    the reason, as a message on the case page (``CaseError``, turned by the decorators)."""
    if refusal is None:
        return
    if refusal.by_role:
        raise PermissionDenied(refusal)
    raise CaseError(refusal)


def _refused(request: HttpRequest, error: CaseError, url: str) -> HttpResponseBase:
    messages.error(request, error.message)
    return redirect(url)


def case_view(
    *, anchor: str = "", optional: bool = False, user_rule: Callable[..., Refusal | None] | None = None
) -> Callable[[View], View]:
    """The view gets ``(request, user, case, **rest)``; a ``CaseError`` it lets out becomes a
    message on the case page (at ``#anchor``). ``optional``: a URL without ``pk`` gives ``case=None``
    (a create page). ``user_rule``: a rule of the policy on the user alone (``may_create_case``),
    asked after the case is looked up: a case the user may not see is a 404 whatever their
    role, one they see but may not act on a 403."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, pk: int | None = None, **kwargs: Any
        ) -> HttpResponseBase:
            user = request_user(request)
            if pk is None and not optional:
                raise Http404
            case: Case | None = None
            try:
                case = case_get_for(user=user, pk=pk) if pk is not None else None
                if user_rule is not None:
                    refuse(user_rule(user=user))
                return view(request, *args, user=user, case=case, **kwargs)
            except CaseError as error:
                if case is None:  # a create page: back to the list
                    return _refused(request, error, reverse("cases:list"))
                return _refused(request, error, case.get_absolute_url() + (f"#{anchor}" if anchor else ""))

        return wrapper

    return decorate


def review_view(view: View) -> View:
    """The same for the police's review pages: the URL's ``pk`` is a review of the user's police
    agency on a case they may see (else a 404); the view gets ``(request, user, review, case)``,
    and a refusal becomes a message on the review page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponseBase:
        user = request_user(request)
        review: Review | None = reviews_for_police(user).filter(pk=pk).first()
        if review is None:
            raise Http404
        case: Case = case_get_for(user=user, pk=review.case_id)
        try:
            return view(request, user=user, review=review, case=case, **kwargs)
        except CaseError as error:
            return _refused(request, error, review_url(review))

    return wrapper


def review_url(review: Review) -> str:
    return reverse("cases:review_detail", kwargs={"pk": review.pk})
