"""Statements compiled once (ttdn/statements.py): the same rows and counts as the queryset would
give for each value, on either database."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.factories import make_delegation
from ttdn.cases.models import CaseEvent
from ttdn.statements import STAND_IN, compile_once

pytestmark = pytest.mark.django_db

COLUMNS = ("case_id", "code", "at", "data")


def _events(case_id: int):
    return CaseEvent.objects.filter(case_id=case_id).order_by("at", "pk").values_list(*COLUMNS)


def test_one_compiled_statement_gives_each_case_its_own_rows_as_python_values(protocol) -> None:
    first, second = make_delegation(actor=protocol), make_delegation(actor=protocol)
    CaseEvent.objects.create(case=second, code="case.note", data={"person": 7, "names": ["a", "b"]})
    statement = compile_once(_events(STAND_IN), "default")

    for case in (first, second):
        rows = statement.rows(case.pk)
        assert rows == list(_events(case.pk))  # aware datetimes, JSON as dicts, on either backend
        assert statement.count(case.pk) == len(rows) > 0
    assert statement.rows(second.pk)[-1][3] == {"person": 7, "names": ["a", "b"]}
    assert statement.count(-1) == 0


def test_a_statement_that_ignores_the_stand_in_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured):
        compile_once(CaseEvent.objects.filter(code="case.note"), "default")
