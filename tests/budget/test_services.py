from __future__ import annotations

import pytest

from ttdn.budget.errors import BudgetError
from ttdn.budget.models import BudgetLine, GuestCategory
from ttdn.budget.selectors import totals_of
from ttdn.budget.services import (
    Actual,
    budget_actuals_record,
    budget_compute,
    budget_line_add,
    budget_line_edit,
    budget_line_remove,
)
from ttdn.cases.errors import CaseError
from ttdn.cases.models import CaseEvent

pytestmark = pytest.mark.django_db


def test_an_edit_without_a_reason_is_refused_and_changes_nothing(budget, protocol) -> None:
    line = budget.lines.first()
    before = (line.amount, line.reason)
    with pytest.raises(BudgetError):
        budget_line_edit(actor=protocol, line=line, amount=1, reason="  ")
    line.refresh_from_db()
    assert (line.amount, line.reason) == before
    assert not CaseEvent.objects.filter(code="budget.line_edited").exists()


def test_an_edit_keeps_its_reason_and_the_norms_amount(budget, protocol) -> None:
    line = budget.lines.first()
    edited = budget_line_edit(actor=protocol, line=line, amount=123, reason="Cheaper venue")
    assert (edited.amount, edited.reason, edited.computed) == (123, "Cheaper venue", line.computed)
    assert edited.is_edited
    assert CaseEvent.objects.filter(case=budget.case, code="budget.line_edited").count() == 1
    assert edited.history.first().history_user == protocol


def test_recomputing_keeps_edited_and_added_lines_and_recomputes_the_others(budget, protocol) -> None:
    lines = list(budget.lines.all())
    edited = budget_line_edit(actor=protocol, line=lines[0], amount=1, reason="agreed")
    added = budget_line_add(actor=protocol, budget=budget, label="Hall", amount=500, reason="no room")
    budget_compute(actor=protocol, case=budget.case, category=budget.category, guests=6, days=2)
    edited.refresh_from_db()
    added.refresh_from_db()
    assert edited.amount == 1 and edited.computed != 1
    assert added.amount == 500
    other = BudgetLine.objects.get(pk=lines[1].pk)
    assert other.amount == other.computed  # recomputed for 6 guests
    assert budget.lines.count() == len(lines) + 1


def test_a_line_added_needs_a_reason(budget, protocol) -> None:
    with pytest.raises(BudgetError):
        budget_line_add(actor=protocol, budget=budget, label="Hall", amount=500, reason="")
    assert not budget.lines.filter(label="Hall").exists()


def test_remove_needs_a_reason_and_records_it(budget, protocol) -> None:
    line = budget.lines.first()
    with pytest.raises(BudgetError):
        budget_line_remove(actor=protocol, line=line, reason="")
    budget_line_remove(actor=protocol, line=line, reason="not needed")
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    assert CaseEvent.objects.get(code="budget.line_removed").text.endswith("not needed")


def test_actuals_and_totals(budget, protocol) -> None:
    lines = list(budget.lines.all())
    budget_actuals_record(
        actor=protocol, budget=budget, actuals={lines[0].pk: Actual(lines[0].amount + 100, "x")}
    )
    lines = list(budget.lines.all())
    totals = totals_of(lines)
    assert totals.estimated == sum(line.amount for line in lines)
    assert totals.actual == lines[0].amount + 100
    assert lines[0].difference == 100
    assert lines[1].difference is None


def test_actuals_of_another_budget_change_nothing(budget, protocol) -> None:
    line = budget.lines.first()
    with pytest.raises(BudgetError):
        budget_actuals_record(actor=protocol, budget=budget, actuals={line.pk: Actual(5), 999_999: Actual(1)})
    line.refresh_from_db()
    assert line.actual is None


def test_a_leader_sees_but_may_not_write(budget, leader) -> None:
    with pytest.raises(CaseError):
        budget_compute(
            actor=leader, case=budget.case, category=GuestCategory.objects.get(code="a"), guests=1, days=1
        )


def test_the_first_computation_locks_the_case_before_the_budget(case, protocol, monkeypatch) -> None:
    """Two first computations of one case would both find no budget row to lock and both insert
    one (the second a 500 on the unique constraint): the case's row is locked first. SQLite has
    no row locks, so the order of the locks asked for is what is checked."""
    from django.db.models import QuerySet

    locked: list[str] = []
    select_for_update = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model._meta.label)
        return select_for_update(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    budget_compute(actor=protocol, case=case, category=GuestCategory.objects.get(code="b"), guests=3, days=2)
    assert locked[:2] == ["cases.Case", "budget.CaseBudget"]
