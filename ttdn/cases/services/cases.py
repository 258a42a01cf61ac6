"""Creating and editing cases with their participants and programme, in one transaction."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from ttdn.accounts.models import Agency, User
from ttdn.bulk import BATCH_SIZE, chunked
from ttdn.cases import kinds
from ttdn.cases.errors import RowError
from ttdn.cases.events import log_event, log_events
from ttdn.cases.fields import countries_checked
from ttdn.cases.history import bulk_create_recorded, history_record, stamp
from ttdn.cases.models import Case, Organisation, Participant, ProgrammeItem
from ttdn.cases.permissions import (
    grant_need_to_know,
    grant_need_to_know_many,
    sync_host_grants,
    sync_host_grants_many,
)
from ttdn.cases.policy import enforce, may_create_case, may_edit, may_record_decision
from ttdn.cases.services.hosts import ranks_checked
from ttdn.cases.services.organisations import organisation_find_or_create, organisations_find_or_create
from ttdn.cases.services.people import (
    PersonData,
    person_find_or_create,
    person_link,
    persons_find_or_create,
)
from ttdn.cases.services.references import reference_next, references_next
from ttdn.cases.services.reviews import referral_sight_sync, review_after_change
from ttdn.cases.text import case_search_text

# The shared fields a form may set; kind apps add their own beside the case.
CASE_FIELDS = (
    "direction",
    "title",
    "purpose",
    "counterpart",
    "countries",
    "start_date",
    "end_date",
    "mode",
    "lead_agency",
    "responsible_officer",
    "access_level",
    "request_letter_number",
    "request_letter_date",
    "decision_number",
    "decision_date",
    "decision_signer",
    "guest_language",
    "notes",
)


@dataclass(frozen=True)
class ParticipantData:
    person: PersonData
    role: str = Participant.Role.MEMBER
    # A registered person picked on the form (their id, checked against what the user may see):
    # that person takes part, brought up to date with ``person``, whatever their passport.
    person_id: int | None = None
    # Order of precedence (ttdn.cases.services.hosts): not what the police review.
    rank: int | None = None
    # The rank not given (an API client that does not know it): the person's stored rank on the
    # case is kept (none for a new participant), ``rank`` ignored.
    keep_rank: bool = False


@dataclass(frozen=True)
class ProgrammeData:
    start: datetime.datetime
    end: datetime.datetime
    place: str
    activity: str
    hosts: str = ""
    notes: str = ""
    recording_planned: bool = False
    summary: str = ""
    # The same in the guests' language (Case.guest_language), for the print-outs handed to them.
    summary_translated: str = ""
    place_translated: str = ""
    hosts_translated: str = ""
    # The translated fields the row does not give (an API client that does not know them): kept
    # from the stored item of the same start, the n-th row of a start taking the n-th stored one of
    # that start (empty if there is none); the values given here for them are ignored.
    kept: frozenset[str] = frozenset()


# What the police's review of a programme item covers (ttdn.cases.review_scope): where, when,
# what and with whom. Its wording in the guests' language is not: the police cleared what
# happens, and a translation changes nothing of it (it is saved without reopening the review).
PROGRAMME_REVIEWED = (
    "start", "end", "place", "activity", "summary", "hosts", "notes", "recording_planned"
)  # fmt: skip
PROGRAMME_TRANSLATED = ("summary_translated", "place_translated", "hosts_translated")
PROGRAMME_FIELDS = (*PROGRAMME_REVIEWED, *PROGRAMME_TRANSLATED)  # a ProgrammeItem's, from ProgrammeData


@dataclass
class CaseData:
    """Everything the create and edit forms give for the shared part of a case. A counterpart
    new to the register may come unsaved: the service finds it (same name and country) or saves it."""

    fields: dict[str, Any]
    co_host_agencies: Iterable[Agency] = ()
    participants: Sequence[ParticipantData] | None = ()
    programme: Sequence[ProgrammeData] | None = ()
    extra: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def case_create(*, actor: User, kind: str, data: CaseData) -> Case:
    enforce(may_create_case(user=actor))
    _save_new_counterpart(data.fields)
    case = _new_case(actor, kind, data.fields)
    case.reference = reference_next(
        prefix=kinds.get(kind).reference_prefix(case), year=timezone.localdate().year
    )
    case.full_clean(exclude=["search_text"])
    stamp(case, actor)
    case.save()
    log_event(case=case, code="case.created", actor=actor, data={"kind": kind})
    case.co_host_agencies.set(_co_hosts(case, data.co_host_agencies))
    sync_host_grants(case=case, actor=actor)
    # Whoever registers or runs the case keeps seeing it if it is (or becomes) restricted.
    grant_need_to_know(case=case, actor=actor, users={actor, case.responsible_officer or actor})
    _replace_participants(case, data.participants or (), actor)
    _replace_programme(case, data.programme or (), actor)
    case_refresh_search_text(case=case)
    return case


@transaction.atomic
def case_update(
    *,
    actor: User,
    case: Case,
    data: CaseData,
    kind_changed: Collection[str] = (),
    reopen_confirmed: bool = True,
) -> Case:
    """Save the edit of ``case``. A change to what the police's review covered reopens it
    (``kind_changed``: the fields of the kind's record that the kind's service changes);
    with ``reopen_confirmed`` false that is refused with ReviewReopenNeeded, and nothing is kept."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    enforce(may_edit(user=actor, case=case))
    _save_new_counterpart(data.fields)
    changed = [name for name, value in _known_fields(data.fields).items() if getattr(case, name) != value]
    for name in changed:
        setattr(case, name, data.fields[name])
    case.full_clean(exclude=["search_text"])
    stamp(case, actor)
    if changed:
        case.save(update_fields=[*changed, "updated_at"])
    co_hosts = _co_hosts(case, data.co_host_agencies)
    if set(case.co_host_agencies.all()) != set(co_hosts):
        case.co_host_agencies.set(co_hosts)
        changed.append("co_host_agencies")
    sync_host_grants(case=case, actor=actor)  # writes only what changed
    if "responsible_officer" in changed and case.responsible_officer is not None:
        grant_need_to_know(case=case, actor=actor, users=[case.responsible_officer])
    if "access_level" in changed:
        referral_sight_sync(case=case, actor=actor)
    # None keeps a list as it is (a partial update that does not name it).
    if data.participants is not None and _replace_participants(case, data.participants, actor):
        changed.append("participants")
    if data.programme is not None and _replace_programme(case, data.programme, actor):
        changed.append("programme")
    case_refresh_search_text(case=case)
    if review_after_change(
        case=case, actor=actor, changed=[*changed, *kind_changed], confirmed=reopen_confirmed
    ):
        case.refresh_from_db(fields=["status"])
    return case


@transaction.atomic
def cases_create(
    *, actor: User, kind: str, data: Sequence[CaseData], references: Sequence[str] = ()
) -> list[Case]:
    """``case_create`` for many cases at once (an import): the same rows, events, grants and
    history, in a number of queries that does not grow with the cases up to a batch
    (``ttdn.bulk.BATCH_SIZE``). ``references``, where given (not empty), are kept, checked
    unused; the others take the next numbers. A case refused raises RowError with its index,
    and nothing is kept."""
    enforce(may_create_case(user=actor))
    given = list(references) or [""] * len(data)
    unsaved = [
        index
        for index, item in enumerate(data)
        if isinstance(item.fields.get("counterpart"), Organisation) and item.fields["counterpart"].pk is None
    ]
    counterparts = dict(
        zip(
            unsaved,
            organisations_find_or_create(
                organisations=[data[index].fields["counterpart"] for index in unsaved]
            ),
            strict=True,
        )
    )
    cases = []
    for index, item in enumerate(data):
        fields = dict(item.fields)
        if index in counterparts:
            fields["counterpart"] = counterparts[index]
        cases.append(_new_case(actor, kind, fields))
    _number(cases, kind, given)
    codes = set(dict(countries))
    for index, case in enumerate(cases):
        _validate_new(case, index, codes)
    _check_references_free(cases, given)
    # The participants' persons, found or made in the order of the cases, as one by one.
    people = [
        (index, order, row)
        for index, item in enumerate(data)
        for order, row in enumerate(item.participants or ())
    ]
    try:
        persons = persons_find_or_create(
            rows=[(row.person, cases[index].counterpart) for index, _o, row in people]
        )
    except RowError as error:
        raise RowError(error.message, index=people[error.index][0], cause=error.cause) from error
    names: dict[int, list[str]] = {index: [] for index in range(len(cases))}
    for (index, _order, row), person in zip(people, persons, strict=True):
        names[index].append(row.person.full_name or person.full_name)
    for index, case in enumerate(cases):
        item = data[index]
        case.search_text = _search_text(
            case,
            case.counterpart,
            names[index],
            places=[row.place for row in item.programme or ()],
            agencies=[case.lead_agency, *_co_hosts(case, item.co_host_agencies)],
        )
        stamp(case, actor)
    Case.objects.bulk_create(cases, batch_size=BATCH_SIZE)
    history_record(cases, history_type="+", actor=actor)
    log_events(code="case.created", actor=actor, data_by_case={case.pk: {"kind": kind} for case in cases})
    through = Case.co_host_agencies.through
    co_hosted = []
    links = []
    for case, item in zip(cases, data, strict=True):
        agencies = list({agency.pk: agency for agency in _co_hosts(case, item.co_host_agencies)})
        if agencies:
            co_hosted.append(case)
            links += [through(case_id=case.pk, agency_id=agency_id) for agency_id in agencies]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    history_record(co_hosted, history_type="~", actor=actor)  # as co_host_agencies.set() records it
    sync_host_grants_many(cases=cases, actor=actor)
    # Whoever registers or runs the case keeps seeing it if it is (or becomes) restricted.
    grant_need_to_know_many(
        actor=actor, users={case: {actor, case.responsible_officer or actor} for case in cases}
    )
    _create_participants(cases, people, persons, actor)
    _create_programme(cases, data, actor)
    return cases


def _new_case(actor: User, kind: str, fields: dict[str, Any]) -> Case:
    case = Case(kind=kind, created_by=actor, **_known_fields(fields))
    if case.responsible_officer_id is None:
        case.responsible_officer = actor
    return case


def _number(cases: list[Case], kind: str, given: list[str]) -> None:
    """Give each case its reference: the one given, or the next number of its prefix."""
    year = timezone.localdate().year
    prefixes = [kinds.get(kind).reference_prefix(case) for case in cases]
    wanted = Counter(prefix for prefix, reference in zip(prefixes, given, strict=True) if not reference)
    numbers = {
        prefix: iter(references_next(prefix=prefix, year=year, count=count))
        for prefix, count in wanted.items()
    }
    for case, prefix, reference in zip(cases, prefixes, given, strict=True):
        case.reference = reference or next(numbers[prefix])


def _validate_new(case: Case, index: int, codes: set[str]) -> None:
    """What ``full_clean`` checks of a new case, without a query per case: the related records
    are saved ones, the reference is checked by ``_check_references_free``, and the one check
    constraint (the dates) here."""
    try:
        case.full_clean(
            exclude=[
                "search_text",
                "counterpart",
                "lead_agency",
                "responsible_officer",
                "created_by",
                "countries",
            ],
            validate_unique=False,
            validate_constraints=False,
        )
        countries_checked(case, ["countries"], codes)
        if case.end_date < case.start_date:
            raise ValidationError(_("The visit cannot end before it starts."))
    except ValidationError as error:
        raise RowError(" ".join(error.messages), index=index, cause=error) from error


def _check_references_free(cases: list[Case], given: list[str]) -> None:
    seen: dict[str, int] = {}
    for index, case in enumerate(cases):
        if case.reference in seen:
            raise RowError(
                _("The reference %(reference)s is given twice.") % {"reference": case.reference}, index=index
            )
        seen[case.reference] = index
    taken: set[str] = set()
    for chunk in chunked([reference for reference in given if reference]):
        taken.update(Case.objects.filter(reference__in=chunk).values_list("reference", flat=True))
    if taken:
        first = min(taken, key=seen.__getitem__)
        raise RowError(
            _("The reference %(reference)s is already taken.") % {"reference": first}, index=seen[first]
        )


def _create_participants(
    cases: list[Case], people: list[tuple[int, int, ParticipantData]], persons: list[Any], actor: User
) -> None:
    participants = []
    in_case: set[tuple[int, int]] = set()
    for (index, order, row), person in zip(people, persons, strict=True):
        if (index, person.pk) in in_case:
            raise RowError(_listed_twice(person).messages[0], index=index)
        in_case.add((index, person.pk))
        rank = None if row.keep_rank else row.rank
        participant = Participant(
            case=cases[index],
            person=person,
            role=row.role,
            order=order,
            rank=rank,
            nationality=str(person.nationality),
        )  # the nationality given here: a bulk creation does not call save()
        try:
            participant.full_clean(
                exclude=["case", "person"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            raise RowError(" ".join(error.messages), index=index, cause=error) from error
        participants.append(participant)
    bulk_create_recorded(participants, actor=actor)


def _create_programme(cases: list[Case], data: Sequence[CaseData], actor: User) -> None:
    items = []
    for index, (case, item) in enumerate(zip(cases, data, strict=True)):
        for row in item.programme or ():
            programme_item = ProgrammeItem(
                case=case, **{name: getattr(row, name) for name in PROGRAMME_FIELDS}
            )
            try:
                programme_item_validate(case=case, item=programme_item)
            except ValidationError as error:
                raise RowError(" ".join(error.messages), index=index, cause=error) from error
            items.append(programme_item)
    bulk_create_recorded(items, actor=actor)


def _listed_twice(person: Any) -> ValidationError:
    return ValidationError(_("%(name)s is listed twice in this case.") % {"name": person.full_name})


def _known_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"not case fields: {sorted(unknown)}")
    return fields


def _save_new_counterpart(fields: dict[str, Any]) -> None:
    counterpart = fields.get("counterpart")
    if isinstance(counterpart, Organisation) and counterpart.pk is None:
        fields["counterpart"] = organisation_find_or_create(organisation=counterpart)


def _co_hosts(case: Case, agencies: Iterable[Agency]) -> list[Agency]:
    # The lead agency is never its own co-host.
    return [agency for agency in agencies if agency.pk != case.lead_agency_id]


def _replace_participants(case: Case, rows: Sequence[ParticipantData], actor: User) -> bool:
    """Make the case's participants exactly ``rows``, keeping the rows of persons who stay;
    return whether anything changed."""
    existing = {p.person_id: p for p in case.participants.select_related("person")}
    keep: set[int] = set()
    changed = False
    ranks: dict[int, int | None] = {}
    for order, row in enumerate(rows):
        staying = [p.person for p in existing.values() if p.person_id not in keep]
        if row.person_id is not None:
            person = person_link(
                actor=actor, pk=row.person_id, data=row.person, organisation=case.counterpart
            )
        else:
            person = person_find_or_create(data=row.person, organisation=case.counterpart, known=staying)
        if person.pk in keep:
            raise _listed_twice(person)
        keep.add(person.pk)
        participant = existing.get(person.pk) or Participant(case=case, person=person)
        rank = participant.rank if row.keep_rank else row.rank
        ranks[order] = rank
        reviewed = participant.pk is None or (participant.role, participant.order) != (row.role, order)
        if reviewed or participant.rank != rank:
            changed = changed or reviewed  # a rank alone is not what the police review
            participant.role, participant.order, participant.rank = row.role, order, rank
            participant.full_clean()
            stamp(participant, actor)
            participant.save()
    for person_id, participant in existing.items():
        if person_id not in keep:
            changed = True
            stamp(participant, actor)
            participant.delete()
    ranks_checked(ranks)  # the ranks kept with those given (all undone if refused: atomic callers)
    return changed


def _replace_programme(case: Case, rows: Sequence[ProgrammeData], actor: User) -> bool:
    """Make the programme exactly ``rows``; return whether anything the police's review covers
    changed (``PROGRAMME_REVIEWED``): a change of translations alone is saved, and returns False."""
    current = list(case.programme_items.all())
    wanted = [
        ProgrammeItem(case=case, **{name: getattr(row, name) for name in PROGRAMME_FIELDS}) for row in rows
    ]
    _keep_translations(current, rows, wanted)
    for item in wanted:
        programme_item_validate(case=case, item=item)
    every = (*PROGRAMME_REVIEWED, *PROGRAMME_TRANSLATED)

    def key(item: ProgrammeItem, names: Sequence[str]) -> tuple[Any, ...]:
        return tuple(getattr(item, name) for name in names)

    if [key(item, every) for item in current] == [key(item, every) for item in wanted]:
        return False
    reviewed_changed = [key(item, PROGRAMME_REVIEWED) for item in current] != [
        key(item, PROGRAMME_REVIEWED) for item in wanted
    ]
    # Update in place where the position matches, so the history shows edits, not churn.
    for index, item in enumerate(wanted):
        if index < len(current):
            old = current[index]
            if key(old, every) != key(item, every):
                for name in every:
                    setattr(old, name, getattr(item, name))
                stamp(old, actor)
                old.save()
        else:
            stamp(item, actor)
            item.save()
    for old in current[len(wanted) :]:
        stamp(old, actor)
        old.delete()
    return reviewed_changed


def _keep_translations(
    current: Sequence[ProgrammeItem], rows: Sequence[ProgrammeData], wanted: list[ProgrammeItem]
) -> None:
    """Give each wanted item the translated fields its row keeps (``ProgrammeData.kept``) from the
    stored item of the same start (the n-th of a start the n-th stored)."""
    by_start: dict[datetime.datetime, list[ProgrammeItem]] = {}
    for item in current:
        by_start.setdefault(item.start, []).append(item)
    seen: Counter[datetime.datetime] = Counter()
    for row, item in zip(rows, wanted, strict=True):
        index = seen[row.start]
        seen[row.start] += 1
        if not row.kept:
            continue
        same = by_start.get(row.start, [])
        stored = same[index] if index < len(same) else None
        for name in row.kept & set(PROGRAMME_TRANSLATED):
            setattr(item, name, getattr(stored, name) if stored is not None else "")


def programme_item_validate(*, case: Case, item: ProgrammeItem) -> None:
    item.full_clean(exclude=["case"])
    first_day, last_day = timezone.localdate(item.start), timezone.localdate(item.end)
    if first_day < case.start_date or last_day > case.end_date:
        raise ValidationError(
            _("Programme item “%(place)s” falls outside the visit (%(start)s to %(end)s).")
            % {
                "place": item.place,
                "start": case.start_date.strftime("%d/%m/%Y"),
                "end": case.end_date.strftime("%d/%m/%Y"),
            }
        )


def _search_text(
    case: Case,
    organisation: Organisation | None,
    names: Iterable[str],
    *,
    places: Iterable[str] = (),
    agencies: Iterable[Agency] = (),
) -> str:
    return case_search_text(
        reference=case.reference,
        title=case.title,
        counterpart=(organisation.name, organisation.name_vi) if organisation is not None else (),
        names=names,
        places=places,
        agencies=[name for agency in agencies for name in (agency.name_vi, agency.name_en)],
    )


def case_refresh_search_text(*, case: Case) -> None:
    case.search_text = _refresh_search_text([case.pk]).get(case.pk, case.search_text)


def cases_refresh_search_text(*, case_ids: Iterable[int]) -> None:
    """The search text of the cases ``case_ids`` made anew from their records, in a fixed number of
    queries (a case saved, people renamed in bulk)."""
    ids = list(case_ids)
    for chunk in chunked(ids):
        _refresh_search_text(chunk)


def _refresh_search_text(case_ids: Sequence[int]) -> dict[int, str]:
    cases = list(Case.objects.filter(pk__in=case_ids).select_related("counterpart", "lead_agency"))
    names: dict[int, list[str]] = {}
    for case_id, name in Participant.objects.filter(case__in=cases).values_list(
        "case_id", "person__full_name"
    ):
        names.setdefault(case_id, []).append(name)
    places: dict[int, list[str]] = {}
    for case_id, place in ProgrammeItem.objects.filter(case__in=cases).values_list("case_id", "place"):
        places.setdefault(case_id, []).append(place)
    co_hosts: dict[int, list[Agency]] = {}
    through = Case.co_host_agencies.through
    for link in through.objects.filter(case__in=cases).select_related("agency"):
        co_hosts.setdefault(link.case_id, []).append(link.agency)
    changed = []
    for case in cases:
        text = _search_text(
            case,
            case.counterpart,
            names.get(case.pk, []),
            places=places.get(case.pk, []),
            agencies=[case.lead_agency, *co_hosts.get(case.pk, [])],
        )
        if text != case.search_text:
            case.search_text = text
            changed.append(case)
    Case.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return {case.pk: case.search_text for case in cases}


@transaction.atomic
def case_record_decision(*, actor: User, case: Case, number: str, date: datetime.date) -> Case:
    """Record the written decision (quyết định) approving the visit."""
    enforce(may_record_decision(user=actor))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not number.strip():
        raise ValidationError({"decision_number": _("Give the decision's number.")})
    case.decision_number, case.decision_date = number.strip(), date
    case.full_clean(exclude=["search_text"])
    stamp(case, actor)
    case.save(update_fields=["decision_number", "decision_date", "updated_at"])
    log_event(
        case=case,
        code="case.decision",
        actor=actor,
        text=case.decision_number,
        data={"number": case.decision_number, "date": date.isoformat()},
    )
    return case
