from __future__ import annotations

import re
from typing import Any

import django_filters
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.constants import EMPTY_VALUES

from ttdn.accounts.models import Agency
from ttdn.cases import kinds
from ttdn.cases.identity import identity_shown_column
from ttdn.cases.models import Case, Participant, Person
from ttdn.cases.text import fold
from ttdn.forms import DateInput

# What may be a passport number: one word (spaces aside) of letters and digits, with a digit.
PASSPORT_LIKE = re.compile(r"(?=.*\d)[A-Za-z0-9]{5,32}")


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

    def __init__(
        self, *args: Any, user: AbstractBaseUser | AnonymousUser | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def filter_search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # Every word must appear, whatever its letter case and diacritics (reference, title,
        # counterpart, participants' names, programme places, lead and co-host agencies).
        by_text = Q()
        for word in fold(value).split():
            by_text &= Q(search_text__contains=word)
        by_passport = self._passport_condition(value)
        return queryset.filter(by_text | by_passport if by_passport is not None else by_text)

    def _passport_condition(self, value: str) -> Q | None:
        """The cases of the participants holding the passport ``value`` (a whole number, found by
        its hash), among those whose identity data the user sees in full: for anyone else a
        passport number finds nothing that its words would not."""
        number = "".join(value.split())
        if self.user is None or not PASSPORT_LIKE.fullmatch(number):
            return None
        shown = identity_shown_column(self.user)
        if isinstance(shown, Value) and not shown.value:
            return None
        holders = Participant.objects.filter(person__in=Person.objects.with_passport(number)).values(
            "case_id"
        )
        condition = Q(pk__in=holders)
        return condition if isinstance(shown, Value) else condition & Q(shown)

    def filter_country(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # Stored as "FR,JP": two-letter codes between commas, so a substring match is exact.
        return queryset.filter(countries__contains=value)

    def filter_agency(self, queryset: QuerySet[Case], name: str, value: Agency) -> QuerySet[Case]:
        co_hosted = Case.co_host_agencies.through.objects.filter(case_id=OuterRef("pk"), agency_id=value.pk)
        return queryset.filter(Q(lead_agency=value) | Exists(co_hosted))

    def narrows(self) -> bool:
        """Whether a filter leaves out some of the cases it is given: one with a value that is valid
        (django-filter leaves an invalid one out, as an empty one); the sort leaves out none."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(
            value not in EMPTY_VALUES for name, value in self.form.cleaned_data.items() if name != "sort"
        )

    @property
    def qs(self) -> Any:
        queryset = super().qs
        if not self.data.get("sort") or not queryset.ordered:  # none asked, or none of the choices
            queryset = queryset.order_by("-start_date", "-pk")
        return queryset
