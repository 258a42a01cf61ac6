"""Issuing: a number only when issued, without gaps per register, symbol and year, never shared
by two documents issued at the same moment, never reused."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.documents.conftest import docx_text
from tests.fixtures.worker import _database_url
from ttdn.accounts.roles import Role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import CaseEvent
from ttdn.documents import services
from ttdn.documents.errors import AlreadyIssued, DocumentError
from ttdn.documents.models import Document
from ttdn.documents.services import document_draft, document_issue, document_regenerate

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _issue(document: Document, actor, on: datetime.date = TODAY) -> Document:
    return document_issue(
        actor=actor, document=document, signer="Nguyễn Thị Ký", issued_on=on,
        recipients=["Chủ tịch UBND tỉnh", "- Công an tỉnh;"],
    )  # fmt: skip


def test_an_issued_document_carries_its_number_signer_date_and_recipients(templates, case, protocol) -> None:
    document = _issue(document_draft(actor=protocol, case=case, template=templates["submission"]), protocol)

    assert (document.number, document.year, document.number_label) == (1, TODAY.year, "01/TTr-VP")
    text = docx_text(document)
    assert "Số: 01/TTr-VP" in text
    assert f"Tuyên Quang, ngày {TODAY:%d} tháng {TODAY.month} năm {TODAY.year}" in text
    assert "Nguyễn Thị Ký" in text
    assert "- Công an tỉnh;" in text and "- Chủ tịch UBND tỉnh;" in text
    assert document.recipients == "Chủ tịch UBND tỉnh\nCông an tỉnh"
    event = CaseEvent.objects.get(case=case, code="document.issued")
    assert event.text.startswith("01/TTr-VP: Về việc")


def test_numbers_run_per_register_symbol_and_year(templates, case, protocol) -> None:
    def issued(code: str, on: datetime.date = TODAY) -> str:
        return _issue(
            document_draft(actor=protocol, case=case, template=templates[code]), protocol, on
        ).number_label

    last_year = datetime.date(TODAY.year - 1, 12, 30)
    labels = [issued("submission"), issued("submission"), issued("invitation_vi"), issued("police_request"),
              issued("reply"), issued("submission", last_year), issued("submission")]  # fmt: skip

    assert labels == ["01/TTr-VP", "02/TTr-VP", "01/GM-VP", "01/VP-NG", "02/VP-NG", "01/TTr-VP", "03/TTr-VP"]
    assert Document.objects.get(number=1, year=last_year.year).issued_on == last_year


def test_issuing_twice_is_refused_and_keeps_the_first_number(templates, case, protocol) -> None:
    document = _issue(document_draft(actor=protocol, case=case, template=templates["submission"]), protocol)

    with pytest.raises(AlreadyIssued, match="01/TTr-VP was already issued"):
        _issue(document, protocol)
    with pytest.raises(CaseError, match="not drafted again"):
        document_regenerate(actor=protocol, document=document)
    document.refresh_from_db()
    assert document.number == 1 and Document.objects.filter(number__isnull=False).count() == 1


def test_a_failed_issue_gives_its_number_back(templates, case, protocol, monkeypatch) -> None:
    first = document_draft(actor=protocol, case=case, template=templates["submission"])
    second = document_draft(actor=protocol, case=case, template=templates["submission"])

    def broken(*args, **kwargs):
        raise OSError("the disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(services, "_render", broken)
        with pytest.raises(OSError):
            _issue(first, protocol)
    first.refresh_from_db()
    assert first.status == Document.Status.DRAFT and first.number is None

    assert _issue(second, protocol).number == 1
    assert _issue(first, protocol).number == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"signer": "  "}, "Name the signer"),
        ({"recipients": [" ", ""]}, "at least one recipient"),
        ({"issued_on": TODAY + datetime.timedelta(days=1)}, "not later"),
    ],
)
def test_an_issue_without_what_it_needs_is_refused(templates, case, protocol, changes, message) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["submission"])
    values = {"signer": "Nguyễn Thị Ký", "issued_on": TODAY, "recipients": ["Chủ tịch UBND tỉnh"], **changes}

    with pytest.raises(DocumentError, match=message):
        document_issue(actor=protocol, document=document, **values)
    assert not Document.objects.filter(number__isnull=False).exists()


def test_only_protocol_staff_issue(templates, case, protocol, make_user, host) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["submission"])

    for user in (make_user(Role.AGENCY, agency=host), make_user(Role.LEADER)):
        with pytest.raises(CaseError, match="Only protocol staff"):
            _issue(document, user)
    assert Document.objects.get().number is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_documents_issued_at_the_same_moment_by_two_processes_never_share_a_number(
    templates, case, protocol, tmp_path: Path
) -> None:
    drafts = [document_draft(actor=protocol, case=case, template=templates["submission"]) for _ in range(20)]
    go = tmp_path / "go"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ttdn.settings.base", "DATABASE_URL": _database_url(),
           "MEDIA_ROOT": str(settings.MEDIA_ROOT)}  # fmt: skip
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.documents.issue_in_process",
                str(go),
                str(protocol.pk),
                *[str(d.pk) for d in drafts[half::2]],
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for half in (0, 1)
    ]
    go.touch()
    outputs = [process.communicate(timeout=120)[0].decode() for process in processes]

    assert [process.returncode for process in processes] == [0, 0], outputs
    numbers = sorted(number for number in Document.objects.values_list("number", flat=True) if number)
    assert numbers == list(range(1, 21))
