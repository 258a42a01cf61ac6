"""Encrypt the passport numbers already stored (in the people and their history) and hash them."""

from collections import defaultdict

from django.db import migrations

from ttdn.cases.encryption_migrations import decrypt_column, encrypt_column


def _tables(apps):
    person = apps.get_model("cases", "Person")
    history = apps.get_model("cases", "HistoricalPerson")
    return [(person._meta.db_table, "id"), (history._meta.db_table, "history_id")]


def encrypt(apps, schema_editor):
    (person_table, _pk), _history = _tables(apps)
    for table, pk in _tables(apps):
        done = encrypt_column(
            schema_editor.connection, table=table, pk=pk, column="passport_number", hash_column="passport_hash"
        )
        if table == person_table:
            _check_no_duplicates(apps, done)


def _check_no_duplicates(apps, done):
    # Numbers typed with different spaces or case were two people; their hashes now say they are one.
    nationalities = dict(apps.get_model("cases", "Person").objects.values_list("pk", "nationality"))
    holders = defaultdict(list)
    for digest, pk in done:
        holders[(nationalities[pk], digest)].append(pk)
    twice = [pks for pks in holders.values() if len(pks) > 1]
    if twice:
        raise RuntimeError(
            "These persons hold the same passport of the same country (written differently); merge them "
            f"in the admin, then migrate again: {twice}"
        )


def decrypt(apps, schema_editor):
    for table, pk in _tables(apps):
        decrypt_column(
            schema_editor.connection, table=table, pk=pk, column="passport_number", hash_column="passport_hash"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_identity_numbers_encrypted"),
    ]

    operations = [
        migrations.RunPython(encrypt, decrypt),
    ]
