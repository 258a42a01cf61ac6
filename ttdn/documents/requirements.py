"""What a template may require of a case before it is drafted, each with what the user is told."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ttdn.cases import kinds
from ttdn.cases.models import Case, PostVisitReport, Review
from ttdn.documents.errors import MissingForTemplate


@dataclass(frozen=True)
class Requirement:
    code: str
    label: str | Promise  # "a decision number": what is missing, named in the message
    met: Callable[[Case], bool]


DECIDED = (Review.Status.CLEARED, Review.Status.CLEARED_WITH_CONDITIONS, Review.Status.NOT_CLEARED)


def _has_people(case: Case) -> bool:
    """Participants, or the people a kind lists instead (``CaseKind.document_people``)."""
    kind = kinds.get(case.kind) if case.kind in kinds.codes() else None
    if kind is not None and kind.document_people is not None:
        return bool(kind.document_people(case))
    return case.participants.exists()


def _has_decided_review(case: Case) -> bool:
    return case.reviews.filter(status__in=DECIDED).exists()


REQUIREMENTS: dict[str, Requirement] = {
    requirement.code: requirement
    for requirement in (
        Requirement("counterpart", _("a counterpart"), lambda case: case.counterpart_id is not None),
        Requirement("participants", _("participants"), _has_people),
        Requirement("programme", _("a programme"), lambda case: case.programme_items.exists()),
        Requirement(
            "request_letter", _("the request letter's number"), lambda case: bool(case.request_letter_number)
        ),
        Requirement(
            "decision",
            _("the decision's number and date"),
            lambda case: bool(case.decision_number) and case.decision_date is not None,
        ),
        Requirement("review", _("the police's opinion (a decided review)"), _has_decided_review),
        Requirement(
            "post_visit_report",
            _("the post-visit report"),
            lambda case: PostVisitReport.objects.filter(followup__case=case).exists(),
        ),
    )
}


def requirement_choices() -> list[tuple[str, str]]:
    return [(code, str(requirement.label)) for code, requirement in REQUIREMENTS.items()]


def requirements_check(*, case: Case, codes: list[str], template_name: str) -> None:
    """Refuse, naming each thing the case lacks for ``template_name``."""
    wanted = [REQUIREMENTS[code] for code in codes if code in REQUIREMENTS]
    missing = [requirement for requirement in wanted if not requirement.met(case)]
    if missing:
        raise MissingForTemplate(
            gettext("%(template)s needs %(missing)s on the case first.")
            % {"template": template_name, "missing": ", ".join(str(r.label) for r in missing)},
            missing=[requirement.code for requirement in missing],
        )
