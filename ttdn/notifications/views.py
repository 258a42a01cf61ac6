from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ttdn.accounts.models import User
from ttdn.notifications.delivery import notification_target
from ttdn.notifications.messages import render as render_message
from ttdn.notifications.selectors import notifications_for
from ttdn.notifications.services import notification_mark_read
from ttdn.paging import page_of, query_without_page


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, notifications_for(request.user).select_related("case"), default=50)
    rows = [(notification, render_message(notification)) for notification in page]
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "rows": rows, "query": query_without_page(request)},
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to what it is about."""
    assert isinstance(request.user, User)  # noqa: S101
    notification = get_object_or_404(notifications_for(request.user), pk=pk)
    notification_mark_read(user=request.user, notification_ids=[notification.pk])
    if notification.case is not None:
        anchor = "#followups" if "followup" in notification.params else ""
        return redirect(notification.case.get_absolute_url() + anchor)
    return redirect(notification_target(notification) or "notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)  # noqa: S101
    notification_mark_read(user=request.user)
    return redirect("notifications:list")
