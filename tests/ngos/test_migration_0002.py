"""The migration that takes the foreign organisations of kind NGO into the registry (ngos 0002):
the NGOs it makes are found by the registry's search, a registration without its end date (no
certificate can be made of it) is kept in the NGO's notes, and a second run changes nothing."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ngos.models import Ngo
from ngos.selectors_registry import ngos_listed
from ngos.services.registry import ngo_search_text
from ttdn.accounts.models import User

BEFORE = ("cases", "0027_timer_anchors_for_ngos")  # the organisations still keep their registration
migration = importlib.import_module("ngos.migrations.0002_registry_defaults")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ngos_taken_in_are_searchable_and_keep_a_registration_without_dates(protocol: User) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        executor.loader.build_graph()
        old = executor.loader.project_state([BEFORE, ("ngos", "0001_initial")]).apps
        Organisation = old.get_model("cases", "Organisation")
        Organisation.objects.create(
            name="Hội Chữ thập Đỏ Đức", name_vi="Hội Chữ thập Đỏ Đức", kind="ngo", country="DE",
            ngo_registration_number="12/CNV-HĐ", ngo_registration_type="operation",
            ngo_registration_valid_from=datetime.date(2024, 1, 2),
            ngo_registration_valid_until=datetime.date(2029, 1, 1), ngo_provinces="Tuyên Quang",
        )  # fmt: skip
        Organisation.objects.create(
            name="Oxfam Novib", kind="ngo", country="NL", ngo_registration_number="07/GĐK",
            ngo_provinces="Hà Giang",
        )  # fmt: skip
        migration.forwards(old, None)
        migration.forwards(old, None)  # again: nothing made or noted twice
    finally:
        # Back to the latest state of every app (the tests after this one need every table
        # and column as the models have them).
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    drk = Ngo.objects.get(organisation__name="Hội Chữ thập Đỏ Đức")
    oxfam = Ngo.objects.get(organisation__name="Oxfam Novib")
    assert drk.search_text == ngo_search_text(drk) and "12/cnv-hd" in drk.search_text
    assert oxfam.search_text == ngo_search_text(oxfam) == "oxfam novib"
    assert list(ngos_listed(user=protocol, search="chu thap do")) == [drk]
    assert list(ngos_listed(user=protocol, search="12/CNV")) == [drk]

    assert drk.notes == ""  # its registration became its certificate
    assert [c.number for c in drk.certificates.all()] == ["12/CNV-HĐ"]
    assert not oxfam.certificates.exists()
    assert oxfam.notes.count("07/GĐK") == 1 and "Hà Giang" in oxfam.notes
