from __future__ import annotations

from django.db import transaction
from django.db.models import F

from ttdn.cases.models import ReferenceCounter


@transaction.atomic
def reference_next(*, prefix: str, year: int) -> str:
    """The next reference for ``prefix`` and ``year``, e.g. ``DV-2025-0007``.

    The UPDATE takes the counter row's lock until the transaction ends, so two cases created at
    once wait for each other and never get the same number.
    """
    counter, _created = ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    number = ReferenceCounter.objects.values_list("last", flat=True).get(pk=counter.pk)
    return f"{prefix}-{year}-{number:04d}"
