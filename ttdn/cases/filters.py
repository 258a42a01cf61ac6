from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ttdn.accounts.models import Agency
from ttdn.cases import kinds
from ttdn.cases.models import Case
from ttdn.cases.text import fold
from ttdn.forms import DateInput


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("kind of case"), choices=kinds.choices)
    direction = django_filters.ChoiceFilter(label=_("direction"), choices=Case.Direction.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Case.Status.choices)
    country = django_filters.ChoiceFilter(label=_("country"), choices=countries, method="filter_country")
    agency = django_filters.ModelChoiceFilter(
        label=_("agency"),
        queryset=Agency.objects.filter(is_active=True),
        method="filter_agency",
        empty_label=_("All"),
    )
    period_from = django_filters.DateFilter(
        label=_("from"), field_name="end_date", lookup_expr="gte", widget=DateInput()
    )
    period_to = django_filters.DateFilter(
        label=_("to"), field_name="start_date", lookup_expr="lte", widget=DateInput()
    )
    sort = django_filters.OrderingFilter(
        label=_("sort"),
        fields=[
            ("reference", "reference"),
            ("title", "title"),
            ("start_date", "start"),
            ("status", "status"),
            ("lead_agency__name_vi", "agency"),
        ],
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # Every word must appear, whatever its letter case and diacritics.
        for word in fold(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_country(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # Stored as "FR,JP": two-letter codes between commas, so a substring match is exact.
        return queryset.filter(countries__contains=value)

    def filter_agency(self, queryset: QuerySet[Case], name: str, value: Agency) -> QuerySet[Case]:
        co_hosted = Case.co_host_agencies.through.objects.filter(case_id=OuterRef("pk"), agency_id=value.pk)
        return queryset.filter(Q(lead_agency=value) | Exists(co_hosted))

    @property
    def qs(self) -> Any:
        queryset = super().qs
        if not self.data.get("sort") or not queryset.ordered:  # none asked, or none of the choices
            queryset = queryset.order_by("-start_date", "-pk")
        return queryset
