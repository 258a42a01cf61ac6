"""deploy/backup.sh: a backup restored into an empty PostgreSQL database gives back every row of
every table, and every uploaded file; a database or folder that is not empty is refused.

Runs against the PostgreSQL server of the test database, or of ``postgres://postgres@127.0.0.1:5432``
when the suite runs on SQLite. Under CI a missing server or missing client programs fail the test;
elsewhere they skip it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

from tests.conftest import IN_CI

SCRIPT = Path(settings.BASE_DIR) / "deploy" / "backup.sh"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}: this test needs PostgreSQL and its client programs (see .ci/run).")
    pytest.skip(reason)


def _server_url() -> str:
    """The maintenance database of the test database's server (or of the default one)."""
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        return DEFAULT_SERVER
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/postgres"


def _database_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


@dataclass
class Scratch:
    server: str
    source: str
    target: str
    media: Path
    restored_media: Path
    backup: Path


def _run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _manage(*args: str, database_url: str, media: Path) -> None:
    result = _run(
        [sys.executable, "manage.py", *args],
        DJANGO_SETTINGS_MODULE="tests.deploy.scratch_settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        REDIS_URL="",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scratch]:
    """A migrated and seeded database with files, backed up; an empty database beside it."""
    missing = [
        name for name in ("pg_dump", "pg_restore", "psql", "tar", "sha256sum") if not shutil.which(name)
    ]
    if missing:
        _unavailable(f"{', '.join(missing)} not installed")
    server = _server_url()
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        _unavailable(f"PostgreSQL at {server} is not reachable ({error})")
    names = [f"ttdn_backup_source_{os.getpid()}", f"ttdn_backup_target_{os.getpid()}"]
    folder = tmp_path_factory.mktemp("backup")
    try:
        for name in names:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        source, target = (_database_url(server, name) for name in names)
        media = folder / "media"
        _manage("migrate", "--no-input", database_url=source, media=media)
        _manage("seed_demo", "--force", database_url=source, media=media)
        # Besides the demo's attachments: a nested folder and a name with Vietnamese letters.
        (media / "attachments" / "2026" / "nested").mkdir(parents=True, exist_ok=True)
        (media / "attachments" / "2026" / "nested" / "Công văn số 12.pdf").write_bytes(bytes(range(256)) * 40)
        result = _run(
            [str(SCRIPT), "backup", str(folder / "backups")], DATABASE_URL=source, MEDIA_ROOT=str(media)
        )
        assert result.returncode == 0, result.stdout + result.stderr
        backup = Path(result.stdout.strip())
        yield Scratch(
            server=server,
            source=source,
            target=target,
            media=media,
            restored_media=folder / "restored-media",
            backup=backup,
        )
    finally:
        for name in names:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.close()


def _contents(url: str) -> dict[str, tuple[int, str | None]]:
    """Every table of the database: its row count and a checksum of all its rows."""
    with psycopg.connect(url) as connection:
        tables = [
            (schema, table)
            for schema, table in connection.execute(
                "SELECT schemaname, tablename FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
            )
        ]
        contents = {}
        for schema, table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {} t"
            ).format(sql.Identifier(schema, table))
            row = connection.execute(query).fetchone()
            assert row is not None
            contents[f"{schema}.{table}"] = (row[0], row[1])
        for name, last_value in connection.execute(
            "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences"
        ):
            contents[f"sequence {name}"] = (last_value or 0, None)
    return contents


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_backup_restored_into_an_empty_database_gives_back_every_row_and_file(scratch: Scratch) -> None:
    assert sorted(path.name for path in scratch.backup.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]

    result = _run(
        [str(SCRIPT), "restore", str(scratch.backup)],
        DATABASE_URL=scratch.target,
        MEDIA_ROOT=str(scratch.restored_media),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    source, restored = _contents(scratch.source), _contents(scratch.target)
    assert restored == source
    assert len(source) > 40
    assert source["public.cases_case"][0] > 0
    assert source["public.cases_attachment"][0] > 0
    files = _files(scratch.media)
    assert any(name.endswith("Công văn số 12.pdf") for name in files)
    assert _files(scratch.restored_media) == files


def test_restore_refuses_a_database_that_has_tables(scratch: Scratch, tmp_path: Path) -> None:
    before = _contents(scratch.source)

    result = _run(
        [str(SCRIPT), "restore", str(scratch.backup)],
        DATABASE_URL=scratch.source,
        MEDIA_ROOT=str(tmp_path / "media"),
    )

    assert result.returncode == 2
    assert "the database is not empty" in result.stderr
    assert _contents(scratch.source) == before
    assert not (tmp_path / "media").exists()


def test_restore_refuses_a_damaged_backup(scratch: Scratch, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(scratch.backup, damaged)
    with (damaged / "media.tar.gz").open("ab") as archive:
        archive.write(b"tampered")

    result = _run(
        [str(SCRIPT), "restore", str(damaged)], DATABASE_URL=scratch.target, MEDIA_ROOT=str(tmp_path / "m")
    )

    assert result.returncode == 1
    assert "do not match SHA256SUMS" in result.stderr


def test_the_env_file_names_the_database_and_the_media(scratch: Scratch, tmp_path: Path) -> None:
    env_file = tmp_path / "ttdn.env"
    env_file.write_text(f"SECRET_KEY=x\nDATABASE_URL={scratch.source}\nMEDIA_ROOT={scratch.media}\n")
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "MEDIA_ROOT"}}

    result = subprocess.run(
        [str(SCRIPT), "--env-file", str(env_file), "backup", str(tmp_path / "backups")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert (Path(result.stdout.strip()) / "database.dump").stat().st_size > 0
