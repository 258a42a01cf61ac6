"""Writes of the reception budget: each owns its transaction, asks the policy, validates, keeps the
history (simple-history, stamped with the actor) and records an event on the case's timeline.

Recomputing keeps what people decided: a line whose amount was changed (with its reason) and a line
added by hand stay as they are; the others take the norms' amounts again (``RECOMPUTE_RULE``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import User
from ttdn.budget import events
from ttdn.budget.errors import BudgetError
from ttdn.budget.estimate import estimate
from ttdn.budget.models import BudgetLine, CaseBudget, GuestCategory
from ttdn.budget.selectors import norms_in_force
from ttdn.cases.events import log_event, text_checked
from ttdn.cases.history import stamp
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce, may_edit_finances

RECOMPUTE_RULE = gettext_lazy(
    "Lines whose amount was changed, and lines added by hand, are kept with their amounts and reasons "
    "(their amounts by the norm are updated beside them); every other line is computed again from the norms."
)
MAX_AMOUNT = 10**15  # VND: far above any reception; a typo of extra digits is refused


def _checked_amount(amount: int) -> int:
    if amount < 0 or amount > MAX_AMOUNT:
        raise BudgetError(_("Enter an amount in VND between 0 and %(max)s.") % {"max": f"{MAX_AMOUNT:,}"})
    return amount


def _reason(reason: str) -> str:
    reason = text_checked(reason)
    if not reason:
        raise BudgetError(_("Give the reason for the amount."))
    return reason


def _save(instance: CaseBudget | BudgetLine, actor: User) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise BudgetError(" ".join(error.messages)) from error
    stamp(instance, actor)
    instance.save()


def _locked(budget: CaseBudget) -> CaseBudget:
    return CaseBudget.objects.select_for_update().select_related("case", "category").get(pk=budget.pk)


@transaction.atomic
def budget_compute(*, actor: User, case: Case, category: GuestCategory, guests: int, days: int) -> CaseBudget:
    """Create the case's budget from the norms, or compute it again (see ``RECOMPUTE_RULE``)."""
    enforce(may_edit_finances(user=actor, case=case))
    if guests < 1 or days < 1:
        raise BudgetError(_("A budget needs at least one guest and one day."))
    # The case's row, locked first: two first computations of one case wait for each other here
    # (the budget's row they would lock does not exist yet), and the second finds the first's budget.
    Case.objects.select_for_update().get(pk=case.pk)
    budget = CaseBudget.objects.select_for_update().filter(case=case).first()
    if budget is None:
        budget = CaseBudget(case=case, created_by=actor, category=category, guests=guests, days=days)
    budget.category, budget.guests, budget.days = category, guests, days
    _save(budget, actor)
    estimated = {line.item_id: line for line in estimate(norms_in_force(category=category, on=case.start_date),
                                                           guests=guests, days=days)}  # fmt: skip
    kept = replaced = 0
    for line in budget.lines.all():
        if line.item_id is None or line.computed is None:
            kept += 1
            continue
        edited = line.amount != line.computed
        new = estimated.pop(line.item_id, None)
        if new is None:  # no norm any more: an edited line stays as a line of its own
            if edited:
                line.computed = line.unit_amount = None
                line.basis = ""
                _save(line, actor)
                kept += 1
            else:
                stamp(line, actor)
                line.delete()
            continue
        line.label, line.unit_amount, line.basis, line.computed = (
            new.label,
            new.unit_amount,
            new.basis,
            new.amount,
        )
        if edited:
            kept += 1
        else:
            line.amount, replaced = new.amount, replaced + 1
        _save(line, actor)
    for new in estimated.values():
        line = BudgetLine(
            budget=budget,
            item_id=new.item_id,
            label=new.label,
            basis=new.basis,
            unit_amount=new.unit_amount,
            computed=new.amount,
            amount=new.amount,
            order=new.order,
        )
        _save(line, actor)
    log_event(
        case=case,
        code=events.COMPUTED,
        actor=actor,
        text=f"{category.name} · {guests} \u00d7 {days}",
        data={"budget": budget.pk, "category": category.code, "guests": guests, "days": days, "kept": kept},
    )
    return budget


@transaction.atomic
def budget_line_edit(*, actor: User, line: BudgetLine, amount: int, reason: str) -> BudgetLine:
    """A line's estimated amount changed: the reason is required and kept beside it."""
    budget = _locked(line.budget)
    enforce(may_edit_finances(user=actor, case=budget.case))
    line = budget.lines.get(pk=line.pk)
    line.amount, line.reason = _checked_amount(amount), _reason(reason)
    _save(line, actor)
    log_event(case=budget.case, code=events.LINE_EDITED, actor=actor, text=f"{line.label}: {line.reason}",
              data={"line": line.pk, "amount": line.amount})  # fmt: skip
    return line


@transaction.atomic
def budget_line_add(*, actor: User, budget: CaseBudget, label: str, amount: int, reason: str) -> BudgetLine:
    """A line of an item the norms do not have, with its reason."""
    budget = _locked(budget)
    enforce(may_edit_finances(user=actor, case=budget.case))
    label = label.strip()
    if not label:
        raise BudgetError(_("Name the item."))
    last = budget.lines.order_by("-order").values_list("order", flat=True).first() or 0
    line = BudgetLine(budget=budget, label=label, amount=_checked_amount(amount), reason=_reason(reason),
                      order=last + 1)  # fmt: skip
    _save(line, actor)
    log_event(case=budget.case, code=events.LINE_ADDED, actor=actor, text=f"{line.label}: {line.reason}",
              data={"line": line.pk, "amount": line.amount})  # fmt: skip
    return line


@transaction.atomic
def budget_line_remove(*, actor: User, line: BudgetLine, reason: str) -> None:
    budget = _locked(line.budget)
    enforce(may_edit_finances(user=actor, case=budget.case))
    line = budget.lines.get(pk=line.pk)
    reason, pk = _reason(reason), line.pk
    stamp(line, actor)
    line.delete()
    log_event(case=budget.case, code=events.LINE_REMOVED, actor=actor, text=f"{line.label}: {reason}",
              data={"line": pk})  # fmt: skip


@dataclass(frozen=True)
class Actual:
    amount: int | None  # None: not (yet) known
    note: str = ""


@transaction.atomic
def budget_actuals_record(*, actor: User, budget: CaseBudget, actuals: Mapping[int, Actual]) -> CaseBudget:
    """The actual spending of some of the budget's lines (by line id), all or none."""
    budget = _locked(budget)
    enforce(may_edit_finances(user=actor, case=budget.case))
    lines = {line.pk: line for line in budget.lines.all()}
    unknown = set(actuals) - set(lines)
    if unknown:
        raise BudgetError(_("Some lines are not of this budget: %(ids)s.") % {"ids": sorted(unknown)})
    changed = []
    for pk, actual in actuals.items():
        line = lines[pk]
        amount = None if actual.amount is None else _checked_amount(actual.amount)
        note = text_checked(actual.note)
        if (line.actual, line.actual_note) == (amount, note):
            continue
        line.actual, line.actual_note = amount, note
        _save(line, actor)
        changed.append(pk)
    if changed:
        log_event(case=budget.case, code=events.ACTUALS, actor=actor, data={"lines": changed})
    return budget


@transaction.atomic
def budget_line_update(
    *, actor: User, line: BudgetLine, amount: int | None, reason: str, actual: Actual | None
) -> BudgetLine:
    """A line's new amount (with its reason) and/or its actual spending, both or neither."""
    if amount is not None:
        line = budget_line_edit(actor=actor, line=line, amount=amount, reason=reason)
    if actual is not None:
        budget_actuals_record(actor=actor, budget=line.budget, actuals={line.pk: actual})
    return line
