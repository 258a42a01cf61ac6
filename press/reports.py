"""What the periodic report needs to know of press visits: their kind, and the coverage."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from press.models import Coverage
from ttdn.cases.models import Case


def press_kinds(cases: QuerySet[Case]) -> dict[int, tuple[str, str]]:
    return {pk: ("press", _("Press visit")) for pk in cases.filter(kind="press").values_list("pk", flat=True)}


def coverage_published(cases: QuerySet[Case]) -> int:
    return Coverage.objects.filter(case__in=cases).count()
