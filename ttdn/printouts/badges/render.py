"""The badges and the place cards of a case, as PDF: the cards' text gathered in one read, the
long names shrunk to fit their card, the QR codes drawn inline (segno, SVG), the sheets laid out
by the layout (``BadgeLayout``) and rendered by ``ttdn.printouts.pdf.render_pdf``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin

import segno
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy

from ttdn.accounts.models import AgencyName
from ttdn.cases.models import Case, CaseHost, Participant
from ttdn.languages import VIETNAMESE
from ttdn.printouts.badges.layouts import SHEETS, Element, Kind, Sheet
from ttdn.printouts.badges.tokens import badge_token
from ttdn.printouts.models import BadgeLayout
from ttdn.printouts.vocabulary import country_name

# The few fixed words of a badge, in the guests' language (the print-outs' catalogues).
ROLE_WORDS: dict[str, Promise] = {
    Participant.Role.HEAD: pgettext_lazy("printout badge", "Head of delegation"),
    Participant.Role.MEMBER: pgettext_lazy("printout badge", "Delegation"),
    Participant.Role.OFFICIAL: pgettext_lazy("printout badge", "Host"),
    Participant.Role.INTERPRETER: pgettext_lazy("printout badge", "Interpreter"),
    Participant.Role.REPORTER: pgettext_lazy("printout badge", "Press"),
    Participant.Role.CAMERA: pgettext_lazy("printout badge", "Press"),
    Participant.Role.PRODUCER: pgettext_lazy("printout badge", "Press"),
}
HOST_WORD = pgettext_lazy("printout badge", "Host")
VIETNAM = "VN"

PADDING_MM = 6  # inside each card: what a printer's margin or a slightly off cut never reaches
POINTS_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Card:
    """One badge, or one place card (both its faces)."""

    name: str
    name_size: float  # points: the layout's size, or less for a long name
    second_name: str  # the name in the guests' script under it (badges), the Latin one (cards)
    position: str
    position_second: str  # a host's title in the guests' language, under the Vietnamese
    organisation: str
    country: str
    role_word: str
    qr: SafeString


def text_width_em(text: str) -> float:
    """How wide ``text`` runs, in ems, erring wide: CJK characters are a full em, capitals and
    Lao letters most of one, marks nothing; so that a name fitted by it is never cut off."""
    width = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Mn":
            continue
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += 1.0
        elif char.isspace():
            width += 0.3
        elif "\u0e80" <= char <= "\u0eff" or char.isupper():
            width += 0.75
        else:
            width += 0.56
    return width


def fitted_size(text: str, *, size: float, width_mm: float, lines: int = 1) -> float:
    """``size``, or smaller so that ``text`` fits ``width_mm`` in ``lines`` lines (never under 6 pt)."""
    em = text_width_em(text)
    if not em:
        return size
    room = width_mm * POINTS_PER_MM * lines * (0.92 if lines > 1 else 1)
    return round(max(6.0, min(size, room / em)), 1)


def verification_url(*, case_id: int, participant_id: int) -> str:
    path = reverse(
        "printouts:badge_verify",
        kwargs={"token": badge_token(case_id=case_id, participant_id=participant_id)},
    )
    return urljoin(settings.TTDN_BASE_URL, path)


def qr_svg(url: str) -> SafeString:
    """The QR code of ``url`` as an inline SVG element (no size: the card's style gives it)."""
    svg = segno.make(url, error="m").svg_inline(border=0, omitsize=True, dark="#000")
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703 - segno's own SVG of our signed URL


def _participants(case: Case) -> list[Participant]:
    """The guests in order of precedence: by rank, the unranked after the ranked, in their order."""
    participants = case.participants.select_related("person", "person__organisation")
    return sorted(participants, key=lambda p: (p.rank is None, p.rank or 0, p.order, p.pk))


def _name_width(layout: BadgeLayout) -> float:
    sheet = SHEETS[Sheet(layout.sheet)]
    return sheet.width_mm - 2 * PADDING_MM


def participant_card(
    participant: Participant, *, layout: BadgeLayout, elements: dict[str, Element], language: str
) -> Card:
    person = participant.person
    badge = layout.kind == Kind.BADGE
    script = person.name_in_script.strip()
    element = elements["name"]
    if badge or not script:
        name, second = person.full_name, script
    else:  # a place card in the guests' script, the Latin name under it
        name, second = script, person.full_name
    position = (person.position_translated if language != VIETNAMESE else "") or person.position
    organisation = person.organisation
    return Card(
        name=name,
        name_size=fitted_size(name, size=element.size, width_mm=_name_width(layout), lines=2 if badge else 1),
        second_name=second,
        position=position,
        position_second="",
        organisation=(
            organisation.name_vi if language == VIETNAMESE and organisation.name_vi else organisation.name
        )
        if organisation
        else "",
        country=country_name(person.nationality.code, language) if person.nationality else "",
        role_word=str(ROLE_WORDS.get(participant.role, "")),
        qr=qr_svg(verification_url(case_id=participant.case_id, participant_id=participant.pk))
        if badge and "qr" in elements
        else SafeString(""),
    )


def host_card(host: CaseHost, *, layout: BadgeLayout, elements: dict[str, Element], language: str) -> Card:
    """A Vietnamese official's place card: in Vietnamese, the title in the guests' language under it."""
    element = elements["name"]
    return Card(
        name=host.name,
        name_size=fitted_size(host.name, size=element.size, width_mm=_name_width(layout)),
        second_name="",
        position=host.position,
        position_second=host.position_translated if language != VIETNAMESE else "",
        organisation=host.agency.name_in(language) if host.agency else "",
        country=country_name(VIETNAM, language),
        role_word=str(HOST_WORD),
        qr=SafeString(""),
    )


def cards_for(*, case: Case, layout: BadgeLayout) -> list[Card]:
    """The guests' cards in order of precedence; on place cards, the hosts' after them. A fixed
    number of queries, however many people."""
    language = case.guest_language
    elements = {element.field: element for element in layout.element_list}
    with translation.override(language):  # the countries' names and the roles in the guests' words
        cards = [
            participant_card(participant, layout=layout, elements=elements, language=language)
            for participant in _participants(case)
        ]
        if layout.kind == Kind.PLACE_CARD:
            hosts = case.hosts.select_related("agency").prefetch_related(
                Prefetch("agency__translated_names", queryset=AgencyName.objects.all())
            )
            cards += [host_card(host, layout=layout, elements=elements, language=language) for host in hosts]
    return cards


def sheets_of(cards: list[Card], per_sheet: int) -> list[list[Card]]:
    return [cards[start : start + per_sheet] for start in range(0, len(cards), per_sheet)]


def cards_pdf(*, case: Case, layout: BadgeLayout, cards: list[Card]) -> bytes:
    from ttdn.printouts.pdf import render_pdf

    sheet = SHEETS[Sheet(layout.sheet)]
    template = (
        "printouts/badges/badges_pdf.html"
        if layout.kind == Kind.BADGE
        else "printouts/badges/place_cards_pdf.html"
    )
    context = {
        "case": case,
        "layout": layout,
        "elements": layout.element_list,
        "sheet": sheet,
        "sheet_class": layout.sheet,
        "sheets": sheets_of(cards, sheet.per_sheet if layout.kind == Kind.BADGE else 1),
        "cards": cards,
    }
    # The layout's colour and sizes, and each long name's smaller size, are its stylesheet's
    # (validated: a colour #RRGGBB, sizes in bounds, fields by name): no style in the HTML.
    return render_pdf(
        template, context, language=case.guest_language, style_template=template.replace(".html", ".css")
    )
