"""The home page: each role's pending work, panel by panel (``dashboard_for``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ttdn.accounts.roles import Role, roles_of
from ttdn.cases import kinds
from ttdn.cases.dashboard_panels import dashboard_panels_for
from ttdn.cases.policy import may_create_case
from ttdn.cases.selectors import DASHBOARD_ROWS, REVIEW_DUE_SOON_WORKING_DAYS, dashboard_for, followups_for
from ttdn.cases.services.workflow import TRANSITIONS, signer_of
from ttdn.cases.views.decorators import request_user


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = timezone.localdate()
    leader = Role.LEADER in roles_of(user)
    board = dashboard_for(user=user, today=today)
    reject = TRANSITIONS["reject"]
    # Which waiting cases the leader may reject from here: the transition's own sources say it,
    # not the template.
    rejectable = {case.pk for case in board.get("waiting") or [] if case.status in reject.sources}
    return render(
        request,
        "cases/dashboard.html",
        {
            "board": board,
            "followups": list(followups_for(user)[:DASHBOARD_ROWS]),
            "today": today,
            "kinds": kinds.all_kinds(),
            "can_create": may_create_case(user=user) is None,
            # a leader approves from here at once, with the document's defaults (dated today,
            # signed by them; protocol records its number later), or rejects with a reason
            "approves": leader,
            "approve": TRANSITIONS["approve"],
            "reject": reject,
            "rejectable": rejectable,
            "signer": signer_of(user) if leader else "",
            "due_soon_days": REVIEW_DUE_SOON_WORKING_DAYS,
            "panels": dashboard_panels_for(user=user, today=today),
        },
    )
