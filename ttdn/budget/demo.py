"""Reception budgets on two demo cases, for ``seed_demo``: an approved visit's estimate with one line
changed, and a visit under way or done with its actual spending beside the estimate."""

from __future__ import annotations

from django.db import transaction

from ttdn.accounts.models import User
from ttdn.budget.models import CaseBudget, GuestCategory
from ttdn.budget.selectors import guests_of
from ttdn.budget.services import (
    Actual,
    budget_actuals_record,
    budget_compute,
    budget_line_add,
    budget_line_edit,
)
from ttdn.cases.models import Case


def _case(*statuses: str) -> Case | None:
    return (
        Case.objects.filter(status__in=statuses, participants__isnull=False, budget__isnull=True)
        .order_by("pk")
        .distinct()
        .first()
    )


@transaction.atomic
def seed() -> list[str]:
    if CaseBudget.objects.exists():
        return []
    protocol = User.objects.get(username="protocol")
    created = []
    planned = _case(Case.Status.APPROVED)
    if planned is not None:
        budget = budget_compute(actor=protocol, case=planned, category=GuestCategory.objects.get(code="b"),
                                guests=guests_of(planned), days=planned.days)  # fmt: skip
        banquet = budget.lines.filter(item__code="banquet").first()
        if banquet is not None:
            budget_line_edit(actor=protocol, line=banquet, amount=banquet.amount + 2_000_000,
                             reason="Chiêu đãi kết hợp giới thiệu đặc sản địa phương theo ý kiến Lãnh đạo UBND tỉnh.")  # fmt: skip
        created.append(f"reception budget {planned.reference}")
    done = _case(Case.Status.COMPLETED, Case.Status.IN_PROGRESS)
    if done is not None:
        budget = budget_compute(actor=protocol, case=done, category=GuestCategory.objects.get(code="a"),
                                guests=guests_of(done), days=done.days)  # fmt: skip
        budget_line_add(actor=protocol, budget=budget, label="Thuê hội trường", amount=3_500_000,
                        reason="Buổi làm việc tại hội trường lớn do phòng họp của Văn phòng đang sửa chữa.")  # fmt: skip
        actuals = {
            line.pk: Actual(line.amount * (90 + 5 * (n % 3)) // 100, "")
            for n, line in enumerate(budget.lines.all())
        }
        budget_actuals_record(actor=protocol, budget=budget, actuals=actuals)
        created.append(f"reception budget with its spending {done.reference}")
    return created
