from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from tests.factories import make_delegation, make_outbound_trip
from ttdn.cases.services.references import reference_next


@pytest.mark.django_db
def test_references_count_per_prefix_and_year() -> None:
    assert reference_next(prefix="DV", year=2025) == "DV-2025-0001"
    assert reference_next(prefix="DV", year=2025) == "DV-2025-0002"
    assert reference_next(prefix="DR", year=2025) == "DR-2025-0001"
    assert reference_next(prefix="DV", year=2026) == "DV-2026-0001"


@pytest.mark.django_db
def test_a_delegation_reference_says_its_direction_and_year(protocol) -> None:
    year = timezone.localdate().year

    inbound = make_delegation(actor=protocol, direction="inbound")
    outbound = make_outbound_trip(actor=protocol)  # outbound delegations are their own kind

    assert inbound.reference == f"DV-{year}-0001"
    assert outbound.reference == f"DR-{year}-0001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_references_created_at_the_same_moment_are_unique() -> None:
    workers = 8
    barrier = threading.Barrier(workers)
    results: list[str] = []
    errors: list[BaseException] = []

    def create() -> None:
        try:
            barrier.wait()
            results.append(reference_next(prefix="PV", year=2030))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == [f"PV-2030-{n:04d}" for n in range(1, workers + 1)]
    assert connection.vendor in {"postgresql", "sqlite"}
