"""The forms of the order of precedence: the host officials of a case, and the guests' ranks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import Agency
from ttdn.cases.errors import CaseError
from ttdn.cases.models import CaseHost, Participant
from ttdn.cases.models.hosts import RANK_FIELD_BOUNDS
from ttdn.cases.services.hosts import HostData, RankError
from ttdn.forms import make_searchable


class HostForm(forms.Form):
    host = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("full name"), max_length=255)
    position = forms.CharField(label=_("position"), max_length=255)
    position_translated = forms.CharField(
        label=_("position in the guests' language"), max_length=255, required=False
    )
    agency = forms.ModelChoiceField(label=_("agency"), queryset=Agency.objects.none(), required=False)
    rank = forms.IntegerField(
        label=_("rank"),
        help_text=_("1 is the head of the host side."),
        **RANK_FIELD_BOUNDS,
    )

    def __init__(self, *args: Any, agencies: Sequence[Agency] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["agency"])
        field.queryset = Agency.objects.filter(is_active=True)
        # The choices from the list read once for the whole formset, not one query per row.
        field.choices = [("", "---------"), *((agency.pk, agency.name) for agency in agencies)]
        make_searchable(field)

    def data_row(self) -> HostData:
        return HostData.typed(self.cleaned_data, pk=self.cleaned_data.get("host"))


class BaseHostFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = list(Agency.objects.filter(is_active=True).order_by("name_vi"))
        self.form_kwargs = {**self.form_kwargs, "agencies": agencies}

    def live_forms(self) -> list[forms.Form]:
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]

    def rows(self) -> list[HostData]:
        return [form.data_row() for form in self.live_forms()]  # type: ignore[attr-defined]

    def add_rank_error(self, error: RankError) -> None:
        """The service's refusal beside the rows it names (their indexes among the live rows)."""
        live = self.live_forms()
        marked = [live[index] for index in error.rows if isinstance(index, int) and index < len(live)]
        for form in marked:
            form.add_error("rank", error.message)
        if not marked:
            self.add_case_error(error)

    def add_case_error(self, error: CaseError) -> None:
        """Another refusal of the service: above the rows, what was typed kept."""
        self._non_form_errors = self.error_class([error.message])


HostFormSet = cast(
    type[BaseHostFormSet],
    forms.formset_factory(HostForm, formset=BaseHostFormSet, extra=2, can_delete=True, max_num=100),
)


def host_initial(hosts: Iterable[CaseHost]) -> list[dict[str, Any]]:
    return [
        {
            "host": host.pk,
            "name": host.name,
            "position": host.position,
            "position_translated": host.position_translated,
            "agency": host.agency_id,
            "rank": host.rank,
        }
        for host in hosts
    ]


class RanksForm(forms.Form):
    """One rank field a participant (``rank_<id>``), for all the guests in one POST."""

    def __init__(self, *args: Any, participants: Sequence[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for participant in self.participants:
            self.fields[self.field_name(participant.pk)] = forms.IntegerField(
                label=f"{participant.person.full_name} · {participant.get_role_display()}",
                required=False,
                initial=participant.rank,
                **RANK_FIELD_BOUNDS,
            )

    @staticmethod
    def field_name(pk: int) -> str:
        return f"rank_{pk}"

    def ranks(self) -> dict[int, int | None]:
        return {p.pk: self.cleaned_data.get(self.field_name(p.pk)) for p in self.participants}

    def add_rank_error(self, error: RankError) -> None:
        names = [self.field_name(pk) for pk in error.rows if isinstance(pk, int)]
        for name in names:
            if name in self.fields:
                self.add_error(name, error.message)
        if not names:
            self.add_error(None, error.message)
