"""What the data migrations that encrypt identity numbers do, table by table (SQLite and PostgreSQL).

They read and write the columns with plain SQL: the migration's model of an encrypted field would
try to decrypt the clear values it is about to encrypt.
"""

from __future__ import annotations

from typing import Any

from ttdn.cases.encryption import UndecryptableError, decrypt, encrypt, identity_hash, is_current

BATCH = 1000


def _rows(connection: Any, table: str, pk: str, column: str) -> Any:
    qn = connection.ops.quote_name
    last = None
    while True:
        with connection.cursor() as cursor:
            where = f"WHERE {qn(pk)} > %s " if last is not None else ""
            cursor.execute(
                f"SELECT {qn(pk)}, {qn(column)} FROM {qn(table)} {where}ORDER BY {qn(pk)} LIMIT {BATCH}",  # noqa: S608
                [last] if last is not None else [],
            )
            rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _is_token(value: str) -> bool:
    try:
        decrypt(value)
    except UndecryptableError:  # what no key opens is a clear value
        return False
    return True


def encrypt_column(
    connection: Any, *, table: str, pk: str, column: str, hash_column: str
) -> list[tuple[str, Any]]:
    """Encrypt the clear values of ``column`` and fill ``hash_column``; returns (hash, pk) pairs."""
    qn = connection.ops.quote_name
    done: list[tuple[str, Any]] = []
    for rows in _rows(connection, table, pk, column):
        updates = []
        for key, value in rows:
            if not value:
                continue
            clear = decrypt(value) if _is_token(value) else value
            token = value if _is_token(value) and is_current(value) else encrypt(clear)
            digest = identity_hash(clear)
            updates.append((token, digest, key))
            done.append((digest, key))
        if updates:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {qn(table)} SET {qn(column)} = %s, {qn(hash_column)} = %s WHERE {qn(pk)} = %s",  # noqa: S608
                    updates,
                )
    return done


def decrypt_column(connection: Any, *, table: str, pk: str, column: str, hash_column: str) -> None:
    """The way back: clear values again, hashes emptied."""
    qn = connection.ops.quote_name
    for rows in _rows(connection, table, pk, column):
        updates = [(decrypt(value) if _is_token(value) else value, key) for key, value in rows if value]
        if updates:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {qn(table)} SET {qn(column)} = %s, {qn(hash_column)} = '' WHERE {qn(pk)} = %s",  # noqa: S608
                    updates,
                )
