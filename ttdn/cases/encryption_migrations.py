"""What the data migrations that encrypt identity numbers do, table by table (SQLite and PostgreSQL).

They read and write the columns with plain SQL: the migration's model of an encrypted field would
try to decrypt the clear values it is about to encrypt. Each statement is a fixed text whose table
and column names go in only through ``_sql``, quoted by the database's own quoting
(``connection.ops.quote_name``); every value, the batch size too, is a bound parameter.
"""

from __future__ import annotations

from typing import Any

from ttdn.cases.encryption import UndecryptableError, decrypt, encrypt, identity_hash, is_current

BATCH = 1000
FIRST_ROWS = "SELECT {pk}, {column} FROM {table} ORDER BY {pk} LIMIT %s"
NEXT_ROWS = "SELECT {pk}, {column} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s"
ENCRYPT = "UPDATE {table} SET {column} = %s, {hash_column} = %s WHERE {pk} = %s"
DECRYPT = "UPDATE {table} SET {column} = %s, {hash_column} = '' WHERE {pk} = %s"


def _sql(connection: Any, statement: str, **names: str) -> str:
    """``statement`` with each ``{name}`` the identifier ``names[name]``, quoted by the database."""
    return statement.format_map({key: connection.ops.quote_name(name) for key, name in names.items()})


def _rows(connection: Any, table: str, pk: str, column: str) -> Any:
    last = None
    while True:
        with connection.cursor() as cursor:
            if last is None:
                cursor.execute(_sql(connection, FIRST_ROWS, table=table, pk=pk, column=column), [BATCH])
            else:
                cursor.execute(_sql(connection, NEXT_ROWS, table=table, pk=pk, column=column), [last, BATCH])
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
            statement = _sql(connection, ENCRYPT, table=table, column=column, hash_column=hash_column, pk=pk)
            with connection.cursor() as cursor:
                cursor.executemany(statement, updates)
    return done


def decrypt_column(connection: Any, *, table: str, pk: str, column: str, hash_column: str) -> None:
    """The way back: clear values again, hashes emptied."""
    for rows in _rows(connection, table, pk, column):
        updates = [(decrypt(value) if _is_token(value) else value, key) for key, value in rows if value]
        if updates:
            statement = _sql(connection, DECRYPT, table=table, column=column, hash_column=hash_column, pk=pk)
            with connection.cursor() as cursor:
                cursor.executemany(statement, updates)
