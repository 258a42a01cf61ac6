from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration() -> None:
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


@pytest.mark.django_db
def test_the_old_change_reasons_become_events_of_the_case(protocol, leader) -> None:
    import importlib

    from django.apps import apps as django_apps

    from tests.factories import make_delegation, police_clear, police_officer
    from ttdn.cases.models import Case, CaseEvent, Participant, Person, Review
    from ttdn.cases.services.workflow import case_transition
    from ttdn.cases.timeline import timeline_for

    migration = importlib.import_module("ttdn.cases.migrations.0021_events_from_history_reasons")
    case = make_delegation(actor=protocol)
    case = police_clear(
        case_transition(actor=protocol, case=case, name="submit"), conditions="Không quay phim."
    )
    case = case_transition(actor=leader, case=case, name="approve")
    case = case_transition(actor=leader, case=case, name="cancel", reason="Đối tác hoãn")
    person = Participant.objects.get(case=case).person
    # As the services wrote them before the event log: codes and notes in the change reason.
    CaseEvent.objects.all().delete()
    old: list[tuple[Any, dict[str, Any], str]] = [
        (Case, {"id": case.pk, "history_type": "+"}, "created"),
        (Case, {"id": case.pk, "status": "submitted"}, "submit"),
        (Case, {"id": case.pk, "status": "under_review"}, "review_decided"),
        (Case, {"id": case.pk, "status": "approved"}, "approve"),
        (Case, {"id": case.pk, "status": "cancelled"}, "cancel: Đối tác hoãn chuyến đi vì lý do sức khỏe"),
        (Review, {"case_id": case.pk, "history_type": "+"}, "referred"),
        (Review, {"case_id": case.pk, "status": "cleared_with_conditions"}, "cleared_with_conditions"),
        (Person, {"id": person.pk, "history_type": "+"}, "data_subject_correction: Thư ngày 02/03/2026"),
        (Participant, {"case_id": case.pk, "history_type": "+"}, "nhập từ sổ cũ"),
    ]
    for model, lookup, reason in old:
        assert model.history.filter(**lookup).update(history_change_reason=reason) == 1, (model, lookup)

    migration.events_from_reasons(django_apps, None)
    migration.events_from_reasons(django_apps, None)  # a second run adds nothing

    events = {event.code: event for event in case.events.all()}
    assert sorted(events) == sorted(
        ["case.created", "case.submit", "case.take_up", "case.approve", "case.cancel", "review.referred",
         "review.cleared_with_conditions", "person.corrected", "history.note"]
    )  # fmt: skip
    assert case.events.count() == len(events)
    cancelled = Case.history.get(id=case.pk, status="cancelled")
    cancel = events["case.cancel"]
    assert (cancel.text, cancel.actor, cancel.at) == (
        "Đối tác hoãn chuyến đi vì lý do sức khỏe",
        leader,
        cancelled.history_date,
    )
    assert cancel.data == {"from": "approved", "to": "cancelled", "history": f"case:{cancelled.history_id}"}
    assert events["case.take_up"].actor == police_officer()
    assert events["review.cleared_with_conditions"].text == "Không quay phim."
    assert (events["person.corrected"].text, events["person.corrected"].data["person"]) == (
        "Thư ngày 02/03/2026",
        person.pk,
    )
    assert events["history.note"].text == "nhập từ sổ cũ"
    # The old case keeps its timeline.
    shown = {entry.code: entry.text for entry in timeline_for(user=protocol, case=case)}
    assert shown["case.cancel"] == "Đối tác hoãn chuyến đi vì lý do sức khỏe"

    migration.remove_migrated_events(django_apps, None)
    assert not CaseEvent.objects.exists()


def test_no_core_migration_depends_on_a_domain_app() -> None:
    """The core (ttdn.*) never names a domain app (delegations, press, ngos...): a domain app's
    migration that must run before a core one says so itself (``run_before``)."""
    from pathlib import Path

    from django.apps import apps as django_apps
    from django.conf import settings
    from django.db.migrations.loader import MigrationLoader

    root = Path(settings.BASE_DIR).resolve()

    def is_domain(label: str) -> bool:
        config = django_apps.get_app_config(label)
        path = Path(config.path).resolve()
        return path.is_relative_to(root) and not config.name.startswith("ttdn.") and ".venv" not in path.parts

    loader = MigrationLoader(None, ignore_no_migrations=True)
    wrong = [
        (key, dependency)
        for key, migration in loader.disk_migrations.items()
        if django_apps.get_app_config(key[0]).name.startswith("ttdn.")
        for dependency in migration.dependencies
        if dependency[0] != "__setting__"
        and dependency[0] in loader.migrated_apps
        and is_domain(dependency[0])
    ]
    assert wrong == []
    plan = loader.graph.forwards_plan(("cases", "0028_organisation_registration_moved_to_ngos"))
    assert ("ngos", "0002_registry_defaults") in plan  # the registry reads the old fields first
