"""The order of precedence of a visit and the seating plan of a meeting table, computed from the
case's people alone (pure functions: no queries, no templates).

Protocol order on each side: the ranked first, by rank; then the unranked, the heads of delegation
first, then in the order the participants were entered. Interpreters are listed apart, and sit
behind their side's head, not at the table.

The Vietnamese officials among the participants (role "Vietnamese official", as their badges say
"Host") are on the host side: each after the host officials of the same rank, the unranked after
all the ranked. The print-outs (the list, the plan, the guests' programme) all take the sides from
here.

The table: the two sides face each other across it, each side's head in the middle, opposite the
other head; the others alternate by precedence on the head's right, then left, then right ...
"Right" and "left" are the seated head's own: No. 2 sits at the head's right hand, No. 3 at the
left hand, No. 4 next to No. 2, and so on.

On the drawing the guests sit along the top edge, facing down (towards the reader), and the hosts
along the bottom edge, with their backs to the reader: so the guests' head's right is the reader's
left, the hosts' head's right the reader's right.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ttdn.cases.models import CaseHost, Participant


@dataclass(frozen=True)
class Attendee:
    """One person as the list and the plan show them."""

    name: str
    position: str = ""
    organisation: str = ""
    interpreter: bool = False
    name_in_script: str = ""  # as the guest writes it (Chinese, Lao, Korean ... script), if given


@dataclass(frozen=True)
class Listed:
    number: int  # the place in the side's order, from 1 (ranks may leave gaps; this does not)
    person: Attendee


@dataclass(frozen=True)
class Precedence:
    guests: list[Listed]
    hosts: list[Listed]
    interpreters: list[Attendee] = field(default_factory=list)


def _guest_key(participant: Participant) -> tuple[int, int, int, int, int]:
    ranked = participant.rank is not None
    return (
        0 if ranked else 1,
        participant.rank or 0,
        0 if ranked or participant.role == Participant.Role.HEAD else 1,
        participant.order,
        participant.pk or 0,
    )


# The participants who are not guests: listed apart (interpreters) or on the host side.
NOT_GUESTS = frozenset({Participant.Role.INTERPRETER, Participant.Role.OFFICIAL})


def guests_in_order(participants: Iterable[Participant]) -> list[Participant]:
    """The guests at the table (interpreters and Vietnamese officials left out) in protocol order."""
    return sorted((p for p in participants if p.role not in NOT_GUESTS), key=_guest_key)


def officials_among(participants: Iterable[Participant]) -> list[Participant]:
    """The Vietnamese officials among a case's participants: on the host side."""
    return [p for p in participants if p.role == Participant.Role.OFFICIAL]


def _host_key(person: CaseHost | Participant) -> tuple[int, int, int, int, int]:
    if isinstance(person, CaseHost):
        return (0, person.rank, 0, 0, person.pk or 0)
    return (0 if person.rank is not None else 1, person.rank or 0, 1, person.order, person.pk or 0)


def hosts_in_order(
    hosts: Iterable[CaseHost], officials: Iterable[Participant] = ()
) -> list[CaseHost | Participant]:
    """The host side in protocol order: the host officials by rank, each Vietnamese official among
    the participants (``officials_among``) after the host officials of the same rank, the
    unranked after the ranked in the order entered."""
    return sorted([*hosts, *officials], key=_host_key)


def guest_person(participant: Participant, *, counterpart: str = "") -> Attendee:
    person = participant.person
    organisation = person.organisation.name if person.organisation_id and person.organisation else counterpart
    return Attendee(
        name=person.full_name,
        name_in_script=person.name_in_script,
        position=person.position,
        organisation=organisation,
        interpreter=participant.role == Participant.Role.INTERPRETER,
    )


def host_person(host: CaseHost | Participant) -> Attendee:
    if isinstance(host, CaseHost):
        return Attendee(
            name=host.name, position=host.position, organisation=host.agency.name if host.agency else ""
        )
    person = host.person
    # Their organisation if a Vietnamese one (a person without one is given the case's counterpart).
    organisation = person.organisation if person.organisation_id else None
    shown = organisation.name if organisation is not None and str(organisation.country) == "VN" else ""
    return Attendee(name=person.full_name, position=person.position, organisation=shown)


def precedence(
    *, participants: Sequence[Participant], hosts: Sequence[CaseHost], counterpart: str = ""
) -> Precedence:
    """Both sides in protocol order. ``participants`` with their persons and organisations
    selected, ``hosts`` with their agencies: this asks nothing of the database."""
    guests = guests_in_order(participants)
    return Precedence(
        guests=[
            Listed(number, guest_person(p, counterpart=counterpart))
            for number, p in enumerate(guests, start=1)
        ],
        hosts=[
            Listed(number, host_person(h))
            for number, h in enumerate(hosts_in_order(hosts, officials_among(participants)), start=1)
        ],
        interpreters=[
            guest_person(p, counterpart=counterpart)
            for p in sorted(participants, key=_guest_key)
            if p.role == Participant.Role.INTERPRETER
        ],
    )


# The seating plan ---------------------------------------------------------------------------------


def offset(index: int) -> int:
    """Where the person at ``index`` of a side's order (0: the head) sits, counted in seats from
    the head: positive on the head's right, negative on the head's left."""
    return (index + 1) // 2 if index % 2 else -(index // 2)


@dataclass(frozen=True)
class Seat:
    number: int  # in the side's order of precedence, from 1
    person: Attendee
    offset: int  # seats from the head: + on the head's right, - on the left

    @property
    def is_head(self) -> bool:
        return self.number == 1


@dataclass(frozen=True)
class SeatingPlan:
    """The table as drawn, read left to right by the reader: ``top`` the guests (facing the
    reader), ``bottom`` the hosts (backs to the reader); ``None`` where a side has no one facing a
    seat of the other. ``top_behind`` / ``bottom_behind``: the interpreters, behind the heads."""

    top: list[Seat | None]
    bottom: list[Seat | None]
    top_behind: list[Seat | None]
    bottom_behind: list[Seat | None]

    @property
    def width(self) -> int:
        return len(self.top)

    @property
    def interpreters_top(self) -> bool:
        return any(self.top_behind)

    @property
    def interpreters_bottom(self) -> bool:
        return any(self.bottom_behind)


def _seats(people: Sequence[Attendee]) -> list[Seat]:
    return [Seat(number, person, offset(number - 1)) for number, person in enumerate(people, start=1)]


def _row(seats: Sequence[Seat], *, columns: range, facing_reader: bool) -> list[Seat | None]:
    # Facing the reader, the head's right is the reader's left.
    by_column = {(-seat.offset if facing_reader else seat.offset): seat for seat in seats}
    return [by_column.get(column) for column in columns]


def seating_plan(
    *,
    hosts: Sequence[Attendee],
    guests: Sequence[Attendee],
    host_interpreters: Sequence[Attendee] = (),
    guest_interpreters: Sequence[Attendee] = (),
) -> SeatingPlan:
    """The seats of a table with the two sides facing each other; each sequence in protocol order
    (the head first). Both heads sit in the same column, the middle of the table."""
    host_seats, guest_seats = _seats(hosts), _seats(guests)
    host_behind, guest_behind = _seats(host_interpreters), _seats(guest_interpreters)
    reaches = [0]
    for seats in (host_seats, guest_seats, host_behind, guest_behind):
        reaches.extend(abs(seat.offset) for seat in seats)
    # Symmetric about the heads, so that they are in the middle of the drawing.
    reach = max(reaches)
    columns = range(-reach, reach + 1)
    return SeatingPlan(
        top=_row(guest_seats, columns=columns, facing_reader=True),
        bottom=_row(host_seats, columns=columns, facing_reader=False),
        top_behind=_row(guest_behind, columns=columns, facing_reader=True),
        bottom_behind=_row(host_behind, columns=columns, facing_reader=False),
    )


def case_seating_plan(listing: Precedence) -> SeatingPlan:
    """The plan of a case: its order of precedence at the table, the guests' interpreters
    behind their head (the hosts' officials have no interpreters recorded)."""
    return seating_plan(
        hosts=[listed.person for listed in listing.hosts],
        guests=[listed.person for listed in listing.guests],
        guest_interpreters=listing.interpreters,
    )
