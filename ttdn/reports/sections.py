"""Tables that apps beside the cases add to the periodic report (the gifts, the budget...),
registered once in their ``AppConfig.ready``: the report never names them.

A section computes its rows for a user and a period, from the cases that user may see
(``ttdn.reports.statistics.counted_cases``); a section only some roles may read says so with
``visible_to``, and the others' report simply has no such table (page, files, API alike).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from ttdn.reports.periods import Period

Row = tuple[str, list[Any]]  # (its key, e.g. a code for a program; its cells)


@dataclass(frozen=True)
class ReportSection:
    key: str  # its name in the report's JSON (keep it stable)
    title: str | Promise
    header: Sequence[str | Promise]
    rows: Callable[[Any, Period], list[Row]]  # (the user, as the report has it; the period)
    visible_to: Callable[[Any], bool] = lambda user: True


_registry: dict[str, ReportSection] = {}


def register(section: ReportSection) -> None:
    _registry[section.key] = section


def sections_for(user: Any) -> list[ReportSection]:
    return [section for section in _registry.values() if section.visible_to(user)]


def section(key: str) -> ReportSection:
    return _registry[key]


@dataclass(frozen=True)
class ReportAppendix:
    """A list an app adds to the compiled report's appendices (ttdn.reports.contributions.compiled),
    after the kinds' lists of visits: e.g. the foreign NGOs active in the period. Its title and
    header are in Vietnamese, as the document is; ``rows`` gives each row's cells as text, for the
    user compiling and the period."""

    key: str
    title: str  # follows "DANH SÁCH", e.g. "tổ chức phi chính phủ nước ngoài hoạt động"
    header: Sequence[str]  # the columns after "TT"
    widths: Sequence[float]  # in cm, one per column of ``header``
    rows: Callable[[Any, Period], list[list[str]]]
    visible_to: Callable[[Any], bool] = lambda user: True


_appendices: dict[str, ReportAppendix] = {}


def register_appendix(appendix: ReportAppendix) -> None:
    _appendices[appendix.key] = appendix


def appendices_for(user: Any) -> list[ReportAppendix]:
    return [appendix for appendix in _appendices.values() if appendix.visible_to(user)]
