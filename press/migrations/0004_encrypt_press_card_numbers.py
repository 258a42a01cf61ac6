"""Encrypt the press card and permit numbers already stored (cards and their history) and hash them."""

from django.db import migrations

from ttdn.cases.encryption_migrations import decrypt_column, encrypt_column


def _tables(apps):
    card = apps.get_model("press", "PressCard")
    history = apps.get_model("press", "HistoricalPressCard")
    return [(card._meta.db_table, "id"), (history._meta.db_table, "history_id")]


def encrypt(apps, schema_editor):
    for table, pk in _tables(apps):
        encrypt_column(schema_editor.connection, table=table, pk=pk, column="number", hash_column="number_hash")


def decrypt(apps, schema_editor):
    for table, pk in _tables(apps):
        decrypt_column(schema_editor.connection, table=table, pk=pk, column="number", hash_column="number_hash")


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0003_identity_numbers_encrypted"),
    ]

    operations = [
        migrations.RunPython(encrypt, decrypt),
    ]
