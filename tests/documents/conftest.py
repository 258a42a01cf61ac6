"""The documents' tests: the default templates installed, files in a folder of the test's own, and
a case with everything the default templates draw from."""

from __future__ import annotations

import datetime
import io
from dataclasses import replace
from typing import Any

import pytest
from django.utils import timezone
from docx import Document as Docx

from tests.factories import case_data_as_now, make_agency, make_delegation, person_data
from ttdn.accounts.models import User
from ttdn.cases.models import Case, Organisation
from ttdn.cases.services.cases import ParticipantData, case_update
from ttdn.documents.defaults import templates_install_defaults
from ttdn.documents.models import Document, DocumentTemplate

PARTICIPANTS = ["Tanaka Hiroshi", "Suzuki Aiko", "Yamamoto Kenji"]


@pytest.fixture
def templates(db: None, attachment_storage: Any) -> dict[str, DocumentTemplate]:
    templates_install_defaults()
    # The templates with a file (the compiled report's, reports 0002, has none: the system draws it).
    drafted_from_a_file = DocumentTemplate.objects.filter(versions__isnull=False).distinct()
    return {template.code: template for template in drafted_from_a_file}


@pytest.fixture
def host(db: None) -> Any:
    return make_agency(name_vi="Sở Ngoại vụ thử", name_en="Test foreign affairs department")


def full_case(actor: User, *, co_hosts: list[Any] | None = None, **fields: Any) -> Case:
    """A delegation with a counterpart, three participants, a two-day programme, a request letter
    and a decision: every default template can be drafted from it."""
    start = timezone.localdate() + datetime.timedelta(days=20)
    case = make_delegation(
        actor=actor, start=start, days=2, participants=0, programme=3, co_hosts=co_hosts or [], **fields
    )
    data = case_data_as_now(case)
    counterpart = Organisation(name="Prefecture of Test", kind=Organisation.Kind.GOVERNMENT, country="JP")
    data.fields.update(
        counterpart=counterpart,
        request_letter_number="123/TEST-JP",
        request_letter_date=timezone.localdate() - datetime.timedelta(days=3),
        decision_number="45/QĐ-UBND",
        decision_date=timezone.localdate() - datetime.timedelta(days=1),
        purpose="Trao đổi hợp tác giáo dục.",
    )
    # The third item on the second day, so that the programme runs over two days.
    second = data.programme[2]
    one_day = datetime.timedelta(days=1)
    programme = [*data.programme[:2], replace(second, start=second.start + one_day, end=second.end + one_day)]
    participants = [
        ParticipantData(person_data(name, "JP", f"TD{n:07d}"), role="head" if n == 0 else "member")
        for n, name in enumerate(PARTICIPANTS)
    ]
    return case_update(
        actor=actor, case=case, data=replace(data, participants=participants, programme=programme)
    )


@pytest.fixture
def case(protocol: User, host: Any) -> Case:
    return full_case(protocol, co_hosts=[host], title="Đoàn Tỉnh Thử nghiệm (Nhật Bản)")


def docx_bytes(*paragraphs: str) -> bytes:
    """A DOCX of the given paragraphs, as a template an admin uploads."""
    docx = Docx()
    for text in paragraphs:
        docx.add_paragraph(text)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def docx_text(document: Document) -> str:
    """Every paragraph and table cell of the document's DOCX, one per line."""
    with document.docx.open("rb") as stored:
        docx = Docx(io.BytesIO(stored.read()))
    lines = [paragraph.text for paragraph in docx.paragraphs]
    for table in docx.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)
