"""Drafting from a case: what each default template puts in the DOCX, what it refuses, and a draft
drawn again after the case changed."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.documents.conftest import PARTICIPANTS, docx_bytes, docx_text
from tests.factories import approve, case_data_as_now, file_report, make_delegation
from ttdn.cases.models import CaseEvent
from ttdn.cases.services.cases import case_update
from ttdn.cases.services.workflow import case_transition
from ttdn.documents import dates
from ttdn.documents.errors import DocumentError, MissingForTemplate
from ttdn.documents.models import Document, DocumentTemplate
from ttdn.documents.services import document_draft, document_regenerate, template_version_add

pytestmark = pytest.mark.django_db

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFTABLE = ["submission", "police_request", "invitation_vi", "invitation_en", "reply", "outbound_decision",
             "programme"]  # fmt: skip


def test_the_default_set_is_installed_once(templates) -> None:
    from ttdn.documents.defaults import templates_install_defaults

    assert set(templates) == {*DRAFTABLE, "post_visit_report"}
    assert all(template.current_version is not None for template in templates.values())

    assert set(templates_install_defaults()) == {f"{code}: kept" for code in templates}
    assert all(template.versions.count() == 1 for template in templates.values())


@pytest.mark.parametrize("code", DRAFTABLE)
def test_each_default_draft_is_in_the_decree_30_layout_with_the_case_in_it(code, templates, case, protocol):
    document = document_draft(actor=protocol, case=case, template=templates[code])

    text = docx_text(document)
    assert NATIONAL_TITLE in text
    assert MOTTO in text
    number_line = "No.: ..." if code == "invitation_en" else "Số: ..."
    assert f"{number_line}/{templates[code].symbol}" in text  # no number before it is issued
    assert (
        "Tuyên Quang, ..." if code == "invitation_en" else "Tuyên Quang, ngày ... tháng ... năm ..."
    ) in text
    assert document.status == Document.Status.DRAFT and document.number is None
    assert "{{" not in text and "{%" not in text
    named = {"submission": PARTICIPANTS[:1], "reply": [], "programme": []}.get(code, PARTICIPANTS)
    assert all(name in text for name in named)


def test_the_submission_names_the_case_and_its_dates_in_words(templates, case, protocol) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["submission"])

    text = docx_text(document)
    assert case.reference in text
    assert dates.vi_words(case.start_date) in text or case.start_date.strftime("%d/%m/%Y") in text
    assert document.summary.startswith("Về việc đoàn Tỉnh Thử nghiệm")  # the title runs in the sentence


def test_the_programme_lists_every_day_with_its_weekday(templates, case, protocol) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["programme"])

    text = docx_text(document)
    for day in (case.start_date, case.start_date + datetime.timedelta(days=1)):
        assert f"{dates.vi_weekday(day)}, ngày {day:%d/%m/%Y}" in text or day.strftime("%d/%m/%Y") in text
        assert dates.vi_weekday(day) in text
    assert all(f"Place {n}" in text for n in range(3))


def test_the_english_invitation_has_its_dates_and_countries_in_english(templates, case, protocol) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["invitation_en"])

    text = docx_text(document)
    assert dates.en_words(case.start_date) in text
    assert "Japan" in text
    assert "Dear Tanaka Hiroshi," in text and "Recipients:" in text


def test_a_template_missing_what_the_case_lacks_names_it_and_drafts_nothing(templates, protocol) -> None:
    case = make_delegation(actor=protocol, participants=0)

    with pytest.raises(MissingForTemplate) as refused:
        document_draft(actor=protocol, case=case, template=templates["outbound_decision"])

    assert refused.value.missing == ["decision", "participants"]
    assert refused.value.message == (
        "Quyết định cử đoàn ra nước ngoài needs the decision's number and date, participants on the case first."
    )
    assert not Document.objects.exists()


def test_the_post_visit_report_is_drafted_from_the_filed_report(templates, protocol, leader) -> None:
    start = timezone.localdate() - datetime.timedelta(days=5)
    case = approve(make_delegation(actor=protocol, start=start, days=1, participants=2), leader=leader)
    for name in ("start", "complete"):
        case = case_transition(actor=protocol, case=case, name=name)
    with pytest.raises(MissingForTemplate):
        document_draft(actor=protocol, case=case, template=templates["post_visit_report"])
    case = file_report(case, protocol)

    document = document_draft(actor=protocol, case=case, template=templates["post_visit_report"])

    text = docx_text(document)
    assert "Đoàn đã hoàn thành chương trình." in text
    assert NATIONAL_TITLE in text and "BÁO CÁO" in text


def test_a_template_with_an_unknown_placeholder_is_refused_by_name(templates) -> None:
    template = templates["submission"]

    with pytest.raises(DocumentError, match="do not exist: passport_numbers, secret"):
        template_version_add(
            actor=None, template=template,
            upload=ContentFile(docx_bytes("{{ reference }}", "{{ passport_numbers }}", "{{ secret.x }}"), name="t.docx"),
        )  # fmt: skip
    assert template.versions.count() == 1


def test_a_template_with_a_syntax_error_or_not_a_docx_is_refused(templates) -> None:
    template = templates["submission"]

    with pytest.raises(DocumentError, match="placeholder error"):
        template_version_add(
            actor=None, template=template, upload=ContentFile(docx_bytes("{{ title "), name="t.docx")
        )
    with pytest.raises(DocumentError, match="not a DOCX"):
        template_version_add(actor=None, template=template, upload=ContentFile(b"%PDF-1.4 x", name="t.docx"))
    assert template.versions.count() == 1


def test_the_sandbox_keeps_a_template_from_reaching_further(templates, case, protocol) -> None:
    template = templates["submission"]
    template_version_add(
        actor=None, template=template,
        upload=ContentFile(docx_bytes("{{ title.__class__.__mro__ }}|{{ reference }}"), name="t.docx"),
    )  # fmt: skip

    with pytest.raises(DocumentError, match="unsafe"):
        document_draft(actor=protocol, case=case, template=template)
    assert not Document.objects.exists()


def test_characters_that_mean_something_in_xml_are_written_as_text(templates, protocol) -> None:
    title = 'Đoàn "A&B" <Hội> Tom & Jerry'
    case = make_delegation(actor=protocol, title=title, participants=1)

    document = document_draft(actor=protocol, case=case, template=templates["submission"])

    assert 'đoàn "A&B" <Hội> Tom & Jerry' in docx_text(document)  # the title runs in the sentence


def test_a_draft_drawn_again_shows_the_case_as_it_is_now(templates, case, protocol) -> None:
    document = document_draft(actor=protocol, case=case, template=templates["invitation_vi"])
    data = case_data_as_now(case)
    case_update(
        actor=protocol, case=case, data=replace(data, fields={**data.fields, "title": "Đoàn Mới Đổi Tên"})
    )

    document = document_regenerate(actor=protocol, document=document)

    assert "Đoàn Mới Đổi Tên" in docx_text(document)
    assert document.generation == 2
    codes = list(CaseEvent.objects.filter(case=case).values_list("code", flat=True))
    assert "document.drafted" in codes and "document.regenerated" in codes


def test_an_inactive_template_drafts_nothing(templates, case, protocol) -> None:
    DocumentTemplate.objects.filter(code="programme").update(is_active=False)

    with pytest.raises(DocumentError, match="not available"):
        document_draft(actor=protocol, case=case, template=DocumentTemplate.objects.get(code="programme"))
    assert not Document.objects.exists()


def test_the_police_s_conditions_run_on_in_the_submission_s_sentence(templates, case, protocol) -> None:
    from tests.factories import police_clear
    from ttdn.cases.services.workflow import case_submit

    police_clear(case_submit(actor=protocol, case=case), conditions="Không quay phim khu vực biên giới.")

    text = docx_text(document_draft(actor=protocol, case=case, template=templates["submission"]))

    assert "điều kiện: Không quay phim khu vực biên giới." in text
    assert "biên giới.." not in text
    reply = docx_text(document_draft(actor=protocol, case=case, template=templates["reply"]))
    assert "Đề nghị đoàn lưu ý: Không quay phim khu vực biên giới." in reply
    invitation = docx_text(document_draft(actor=protocol, case=case, template=templates["invitation_vi"]))
    assert "Trao đổi hợp tác giáo dục." in invitation and "giáo dục.." not in invitation
