"""The host officials of a case and the ranks of both sides: the order of precedence.

Neither reopens the police's review: the review covers who comes, from where, when and what they
do (``ttdn.cases.review_scope``); who of the province receives them is named by the lead agency on
the programme, and a rank only orders the people already cleared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import Agency, User
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event, register_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, CaseHost
from ttdn.cases.models.hosts import RANK_MAX, RANK_MIN, RANK_RANGE_MESSAGE
from ttdn.cases.policy import enforce, may_edit

K = TypeVar("K")

register_event("hosts.changed", gettext_lazy("host officials changed"))
register_event("participants.ranked", gettext_lazy("order of precedence of the guests changed"))


@dataclass(frozen=True)
class HostData:
    name: str
    position: str
    rank: int
    agency: Agency | None = None
    position_translated: str = ""
    pk: int | None = None  # an official of the case kept (edited), else a new one

    @classmethod
    def typed(cls, values: Mapping[str, Any], *, pk: int | None) -> HostData:
        """A row of a form or of the API (its cleaned values), stripped."""
        return cls(
            pk=pk,
            name=values["name"].strip(),
            position=values["position"].strip(),
            position_translated=values.get("position_translated", "").strip(),
            agency=values.get("agency"),
            rank=values["rank"],
        )


class RankError(CaseError):
    """Ranks refused: ``rows`` the keys of the rows at fault (indexes of a list, or participants'
    ids), for the form to mark them. Bad input: the API answers 400."""

    api_status = 400

    def __init__(self, message: str, *, rows: Iterable[object] = ()) -> None:
        super().__init__(message)
        self.rows = list(rows)


def ranks_checked(ranks: Mapping[K, int | None], *, required: bool = False) -> None:
    """Ranks of one side (row key -> rank): each from RANK_MIN to RANK_MAX and none twice (empty
    allowed unless ``required``)."""
    for key, rank in ranks.items():
        if rank is None and required:
            raise RankError(_("Give every host official a rank."), rows=[key])
        if rank is not None and not RANK_MIN <= rank <= RANK_MAX:
            raise RankError(str(RANK_RANGE_MESSAGE), rows=[key])
    counts = Counter(rank for rank in ranks.values() if rank is not None)
    twice = sorted(rank for rank, count in counts.items() if count > 1)
    if twice:
        raise RankError(
            _("Each rank is given once on a side; given more than once: %(ranks)s.")
            % {"ranks": ", ".join(str(rank) for rank in twice)},
            rows=[key for key, rank in ranks.items() if rank in twice],
        )


_HOST_FIELDS = ("name", "position", "position_translated", "agency", "rank")


def _host_values(host: CaseHost | HostData) -> tuple[object, ...]:
    agency = host.agency
    return (host.name, host.position, host.position_translated, agency.pk if agency else None, host.rank)


@transaction.atomic
def case_hosts_set(*, actor: User, case: Case, hosts: Sequence[HostData]) -> list[CaseHost]:
    """Make the case's host officials exactly ``hosts`` (kept by ``pk``, the others added, the
    missing removed), each change in the history and one event on the timeline. Ranks: from 1,
    none twice. The police's review is not reopened (see the module)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    enforce(may_edit(user=actor, case=case))
    ranks_checked(dict(enumerate(host.rank for host in hosts)), required=True)
    existing = {host.pk: host for host in case.hosts.select_related("agency")}
    unknown = [index for index, row in enumerate(hosts) if row.pk is not None and row.pk not in existing]
    if unknown:
        raise RankError(_("This host official is no longer on the case: reload the page."), rows=unknown)
    kept: list[CaseHost] = []
    counts = Counter[str]()
    for row in hosts:
        host = existing.get(row.pk) if row.pk is not None else None
        if host is not None and _host_values(host) == _host_values(row):
            kept.append(host)
            continue
        counts["changed" if host is not None else "added"] += 1
        host = host or CaseHost(case=case)
        for name in _HOST_FIELDS:
            setattr(host, name, getattr(row, name))
        try:
            host.full_clean(exclude=["case"])
        except ValidationError as error:
            raise CaseError(" ".join(error.messages)) from error
        stamp(host, actor)
        host.save()
        kept.append(host)
    kept_pks = {host.pk for host in kept}
    for pk, host in existing.items():
        if pk not in kept_pks:
            counts["removed"] += 1
            stamp(host, actor)
            host.delete()
    if counts:
        log_event(case=case, code="hosts.changed", actor=actor, data={"count": len(kept), **counts})
    return sorted(kept, key=lambda host: (host.rank, host.pk))


@transaction.atomic
def participants_rank(*, actor: User, case: Case, ranks: Mapping[int, int | None]) -> int:
    """Set the guests' ranks (participant id -> rank, empty for none), all in one go: positive,
    none twice among all the case's participants once saved; return how many changed. The police's
    review is not reopened: a rank is not who comes."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    enforce(may_edit(user=actor, case=case))
    participants = {participant.pk: participant for participant in case.participants.all()}
    if set(ranks) - set(participants):
        raise CaseError(_("A participant is no longer on the case: reload the page."))
    ranks_checked({pk: ranks.get(pk, participant.rank) for pk, participant in participants.items()})
    changed = [
        participant
        for pk, participant in participants.items()
        if pk in ranks and participant.rank != ranks[pk]
    ]
    for participant in changed:
        participant.rank = ranks[participant.pk]
        stamp(participant, actor)
        participant.save(update_fields=["rank"])
    if changed:
        log_event(
            case=case,
            code="participants.ranked",
            actor=actor,
            data={"participants": [participant.pk for participant in changed]},
        )
    return len(changed)
