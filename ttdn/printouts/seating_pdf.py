"""The order of precedence and the seating plan of a case as PDF, in the language of the request
(the pages' and the API's): the office's print-outs, not the guests'."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.cases.models import Case
from ttdn.printouts.pdf import render_pdf
from ttdn.printouts.seating import case_seating_plan
from ttdn.printouts.selectors_seating import case_precedence

# Where the room's door is, if the plan is to show it: behind one side.
ENTRANCES = [
    ("", gettext_lazy("not shown")),
    ("hosts", gettext_lazy("behind the host side")),
    ("guests", gettext_lazy("behind the guests' side")),
]


def entrance_checked(value: str) -> str:
    return value if value in dict(ENTRANCES) else ""


def seating_context(case: Case, *, entrance: str = "") -> dict[str, Any]:
    listing = case_precedence(case)
    entrance = entrance_checked(entrance)
    return {
        "case": case,
        "listing": listing,
        "plan": case_seating_plan(listing),
        "entrance": entrance,
        "entrance_query": f"?entrance={entrance}" if entrance else "",
        "entrances": ENTRANCES,
    }


def _language() -> str:
    return translation.get_language() or "vi"


def precedence_pdf(case: Case) -> bytes:
    context = {**seating_context(case), "title": _("Order of precedence")}
    return render_pdf("printouts/seating/precedence_pdf.html", context, language=_language())


def seating_pdf(case: Case, *, entrance: str = "") -> bytes:
    context = {**seating_context(case, entrance=entrance), "title": _("Seating plan"), "landscape": True}
    return render_pdf("printouts/seating/seating_pdf.html", context, language=_language())
