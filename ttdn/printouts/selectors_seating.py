"""The people of a case's order of precedence, read in a number of queries that does not grow with
them (the case itself comes through ``ttdn.cases.selectors.case_get_for``)."""

from __future__ import annotations

from ttdn.cases.models import Case, CaseHost, Participant
from ttdn.printouts.seating import Precedence, precedence


def case_participants(case: Case) -> list[Participant]:
    return list(case.participants.select_related("person", "person__organisation"))


def case_hosts(case: Case) -> list[CaseHost]:
    return list(case.hosts.select_related("agency").order_by("rank", "pk"))


def case_precedence(case: Case) -> Precedence:
    """Both sides of ``case`` (fetched with its counterpart, as ``case_get_for`` does)."""
    counterpart = case.counterpart.name if case.counterpart else ""
    return precedence(participants=case_participants(case), hosts=case_hosts(case), counterpart=counterpart)
