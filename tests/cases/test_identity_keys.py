"""rotate_identity_keys: every value under the first key (and hash key), in batches, resumable."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import make_press_visit, person_data
from ttdn.cases.encryption import is_current
from ttdn.cases.models import Person
from ttdn.cases.services import identity_keys
from ttdn.cases.services.identity_keys import identity_keys_rotate
from ttdn.cases.services.people import person_find_or_create

pytestmark = pytest.mark.django_db

NEW_KEY = "u8PRMHZnmnI0wrqUl4bF2pg7RvyzjVmV_FTMnWbRB5Q="
NEW_HASH_KEY = "n" * 40


def _tokens(table: str, column: str) -> list[str]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn(column)} FROM {qn(table)} WHERE {qn(column)} <> ''")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def _all_tokens() -> list[str]:
    return [
        *_tokens("cases_person", "passport_number"),
        *_tokens("cases_historicalperson", "passport_number"),
        *_tokens("press_presscard", "number"),
        *_tokens("press_historicalpresscard", "number"),
    ]


@pytest.fixture
def people(protocol: Any) -> list[Person]:
    make_press_visit(actor=protocol)
    return [person_find_or_create(data=person_data(f"P{n}", "JP", f"TK{n:04}")) for n in range(5)]


def test_rotation_reencrypts_everything_with_the_first_key(settings: Any, people: list[Person]) -> None:
    settings.TTDN_FIELD_KEYS = [NEW_KEY, *settings.TTDN_FIELD_KEYS]
    assert not any(is_current(token) for token in _all_tokens())

    out = StringIO()
    call_command("rotate_identity_keys", "--batch-size", "2", stdout=out)

    assert "cases.Person.passport_number: 6 rows, 6 re-encrypted" in out.getvalue()
    settings.TTDN_FIELD_KEYS = [NEW_KEY]  # the old key removed: everything still opens
    assert all(is_current(token) for token in _all_tokens())
    assert sorted(p.passport_number for p in Person.objects.all()) == [
        "TK0000", "TK0001", "TK0002", "TK0003", "TK0004", "TZ1111111",
    ]  # fmt: skip
    call_command("rotate_identity_keys", "--check", stdout=StringIO())


def test_rehash_moves_the_hashes_to_the_new_key(settings: Any, people: list[Person]) -> None:
    settings.TTDN_HASH_KEY_PREVIOUS, settings.TTDN_HASH_KEY = settings.TTDN_HASH_KEY, NEW_HASH_KEY
    with pytest.raises(CommandError, match="not under the current keys"):
        call_command("rotate_identity_keys", "--check", stdout=StringIO())

    call_command("rotate_identity_keys", "--rehash", stdout=StringIO())

    settings.TTDN_HASH_KEY_PREVIOUS = ""
    assert Person.objects.with_passport("tk 0003").get().full_name == "P3"
    assert person_find_or_create(data=person_data("P3", "JP", "TK0003")).pk == people[3].pk
    call_command("rotate_identity_keys", "--check", stdout=StringIO())


def test_a_second_run_changes_nothing(settings: Any, people: list[Person]) -> None:
    settings.TTDN_FIELD_KEYS = [NEW_KEY, *settings.TTDN_FIELD_KEYS]
    identity_keys_rotate(batch_size=3)
    before = _all_tokens()

    counts = identity_keys_rotate(batch_size=3, rehash=True)

    assert _all_tokens() == before
    assert all(count.reencrypted == count.rehashed == 0 for count in counts)


def test_an_interrupted_rotation_keeps_its_batches_and_finishes_when_run_again(
    settings: Any, people: list[Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TTDN_FIELD_KEYS = [NEW_KEY, *settings.TTDN_FIELD_KEYS]
    real_batch = identity_keys._rotate_batch
    calls = {"n": 0}

    def failing_batch(*args: Any, **kwargs: Any) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("the machine went down")
        return real_batch(*args, **kwargs)

    monkeypatch.setattr(identity_keys, "_rotate_batch", failing_batch)
    with pytest.raises(RuntimeError):
        identity_keys_rotate(batch_size=2)
    monkeypatch.setattr(identity_keys, "_rotate_batch", real_batch)

    first_table = _tokens("cases_historicalperson", "passport_number")
    assert sum(is_current(token) for token in first_table) == 2  # the first batch, committed

    identity_keys_rotate(batch_size=2)
    assert all(is_current(token) for token in _all_tokens())


def test_a_missing_old_key_stops_the_rotation_with_the_reason(settings: Any, people: list[Person]) -> None:
    settings.TTDN_FIELD_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="put back the key"):
        call_command("rotate_identity_keys", stdout=StringIO())
