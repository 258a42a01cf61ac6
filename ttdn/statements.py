"""Statements compiled once per process, for reads whose statement is the same on every request
but for one value (a user's id, a case's id).

Django compiles a queryset anew on each evaluation; for a statement of many subqueries that costs
more than running it (the case page's timeline: ten history tables in one ``UNION``, 20 ms of
Python for 4 ms of SQL at 100,000 cases). ``compile_once`` compiles the queryset built with
``STAND_IN`` where the value goes; ``CompiledStatement.rows`` runs it with the value in its place
and makes the columns Python values by the compiled query's own converters, as the queryset would
have; ``CompiledStatement.count`` counts its rows.

Only for statements built from constants and that one value: anything else in the parameters (a
date of today, an id read from the database) would be frozen with the first request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

# No row has this id: the compiled statements take it where the request's value goes.
STAND_IN = -(2**62) - 18


@dataclass(frozen=True)
class CompiledStatement:
    sql: str
    params: tuple[Any, ...]
    alias: str
    compiler: Any  # the query's compiler: its converters make the columns Python values

    def bound(self, value: Any) -> list[Any]:
        """The parameters with ``value`` for the stand-in."""
        return [value if param == STAND_IN else param for param in self.params]

    def count(self, value: Any) -> int:
        """How many rows the statement gives for ``value``, counted by the database."""
        counting = f"SELECT COUNT(*) FROM ({self.sql}) counted"  # nosec B608  # noqa: S608 - Django's statement, values as parameters
        with connections[self.alias].cursor() as cursor:
            cursor.execute(counting, self.bound(value))
            (count,) = cursor.fetchone()
        return int(count)

    def rows(self, value: Any) -> list[tuple[Any, ...]]:
        """The statement's rows for ``value``, each column its Python value."""
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, self.bound(value))
            fetched = cursor.fetchall()
        return [tuple(row) for row in self.compiler.results_iter(results=[fetched])]


def compile_once(queryset: QuerySet[Any], alias: str) -> CompiledStatement:
    """``queryset``, built with ``STAND_IN`` for the varying value, compiled for ``alias``."""
    compiler = queryset.query.get_compiler(alias)
    sql, params = compiler.as_sql()
    if STAND_IN not in params:  # a statement that ignores the value would answer alike for all
        raise ImproperlyConfigured("A statement compiled once must take the stand-in value.")
    return CompiledStatement(sql=sql, params=tuple(params), alias=alias, compiler=compiler)
