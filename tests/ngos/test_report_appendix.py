"""The compiled report's appendix of the foreign NGOs active in its period (issue 23)."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document as open_docx

from ngos.models import Certificate, Ngo
from tests.factories import approve, make_delegation
from tests.ngos.projects_helpers import make_ngo
from tests.reports.requests_fixtures import asked
from ttdn.reports.contributions.services import request_compile

pytestmark = pytest.mark.django_db
D = datetime.date


def _certify(ngo: Ngo, number: str, issued_on: datetime.date, valid_until: datetime.date) -> None:
    Certificate.objects.create(
        ngo=ngo,
        kind=Certificate.Kind.OPERATION,
        event=Certificate.Event.ISSUED,
        number=number,
        issued_on=issued_on,
        valid_until=valid_until,
    )


def _appendix_rows(document) -> list[list[str]]:
    with document.docx.open("rb") as stored:
        doc = open_docx(io.BytesIO(stored.read()))
    return [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]


def test_the_compiled_report_lists_the_ngos_active_in_its_quarter(make_user, protocol, attachment_storage):
    setup = asked(make_user, protocol)  # Decree 09's first quarter of 2026: 15/12/2025 to 14/03/2026
    care = make_ngo("CARE International")
    _certify(care, "12/ĐK", D(2023, 1, 10), D(2025, 12, 20))
    _certify(care, "34/ĐK", D(2025, 12, 21), D(2030, 12, 20))  # renewed in the quarter: the one listed
    gone = make_ngo("Old Aid Foundation")
    _certify(gone, "56/ĐK", D(2020, 1, 1), D(2025, 12, 14))  # lapsed the day before the quarter
    for start in (D(2026, 1, 12), D(2026, 3, 2)):
        approve(make_delegation(actor=protocol, start=start, counterpart=care.organisation))

    compiled = request_compile(actor=protocol, request=setup.request)

    assert compiled.document is not None
    rows = _appendix_rows(compiled.document)
    assert ["TT", "Tên tổ chức", "Quốc gia", "Giấy đăng ký", "Hiệu lực đến", "Số đoàn vào trong kỳ"] in rows
    listed = [row for row in rows if row[1:2] in (["CARE International"], ["Old Aid Foundation"])]
    assert listed == [
        ["1", "CARE International", "Hoa Kỳ", "Giấy đăng ký hoạt động số 34/ĐK", "20/12/2030", "2"]
    ]


def test_an_agency_s_compiled_view_has_no_ngo_appendix(make_user, protocol, attachment_storage):
    """The registry is for protocol, leaders and the police: an agency's staff never see it, in
    the compiled report either (the appendix asks the registry's own rule)."""
    from ngos.report_appendix import ACTIVE_NGOS

    setup = asked(make_user, protocol)
    _certify(make_ngo(), "12/ĐK", D(2025, 1, 1), D(2030, 1, 1))

    assert ACTIVE_NGOS.visible_to(setup.culture_staff) is False
    assert ACTIVE_NGOS.visible_to(protocol) is True
