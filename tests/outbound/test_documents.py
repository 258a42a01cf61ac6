"""The decision sending the delegation abroad lists its officials (``CaseKind.document_people``)."""

from __future__ import annotations

import pytest

from tests.documents.conftest import docx_text, templates  # noqa: F401 - the fixture
from tests.factories import make_outbound_trip
from ttdn.cases.models import Case
from ttdn.documents.errors import MissingForTemplate
from ttdn.documents.services import document_draft

pytestmark = pytest.mark.django_db


def test_the_outbound_decision_lists_the_officials(templates, protocol) -> None:  # noqa: F811
    case = make_outbound_trip(actor=protocol, members=2, countries=["KR"])
    Case.objects.filter(pk=case.pk).update(decision_number="12/QĐ-UBND", decision_date=case.start_date)
    case.refresh_from_db()

    text = docx_text(document_draft(actor=protocol, case=case, template=templates["outbound_decision"]))

    names = list(case.outbound_trip.members.values_list("official__full_name", flat=True))
    assert "gồm 2 người" in text and all(name in text for name in names)
    assert "Việt Nam" in text and "Chuyên viên" in text


def test_a_trip_without_members_is_refused_the_decision(templates, protocol) -> None:  # noqa: F811
    case = make_outbound_trip(actor=protocol)
    Case.objects.filter(pk=case.pk).update(decision_number="12/QĐ-UBND", decision_date=case.start_date)
    case.refresh_from_db()

    with pytest.raises(MissingForTemplate) as refused:
        document_draft(actor=protocol, case=case, template=templates["outbound_decision"])
    assert refused.value.missing == ["participants"]
