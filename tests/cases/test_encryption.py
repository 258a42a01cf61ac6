"""Identity numbers encrypted at rest: the columns hold tokens, people are still found by hash."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from press.models import PressCard
from tests.factories import make_press_visit, person_data
from ttdn.cases.encryption import UndecryptableError, decrypt, encrypt, identity_hash
from ttdn.cases.models import Person
from ttdn.cases.services.people import person_find_or_create

pytestmark = pytest.mark.django_db


def _column(table: str, column: str) -> list[str]:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn(column)} FROM {qn(table)}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_no_plain_passport_number_is_in_the_tables_nor_their_history() -> None:
    person = person_find_or_create(data=person_data("Tanaka Hiroshi", "JP", "tk 123 4567"))
    person.full_name = "Tanaka H."
    person.save()  # a second history row

    stored = _column("cases_person", "passport_number") + _column("cases_historicalperson", "passport_number")

    assert len(stored) == 3
    assert all("TK1234567" not in value and "1234567" not in value for value in stored)
    assert {decrypt(value) for value in stored} == {"TK1234567"}
    hashes = _column("cases_person", "passport_hash") + _column("cases_historicalperson", "passport_hash")
    assert set(hashes) == {identity_hash("TK1234567")}
    assert Person.objects.get().passport_number == "TK1234567"


def test_no_plain_press_card_number_is_in_the_tables_nor_their_history(protocol) -> None:
    make_press_visit(actor=protocol)

    stored = _column("press_presscard", "number") + _column("press_historicalpresscard", "number")

    assert stored
    assert all("BNG-1" not in value for value in stored)
    assert PressCard.objects.get().number == "BNG-1"
    assert PressCard.objects.get().number_hash == identity_hash("BNG-1")


def test_the_same_passport_and_nationality_is_the_same_person() -> None:
    first = person_find_or_create(data=person_data("Kim", "KR", "M 1234"))
    again = person_find_or_create(data=person_data("Kim Min-jun", "KR", "m1234"))
    other = person_find_or_create(data=person_data("Kim", "KP", "M1234"))

    assert again.pk == first.pk
    assert other.pk != first.pk
    assert list(Person.objects.with_passport("M1234").order_by("pk")) == [first, other]


def test_a_second_person_with_the_passport_gets_the_translated_error() -> None:
    person_find_or_create(data=person_data("Kim", "KR", "M1234"))
    duplicate = Person(full_name="Kim", nationality="KR", passport_number="M1234")

    with translation.override("vi"), pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert "Đã có người mang số hộ chiếu và quốc tịch này." in str(error.value)


def test_the_admin_form_checks_the_passport_too() -> None:
    from django.forms import modelform_factory

    person_find_or_create(data=person_data("Kim", "KR", "M1234"))
    form = modelform_factory(Person, fields=["full_name", "nationality", "sex", "passport_number"])(
        data={"full_name": "Kim", "nationality": "KR", "sex": "male", "passport_number": "M1234"}
    )

    assert not form.is_valid()
    assert "A person with this passport number and nationality exists." in str(form.errors)


def test_an_encrypted_number_cannot_be_searched_by_its_value() -> None:
    with pytest.raises(ValueError, match="encrypted"):
        Person.objects.filter(passport_number="M1234").exists()
    assert not Person.objects.filter(passport_number="").exists()


def test_a_value_encrypted_with_a_removed_key_says_which_setting_to_fix(settings) -> None:
    token = encrypt("M1234")
    settings.TTDN_FIELD_KEYS = ["u8PRMHZnmnI0wrqUl4bF2pg7RvyzjVmV_FTMnWbRB5Q="]

    with pytest.raises(UndecryptableError, match="TTDN_FIELD_KEYS"):
        decrypt(token)


def test_the_previous_hash_key_still_finds_people_during_rotation(settings) -> None:
    person = person_find_or_create(data=person_data("Kim", "KR", "M1234"))
    settings.TTDN_HASH_KEY_PREVIOUS, settings.TTDN_HASH_KEY = settings.TTDN_HASH_KEY, "n" * 40

    assert person_find_or_create(data=person_data("Kim", "KR", "M1234")).pk == person.pk


def test_the_migration_encrypts_and_hashes_the_numbers_already_stored_and_back() -> None:
    migration = importlib.import_module("ttdn.cases.migrations.0015_encrypt_passport_numbers")
    editor = SimpleNamespace(connection=connection)
    with connection.cursor() as cursor:  # as they were before: in clear, no hash
        cursor.execute(
            "INSERT INTO cases_person (full_name, nationality, sex, passport_number, passport_hash, position,"
            " name_in_script, position_translated) VALUES ('Tanaka', 'JP', 'male', 'TK1234567', '', '', '', '')"
        )
        cursor.execute(
            "INSERT INTO cases_historicalperson (id, full_name, nationality, sex, passport_number, passport_hash,"
            " position, name_in_script, position_translated, history_date, history_type) VALUES"
            " (1, 'Tanaka', 'JP', 'male', 'TK1234567', '', '', '', '', '2020-01-01', '+')"
        )

    migration.encrypt(django_apps, editor)
    migration.encrypt(django_apps, editor)  # a second run leaves the tokens alone

    stored = _column("cases_person", "passport_number") + _column("cases_historicalperson", "passport_number")
    assert all(value != "TK1234567" and decrypt(value) == "TK1234567" for value in stored)
    assert set(_column("cases_historicalperson", "passport_hash")) == {identity_hash("TK1234567")}
    assert Person.objects.with_passport("tk 1234567").get().full_name == "Tanaka"

    migration.decrypt(django_apps, editor)

    assert _column("cases_person", "passport_number") == ["TK1234567"]
    assert _column("cases_person", "passport_hash") == [""]


def _run_production(**env: str) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("TTDN_") and k != "SECRET_KEY"}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={
            **keep,
            "DJANGO_SETTINGS_MODULE": "ttdn.settings.production",
            "ALLOWED_HOSTS": "ttdn.tinh.gov.vn",
            "SECRET_KEY": "x7Gq2vN9pL4sT8wZ1cR6yB3mK5hD0fJ2aE9uQ4iO7nV1gX8sW3lP6tY0rC5bM2k",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "TTDN_FIELD_KEYS must be set"),
        ({"TTDN_FIELD_KEYS": "not-a-key"}, "key 1 is not a Fernet key"),
        ({"TTDN_FIELD_KEYS": "3vQmGIpSd0lIcwYvA7K9XaQx2u1Z5v9k8Yk2m2gX0bQ="}, "TTDN_HASH_KEY must be set"),
        (
            {"TTDN_FIELD_KEYS": "3vQmGIpSd0lIcwYvA7K9XaQx2u1Z5v9k8Yk2m2gX0bQ=", "TTDN_HASH_KEY": "short"},
            "at least 32 characters",
        ),
    ],
)
def test_production_refuses_to_start_without_real_keys(env: dict[str, str], message: str) -> None:
    result = _run_production(**env)

    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_real_keys() -> None:
    result = _run_production(
        TTDN_FIELD_KEYS="3vQmGIpSd0lIcwYvA7K9XaQx2u1Z5v9k8Yk2m2gX0bQ=",
        TTDN_HASH_KEY="k2Rz8Jw5Nq1Xv7Lp3Ty9Bc6Hd0Mf4Gs8Ua2We5Qi1Oo",
    )

    assert result.returncode == 0, result.stderr
