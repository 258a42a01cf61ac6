"""``manage.py bench_dataset --cases N``: the benchmark's dataset (ttdn.cases.benchdata), built in
bulk into an empty, migrated database whose name says it is one ("bench" in it), never the tests'
or production's."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from delegations.benchdata import Size, build
from ttdn.cases.models import Case


class Command(BaseCommand):
    help = "Fill an empty database named *bench* with N cases and what goes with them, in bulk."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True)

    def handle(self, *args: Any, cases: int, **options: Any) -> None:
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name:
            raise CommandError(f"The database {name!r} is not a benchmark's: its name must contain 'bench'.")
        if Case.objects.exists():
            raise CommandError(f"The database {name!r} already has cases: build into an empty one.")
        started = time.monotonic()
        build(Size(cases=cases), say=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(f"{cases} cases built in {time.monotonic() - started:.0f} s")
