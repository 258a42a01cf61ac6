"""The history rows of a set-based write, copied by the database from the saved rows, are the
rows simple-history writes for the same records (issue 18: the import of 10,000 visits)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_agency, make_delegation
from ttdn.cases.history import bulk_create_recorded, history_record
from ttdn.cases.models import Case, Person

pytestmark = pytest.mark.django_db


def _people(first: int) -> list[Person]:
    return [
        Person(
            full_name=f"Nguyễn Văn {n}",
            nationality="JP",
            passport_number=f"TK{first + n:07d}",
            date_of_birth=datetime.date(1980, 1, n + 1),
            position="Tham tán",
        )
        for n in range(5)
    ]


def _tracked(record: Person) -> dict[str, object]:
    """What a history row keeps of a person, the passport apart (each set has its own numbers)."""
    return {name: getattr(record, name) for name in ("full_name", "nationality", "date_of_birth", "position")}


def test_copied_rows_are_simple_history_s_rows_decrypted_alike(protocol) -> None:
    copied = bulk_create_recorded(_people(0), actor=protocol)
    built = Person.objects.bulk_create(_people(100))
    for person in built:
        person._history_user = protocol  # type: ignore[attr-defined]
    history_record(built, history_type="+", actor=None)  # simple-history's own path

    for ours, theirs in zip(copied, built, strict=True):
        (mine,) = ours.history.all()
        (reference,) = theirs.history.all()
        assert (mine.history_type, mine.history_user, mine.id) == ("+", protocol, ours.pk)
        assert (reference.history_type, reference.history_user) == ("+", protocol)
        assert _tracked(mine) == _tracked(reference) == _tracked(ours)
        # each decrypts to what was written, its hash the record's
        assert (mine.passport_number, mine.passport_hash) == (ours.passport_number, ours.passport_hash)
        assert (reference.passport_number, reference.passport_hash) == (
            theirs.passport_number,
            theirs.passport_hash,
        )


def test_a_change_recorded_in_bulk_keeps_the_many_to_many_snapshot(protocol) -> None:
    host = make_agency()
    cases = [make_delegation(actor=protocol, co_hosts=[host]) for _ in range(3)]
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(title="Đoàn đã đổi tên")
    changed = list(Case.objects.filter(pk__in=[case.pk for case in cases]).order_by("pk"))

    with CaptureQueriesContext(connection) as captured:
        history_record(changed, history_type="~", actor=protocol)

    for case in changed:
        latest = case.history.latest("history_id")
        assert (latest.history_type, latest.title, latest.history_user) == ("~", "Đoàn đã đổi tên", protocol)
        assert list(latest.co_host_agencies.values_list("agency_id", flat=True)) == [host.pk]
    assert len(captured) <= 4  # the copy, the links read, their snapshot: not one per case
