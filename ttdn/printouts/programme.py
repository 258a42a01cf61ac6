"""The printed programme of a visit, as handed to the guests: in their language, or Vietnamese and
theirs side by side. Built from the case the view fetched through the selector, in a fixed number
of queries; it holds what the guests may read and nothing else (no police conditions, checklist or
review, no notes, no passport or identity data): the internal print-out is
``cases:programme_print``."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import pgettext

from ttdn.accounts.models import Agency
from ttdn.cases.models import Case, CaseHost, Participant, ProgrammeItem
from ttdn.languages import ENDONYMS, VIETNAMESE
from ttdn.printouts import vocabulary
from ttdn.printouts.seating import hosts_in_order, officials_among


@dataclass(frozen=True)
class Text:
    """A text typed by staff in the language of its column; ``fallback``: none was typed in it,
    and this is the Vietnamese, marked as such on the page (never left silently blank)."""

    value: str
    fallback: bool = False


@dataclass
class Cell:
    activity: str
    summary: Text
    place: Text
    hosts: Text


@dataclass
class Row:
    time: str
    cells: list[Cell]


@dataclass
class Part:
    labels: list[str]
    rows: list[Row] = field(default_factory=list)


@dataclass
class Day:
    headings: list[str]
    parts: list[Part] = field(default_factory=list)


@dataclass
class PersonCell:
    language: str
    title: Text
    role: str = ""


@dataclass
class PersonRow:
    """A guest or a host official: one name, their title (and role) in each column's language."""

    name: str
    name_in_script: str
    cells: list[PersonCell]


@dataclass
class Column:
    """What one language's column says around the programme."""

    language: str
    words: dict[str, str]
    counterpart: str
    dates: str
    host_line: str


@dataclass
class Printout:
    columns: list[Column]
    days: list[Day]
    guests: list[PersonRow]
    hosts: list[PersonRow]

    @property
    def has_fallback(self) -> bool:
        texts = [text for day in self.days for part in day.parts for row in part.rows for cell in row.cells
                 for text in (cell.summary, cell.place, cell.hosts)]  # fmt: skip
        texts += [cell.title for person in (*self.guests, *self.hosts) for cell in person.cells]
        return any(text.fallback for text in texts)


def words() -> dict[str, str]:
    """The headings of a programme in the active language."""
    return {
        "programme": pgettext("printout", "Programme"),
        "programme_of_visit": pgettext("printout", "Programme of the visit"),
        "delegation": pgettext("printout", "Delegation"),
        "vietnamese_side": pgettext("printout", "Vietnamese side"),
        "time": pgettext("printout", "Time"),
        "content": pgettext("printout", "Content"),
        "place": pgettext("printout", "Place"),
        "hosts": pgettext("printout", "Hosts"),
        "name": pgettext("printout", "Name"),
        "title": pgettext("printout", "Title"),
        "role": pgettext("printout", "Role"),
        "untranslated": pgettext("printout", "In Vietnamese: no translation was entered."),
        "no_programme": pgettext("printout", "The programme is being prepared."),
    }


def _translated(vietnamese: str, translated: str, language: str) -> Text:
    if language == VIETNAMESE:
        return Text(vietnamese)
    if translated.strip():
        return Text(translated)
    return Text(vietnamese, fallback=bool(vietnamese.strip()))


def _cell(item: ProgrammeItem, language: str) -> Cell:
    activity = str(vocabulary.ACTIVITIES.get(item.activity, vocabulary.ACTIVITIES["other"]))
    summary = _translated(item.summary, item.summary_translated, language)
    return Cell(
        # The kind of activity under the line's content, unless the content says just that.
        activity="" if summary.value in ("", activity) else activity,
        summary=summary if summary.value else Text(activity),
        place=_translated(item.place, item.place_translated, language),
        hosts=_translated(item.hosts, item.hosts_translated, language),
    )


def _days(items: list[ProgrammeItem], languages: list[str]) -> list[Day]:
    days = []
    by_day = groupby(items, key=lambda item: timezone.localdate(item.start))
    for day, day_items in by_day:
        headings = []
        for language in languages:
            with translation.override(language):
                headings.append(vocabulary.long_date(day))
        entry = Day(headings=headings)
        for part, part_items in groupby(
            day_items, key=lambda item: vocabulary.part_of_day(timezone.localtime(item.start))
        ):
            labels = []
            for language in languages:
                with translation.override(language):
                    labels.append(str(vocabulary.PARTS_OF_DAY[part]))
            rows = []
            for item in part_items:
                start, end = timezone.localtime(item.start), timezone.localtime(item.end)
                cells = []
                for language in languages:
                    with translation.override(language):
                        cells.append(_cell(item, language))
                rows.append(Row(time=f"{start:%H:%M} \N{EN DASH} {end:%H:%M}", cells=cells))
            entry.parts.append(Part(labels=labels, rows=rows))
        days.append(entry)
    return days


def _guests(participants: list[Participant], languages: list[str]) -> list[PersonRow]:
    """The guests (the Vietnamese officials among the participants are on the host side), the
    ranked first by rank, then in the order entered."""
    guests = sorted(
        (p for p in participants if p.role != Participant.Role.OFFICIAL),
        key=lambda p: (p.rank is None, p.rank or 0, p.order, p.pk),
    )
    rows = []
    for participant in guests:
        person = participant.person
        cells = []
        for language in languages:
            with translation.override(language):
                role = str(vocabulary.ROLES.get(participant.role, ""))
            title = _translated(person.position, person.position_translated, language)
            cells.append(PersonCell(language=language, title=title, role=role))
        rows.append(PersonRow(name=person.full_name, name_in_script=person.name_in_script, cells=cells))
    return rows


def _host_title(host: CaseHost | Participant, language: str) -> Text:
    if isinstance(host, Participant):  # a Vietnamese official among the participants
        return _translated(host.person.position, host.person.position_translated, language)
    title = _translated(host.position, host.position_translated, language)
    if host.agency is None:
        return title
    with translation.override(language):
        value = pgettext("printout", "%(position)s, %(agency)s") % {
            "position": title.value,
            "agency": host.agency.name_in(language),
        }
    return Text(value, title.fallback)


def _hosts(case: Case, participants: list[Participant], languages: list[str]) -> list[PersonRow]:
    """The host side in its order of precedence (``ttdn.printouts.seating.hosts_in_order``): the
    host officials with their agency's name, and the Vietnamese officials among the participants."""
    hosts = (
        CaseHost.objects.filter(case=case)
        .select_related("agency")
        .prefetch_related("agency__translated_names")
    )
    rows = []
    for host in hosts_in_order(hosts, officials_among(participants)):
        cells = [PersonCell(language=language, title=_host_title(host, language)) for language in languages]
        name = host.person.full_name if isinstance(host, Participant) else host.name
        rows.append(PersonRow(name=name, name_in_script="", cells=cells))
    return rows


def _column(case: Case, language: str, lead_agency: Agency) -> Column:
    with translation.override(language):
        return Column(
            language=language,
            words=words(),
            counterpart=case.counterpart.name if case.counterpart is not None else "",
            dates=vocabulary.date_range(case.start_date, case.end_date),
            host_line=pgettext("printout", "Hosted by: %(agency)s")
            % {"agency": lead_agency.name_in(language)},
        )


def programme_printout(*, case: Case, bilingual: bool) -> Printout:
    """The programme of ``case`` in its guests' language; ``bilingual``: Vietnamese beside it."""
    languages = [case.guest_language]
    if bilingual and case.guest_language != VIETNAMESE:
        languages = [VIETNAMESE, case.guest_language]
    lead_agency = (
        Agency.objects.filter(pk=case.lead_agency_id).prefetch_related(Prefetch("translated_names")).get()
    )
    items = list(ProgrammeItem.objects.filter(case=case).order_by("start", "pk"))
    participants = list(case.participants.select_related("person"))
    return Printout(
        columns=[_column(case, language, lead_agency) for language in languages],
        days=_days(items, languages),
        guests=_guests(participants, languages),
        hosts=_hosts(case, participants, languages),
    )


def language_name(language: str) -> str:
    """A language as its readers name it (on the print-outs' menu, beside the site's name)."""
    return ENDONYMS.get(language, language)
