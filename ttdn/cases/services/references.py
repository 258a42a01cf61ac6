from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.db.models import Case, F, PositiveIntegerField, Q, Value, When
from django.db.models.functions import Greatest

from ttdn.cases.models import ReferenceCounter


@transaction.atomic
def reference_next(*, prefix: str, year: int) -> str:
    """The next reference for ``prefix`` and ``year``, e.g. ``DV-2025-0007``.

    The UPDATE takes the counter row's lock until the transaction ends, so two cases created at
    once wait for each other and never get the same number.
    """
    return references_next(prefix=prefix, year=year, count=1)[0]


@transaction.atomic
def references_next(*, prefix: str, year: int, count: int) -> list[str]:
    """The next ``count`` references for ``prefix`` and ``year``, in order, in three queries."""
    counter, _created = ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + count)
    last = ReferenceCounter.objects.values_list("last", flat=True).get(pk=counter.pk)
    return [f"{prefix}-{year}-{number:04d}" for number in range(last - count + 1, last + 1)]


@transaction.atomic
def references_reserve(*, highest: Mapping[tuple[str, int], int]) -> None:
    """Move each counter (prefix, year) past the number given, so that no number given to a new
    case is one already used (references brought in from elsewhere), in two queries."""
    if not highest:
        return
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(prefix=prefix, year=year) for prefix, year in highest], ignore_conflicts=True
    )
    condition = Q()
    whens = []
    for (prefix, year), number in highest.items():
        condition |= Q(prefix=prefix, year=year)
        whens.append(When(prefix=prefix, year=year, then=Value(number, output_field=PositiveIntegerField())))
    ReferenceCounter.objects.filter(condition).update(
        last=Greatest(F("last"), Case(*whens, default=F("last")))
    )
