"""Numbers of the registers: from 01 each calendar year per register and symbol, without gaps.

A number is taken in the transaction that issues the document: the counter's UPDATE holds the row's
lock until that transaction ends, so two documents issued at the same moment wait for each other
and never share a number, and a transaction that fails gives its number back with its rollback.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from ttdn.documents.models import NumberCounter, Register


def number_take(*, register: Register, symbol: str, year: int) -> int:
    """The next number of ``register`` for ``symbol`` and ``year``; call inside the issuing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_take must run inside the transaction that uses the number")
    counter, _created = NumberCounter.objects.get_or_create(register=register, symbol=symbol, year=year)
    NumberCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    return NumberCounter.objects.values_list("last", flat=True).get(pk=counter.pk)
