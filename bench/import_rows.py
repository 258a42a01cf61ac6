"""The import of issue 18 at national scale: 10,000 rows through the import (``check_rows`` and
``import_delegations``, as the import page runs them on a parsed file) against a bare
``bulk_create`` of the same rows (no checks, no history, no events). ``bench/scale.py`` calls
``measure_import(timed)`` on a benchmark database (agencies ``bench-0000``.., user ``protocol0``);
every run is rolled back, so the database is left as it was."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

COUNTRIES = ["JP", "KR", "CN", "US", "FR", "DE", "LA", "KH", "TH", "AU"]
STATUSES = ["closed", "reported", "completed", "cancelled", ""]


class _Undo(Exception):
    pass


def _rows(count: int, codes: list[str]) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """``count`` rows of the import's columns: past visits, two participants each (a pool of
    people who come back), 300 counterparts, one row in five with a co-host, one in ten with its
    own reference."""
    from ttdn.reports.case_table import columns

    first = datetime.date(2015, 1, 1)
    table = []
    for n in range(count):
        start = first + datetime.timedelta(days=n % 3000)
        a, b = (n * 7) % 15000, (n * 13 + 5) % 15000
        values = {
            "reference": f"DV-2001-{n + 1:05d}" if n % 10 == 0 else "",
            "kind": "delegation",
            "direction": "inbound",  # outbound delegations are not imported (outbound/)
            "delegation_kind": ["government", "diplomatic", "business", "experts"][n % 4],
            "mode": "in_person",
            "title": f"Đoàn số {n + 1} làm việc về hợp tác",
            "purpose": "Trao đổi hợp tác",
            "countries": COUNTRIES[n % 10],
            "counterpart_name": f"Đối tác nhập {n % 300}",
            "counterpart_kind": "government",
            "counterpart_country": COUNTRIES[n % 10],
            "start_date": start.strftime("%d/%m/%Y"),
            "end_date": (start + datetime.timedelta(days=2)).strftime("%d/%m/%Y"),
            "lead_agency": codes[n % len(codes)],
            "co_host_agencies": codes[(n + 1) % len(codes)] if n % 5 == 1 else "",
            "status": STATUSES[n % 5],
            "participants": (
                f"Person {a} | {COUNTRIES[a % 10]} | B{a:07d} | head; "
                f"Person {b} | {COUNTRIES[b % 10]} | B{b:07d} | member"
            ),
        }
        table.append((n + 2, [values[column] for column in columns()]))
    return columns(), table


def _bulk_create(check: Any, actor: Any, cases_only: bool) -> None:
    """The rows the import writes, written bare."""
    from django.contrib.auth.models import Permission

    from delegations.models import Delegation
    from ttdn.bulk import BATCH_SIZE
    from ttdn.cases.models import (
        Case,
        CaseGroupObjectPermission,
        CaseUserObjectPermission,
        Organisation,
        Participant,
        Person,
    )

    rows = check.rows
    organisations: dict[tuple[str, str], Organisation] = {}
    for row in rows:
        counterpart = row.data.fields["counterpart"]
        organisations.setdefault((counterpart.name, counterpart.country), Organisation(
            name=counterpart.name, kind=counterpart.kind, country=counterpart.country))  # fmt: skip
    if not cases_only:
        Organisation.objects.bulk_create(list(organisations.values()), batch_size=BATCH_SIZE)
    cases = []
    for number, row in enumerate(rows):
        fields = dict(row.data.fields)
        counterpart = fields.pop("counterpart")
        cases.append(Case(
            kind="delegation", created_by=actor, responsible_officer=actor, status=row.status or "draft",
            reference=row.reference or f"BX-{number:07d}", search_text=fields["title"],
            counterpart=None if cases_only else organisations[(counterpart.name, counterpart.country)], **fields,
        ))  # fmt: skip
    Case.objects.bulk_create(cases, batch_size=BATCH_SIZE)
    if cases_only:
        return
    Delegation.objects.bulk_create(
        [
            Delegation(case=case, delegation_kind=row.delegation_kind)
            for case, row in zip(cases, rows, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    through = Case.co_host_agencies.through
    links = [through(case=case, agency=agency) for case, row in zip(cases, rows, strict=True)
             for agency in row.data.co_host_agencies]  # fmt: skip
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    persons: dict[tuple[str, str], Person] = {}
    participants = []
    for case, row in zip(cases, rows, strict=True):
        for order, participant in enumerate(row.data.participants):
            data = participant.person
            person = persons.setdefault((data.nationality, data.passport_number), Person(
                full_name=data.full_name, nationality=data.nationality, passport_number=data.passport_number,
                organisation=case.counterpart))  # fmt: skip
            participants.append(Participant(case=case, person=person, role=participant.role, order=order,
                                            nationality=data.nationality))  # fmt: skip
    Person.objects.bulk_create(list(persons.values()), batch_size=BATCH_SIZE)
    Participant.objects.bulk_create(participants, batch_size=BATCH_SIZE)
    view = Permission.objects.get(content_type__app_label="cases", codename="view_case")
    need = Permission.objects.get(content_type__app_label="cases", codename="access_restricted_case")
    grants = [
        CaseGroupObjectPermission(content_object=case, permission=view, group_id=agency.group_id)
        for case, row in zip(cases, rows, strict=True)
        for agency in [row.data.fields["lead_agency"], *row.data.co_host_agencies]
    ]
    CaseGroupObjectPermission.objects.bulk_create(grants, batch_size=BATCH_SIZE)
    CaseUserObjectPermission.objects.bulk_create(
        [CaseUserObjectPermission(content_object=case, permission=need, user=actor) for case in cases],
        batch_size=BATCH_SIZE,
    )


def measure_import(
    timed: Callable[[Callable[[], Any]], dict[str, float]], rows: int = 10_000
) -> dict[str, Any]:
    from django.db import transaction

    from delegations.imports import check_rows, import_delegations
    from ttdn.accounts.models import Agency, User

    actor = User.objects.get(username="protocol0")
    codes = list(
        Agency.objects.filter(code__startswith="bench-0", is_active=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    header, table = _rows(rows, codes)

    def undone(run: Callable[[], Any]) -> Callable[[], None]:
        def wrapped() -> None:
            try:
                with transaction.atomic():
                    run()
                    raise _Undo
            except _Undo:
                pass

        return wrapped

    def imported() -> None:
        check = check_rows(header, table)
        assert check.ok, check.bad_rows[:3] or check.problems  # noqa: S101 - a benchmark's own rows
        created = import_delegations(actor=actor, check=check)
        assert len(created) == rows  # noqa: S101

    check = check_rows(header, table)  # the bare writes take the checked rows, as given
    label = f"{rows:,}"
    figures: dict[str, dict[str, float]] = {
        f"import {label} rows": timed(undone(imported)),
        "bulk_create of the same rows": timed(undone(lambda: _bulk_create(check, actor, cases_only=False))),
        "bulk_create, cases only": timed(undone(lambda: _bulk_create(check, actor, cases_only=True))),
    }
    ratio = figures[f"import {label} rows"]["ms"] / figures["bulk_create of the same rows"]["ms"]
    return {**figures, "ratio import / bulk_create": round(float(ratio), 2)}
