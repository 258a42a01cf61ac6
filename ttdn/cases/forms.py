"""The case forms: the shared fields, the counterpart, participants and programme on one page."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField  # type: ignore[attr-defined]

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.cases.models import Attachment, Case, Organisation, Participant, Person, ProgrammeItem
from ttdn.cases.models.event import TEXT_MAX_LENGTH
from ttdn.cases.models.hosts import RANK_FIELD_BOUNDS
from ttdn.cases.models.parties import normalise_passport_number
from ttdn.cases.paste import PASTE_MAX_LINES, PastedPerson, parse_pasted
from ttdn.cases.selectors import people_visible_to
from ttdn.cases.services.cases import CASE_FIELDS, CaseData, ParticipantData, ProgrammeData
from ttdn.cases.services.people import PersonData
from ttdn.forms import DateInput, DateTimeInput, SearchableSelect, make_searchable

PEOPLE_LOOKUP_URL = reverse_lazy("cases:people_lookup")


def _country_field(label: str | Any, *, required: bool = True) -> LazyTypedChoiceField:
    return LazyTypedChoiceField(
        label=label, choices=[("", "---------"), *countries], required=required,
        error_messages={"invalid_choice": _("Choose a country from the list.")}, widget=SearchableSelect,
    )  # fmt: skip


class CaseForm(forms.ModelForm):
    """The fields every kind of case shares. Kind apps subclass it and add their own."""

    counterpart_name = forms.CharField(label=_("or a new counterpart: name"), required=False, max_length=255)
    counterpart_kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", "---------"), *Organisation.Kind.choices]
    )
    counterpart_country = _country_field(_("country"), required=False)
    confirm_warnings = forms.BooleanField(
        label=_("I have checked the warnings above and want to save anyway"), required=False
    )
    confirm_review = forms.BooleanField(
        label=_("Save and send the case back to the police for review and approval"), required=False
    )

    class Meta:
        model = Case
        fields = [*CASE_FIELDS, "co_host_agencies"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "request_letter_date": DateInput(),
            "decision_date": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).order_by("kind", "name_vi")
        cast(forms.ModelChoiceField, self.fields["lead_agency"]).queryset = agencies
        cast(forms.ModelMultipleChoiceField, self.fields["co_host_agencies"]).queryset = agencies
        cast(forms.ModelChoiceField, self.fields["responsible_officer"]).queryset = User.objects.filter(
            is_active=True, groups__name=Role.PROTOCOL
        ).order_by("full_name")
        for name in ("countries", "counterpart", "lead_agency", "co_host_agencies", "responsible_officer"):
            make_searchable(self.fields[name])
        self.fields["countries"].widget.attrs["size"] = 6
        self.fields["countries"].help_text = _("Type to find a country; several may be chosen.")
        self.fields["co_host_agencies"].widget.attrs["size"] = 6
        # A form sent without it (an older page, a script) keeps the case's, or the default.
        self.fields["guest_language"].required = False

    def clean_guest_language(self) -> str:
        return str(
            self.cleaned_data.get("guest_language")
            or self.instance.guest_language
            or Case._meta.get_field("guest_language").get_default()
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The visit cannot end before it starts."))
        if cleaned.get("counterpart_name"):
            if cleaned.get("counterpart"):
                self.add_error(
                    "counterpart_name", _("Choose a known counterpart or name a new one, not both.")
                )
            for name in ("counterpart_kind", "counterpart_country"):
                if not cleaned.get(name):
                    self.add_error(name, _("Needed for a new counterpart."))
        return cleaned

    def _post_clean(self) -> None:
        # The case is validated by its service, with its participants and programme; the form
        # only checks its own fields.
        pass

    BASE_FIELDS = frozenset(
        [
            *CASE_FIELDS,
            "co_host_agencies",
            "counterpart_name",
            "counterpart_kind",
            "counterpart_country",
            "confirm_warnings",
            "confirm_review",
        ]
    )

    def kind_fields(self) -> list[forms.BoundField]:
        """The fields a kind of case adds, shown in the form's first section."""
        return [self[name] for name in self.fields if name not in self.BASE_FIELDS]

    def case_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CASE_FIELDS if name in self.cleaned_data}

    def new_counterpart(self) -> Organisation | None:
        if not self.cleaned_data.get("counterpart_name"):
            return None
        return Organisation(
            name=self.cleaned_data["counterpart_name"].strip(),
            kind=self.cleaned_data["counterpart_kind"],
            country=self.cleaned_data["counterpart_country"],
        )


class ParticipantForm(forms.Form):
    # Typing a name suggests registered persons (static/js/inputs.js); picking one puts their id
    # here, so that the row links that person instead of registering them again.
    full_name = forms.CharField(
        label=_("full name"),
        max_length=255,
        widget=forms.TextInput(attrs={"data-person-suggest": PEOPLE_LOOKUP_URL, "autocomplete": "off"}),
    )
    person = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    nationality = _country_field(_("nationality"))
    sex = forms.ChoiceField(label=_("sex"), choices=Person.Sex.choices, initial=Person.Sex.UNSPECIFIED)
    date_of_birth = forms.DateField(label=_("date of birth"), required=False, widget=DateInput())
    passport_number = forms.CharField(label=_("passport number"), max_length=32, required=False)
    passport_expiry = forms.DateField(label=_("passport valid until"), required=False, widget=DateInput())
    position = forms.CharField(label=_("position"), max_length=255, required=False)
    # For the print-outs handed to the guests (the case's guest language).
    name_in_script = forms.CharField(
        label=_("name in own script"),
        max_length=255,
        required=False,
        help_text=_("E.g. in Chinese, Lao or Korean script, for place cards."),
    )
    position_translated = forms.CharField(
        label=_("position in the guests' language"), max_length=255, required=False
    )
    role = forms.ChoiceField(
        label=_("role"), choices=Participant.Role.choices, initial=Participant.Role.MEMBER
    )
    rank = forms.IntegerField(
        label=_("rank"),
        required=False,
        **RANK_FIELD_BOUNDS,
        help_text=_("Order of precedence: 1 is the head; empty comes after the ranked."),
    )

    passport_required = False  # by the field, or from the registered person picked

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A registered person picked brings their passport (the formset reads it).
        linked = self.is_bound and bool(self.data.get(self.add_prefix("person")))
        self.fields["passport_number"].required = self.passport_required and not linked

    def clean_passport_number(self) -> str:
        return normalise_passport_number(self.cleaned_data["passport_number"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        born = cleaned.get("date_of_birth")
        if born and born > timezone.localdate():
            self.add_error("date_of_birth", _("The date of birth is in the future."))
        return cleaned

    def data_row(self) -> ParticipantData:
        c = self.cleaned_data
        person = PersonData(
            full_name=c["full_name"].strip(),
            nationality=c["nationality"],
            sex=c["sex"],
            date_of_birth=c.get("date_of_birth"),
            passport_number=c.get("passport_number", ""),
            passport_expiry=c.get("passport_expiry"),
            position=c.get("position", ""),
            name_in_script=c.get("name_in_script", "").strip(),
            position_translated=c.get("position_translated", "").strip(),
        )
        linked = c.get("linked")
        return ParticipantData(
            person=person, role=c["role"], person_id=linked.pk if linked else None, rank=c.get("rank")
        )


class VisitFormSet(forms.BaseFormSet):
    """A formset that knows the visit's dates (when the main form gave valid ones)."""

    def __init__(self, *args: Any, visit: tuple[datetime.date, datetime.date] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.visit = visit

    def live_forms(self) -> list[forms.Form]:
        """The rows to save: the existing ones (changed or not) and filled new ones, less deletions."""
        return [
            form
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and form.is_valid()
            and not (self.can_delete and form.cleaned_data.get("DELETE"))
        ]


class BaseParticipantFormSet(VisitFormSet):
    def __init__(
        self,
        *args: Any,
        confirmed: bool = False,
        user: AbstractBaseUser | AnonymousUser | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.confirmed = confirmed
        self.user = user or AnonymousUser()
        self.warnings: list[str] = []

    def clean(self) -> None:
        if any(self.errors):
            return
        self._link_registered_persons()
        if any(self.errors):
            return
        seen: set[tuple[str, str]] = set()
        ranks: set[int] = set()
        for form in self.live_forms():
            rank = form.cleaned_data.get("rank")
            if rank is not None:
                if rank in ranks:
                    form.add_error("rank", _("Another participant has this rank."))
                ranks.add(rank)
            key = (form.cleaned_data["nationality"], form.cleaned_data.get("passport_number", ""))
            if key[1] and key in seen:
                form.add_error("passport_number", _("This person is listed twice in this case."))
            seen.add(key)
            expiry = form.cleaned_data.get("passport_expiry")
            if self.visit and expiry and expiry < self.visit[1]:
                message = _("The passport of %(name)s expires on %(date)s, before the visit ends.") % {
                    "name": form.cleaned_data["full_name"],
                    "date": expiry.strftime("%d/%m/%Y"),
                }
                self.warnings.append(message)
                if not self.confirmed:
                    form.add_error("passport_expiry", message)

    def _link_registered_persons(self) -> None:
        """The persons picked on rows, read through the access policy in one query: one the user
        may not see is refused, as one that does not exist. A row takes the person's nationality
        and, unless another was typed (refused), their passport."""
        rows = [form for form in self.live_forms() if form.cleaned_data.get("person")]
        ids = {form.cleaned_data["person"] for form in rows}
        found = {
            person.pk: person
            for person in people_visible_to(self.user).filter(pk__in=ids, anonymised_at__isnull=True)
        } if ids else {}  # fmt: skip
        for form in rows:
            person = found.get(form.cleaned_data["person"])
            if person is None:
                form.add_error(
                    "full_name", _("The person chosen is not in the register: type the name again.")
                )
                continue
            typed = form.cleaned_data.get("passport_number", "")
            if typed and typed != normalise_passport_number(person.passport_number):
                form.add_error(
                    "passport_number",
                    _(
                        "%(name)s is registered with another passport: type the name again to record someone else."
                    )
                    % {"name": person.full_name},
                )
                continue
            form.cleaned_data.update(
                linked=person, nationality=person.nationality.code, passport_number=person.passport_number
            )
            if getattr(form, "passport_required", False) and not person.passport_number:
                form.add_error("passport_number", form.fields["passport_number"].error_messages["required"])

    def rows(self) -> list[ParticipantData]:
        return [form.data_row() for form in self.live_forms()]  # type: ignore[attr-defined]


ParticipantFormSet = cast(
    type[BaseParticipantFormSet],
    forms.formset_factory(
        ParticipantForm, formset=BaseParticipantFormSet, extra=2, can_delete=True, max_num=200
    ),
)


class ProgrammeForm(forms.Form):
    # Each field in the guests' language comes right after its Vietnamese one: on a phone, where
    # the row is one column, it sits under it.
    start = forms.DateTimeField(label=_("start"), widget=DateTimeInput())
    end = forms.DateTimeField(label=_("end"), widget=DateTimeInput())
    # An initial value for every select, so that an untouched extra row counts as empty.
    activity = forms.ChoiceField(
        label=_("activity"), choices=ProgrammeItem.Activity.choices, initial=ProgrammeItem.Activity.MEETING
    )
    summary = forms.CharField(label=_("content"), max_length=255, required=False)
    summary_translated = forms.CharField(
        label=_("content in the guests' language"), max_length=255, required=False
    )
    place = forms.CharField(label=_("place"), max_length=255)
    place_translated = forms.CharField(
        label=_("place in the guests' language"), max_length=255, required=False
    )
    hosts = forms.CharField(label=_("Vietnamese hosts"), max_length=255, required=False)
    hosts_translated = forms.CharField(
        label=_("hosts in the guests' language"), max_length=255, required=False
    )
    notes = forms.CharField(label=_("notes"), required=False)
    recording_planned = forms.BooleanField(label=_("filming or recording planned"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("A programme item must end after it starts."))
        return cleaned

    def data_row(self) -> ProgrammeData:
        c = self.cleaned_data
        return ProgrammeData(
            c["start"],
            c["end"],
            c["place"].strip(),
            c["activity"],
            c["hosts"],
            c["notes"],
            c["recording_planned"],
            summary=c["summary"].strip(),
            summary_translated=c["summary_translated"].strip(),
            place_translated=c["place_translated"].strip(),
            hosts_translated=c["hosts_translated"].strip(),
        )


class BaseProgrammeFormSet(VisitFormSet):
    def clean(self) -> None:
        if any(self.errors) or not self.visit:
            return
        first, last = self.visit
        for form in self.live_forms():
            for name in ("start", "end"):
                day = timezone.localdate(form.cleaned_data[name])
                if not first <= day <= last:
                    form.add_error(
                        name,
                        _("Outside the visit (%(start)s to %(end)s).")
                        % {"start": first.strftime("%d/%m/%Y"), "end": last.strftime("%d/%m/%Y")},
                    )

    def rows(self) -> list[ProgrammeData]:
        rows = [form.data_row() for form in self.live_forms()]  # type: ignore[attr-defined]
        return sorted(rows, key=lambda row: row.start)


ProgrammeFormSet = cast(
    type[BaseProgrammeFormSet],
    forms.formset_factory(ProgrammeForm, formset=BaseProgrammeFormSet, extra=3, can_delete=True, max_num=300),
)


class PasteNamesForm(forms.Form):
    """Names pasted into the participants, one a line; they become rows of the formset (by
    static/js/inputs.js in the page, or by CaseEditor when the form is sent)."""

    paste = forms.CharField(
        label=_("Paste names"),
        required=False,
        max_length=PASTE_MAX_LINES * 600,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "data-paste-names": "participants"}),
        help_text=_(
            "One person a line: the name, or “name; country; position”, or three columns copied "
            "from a spreadsheet. Each line becomes a participant row."
        ),
    )

    def clean_paste(self) -> list[PastedPerson]:
        return parse_pasted(self.cleaned_data["paste"])


class CaseEditor:
    """The case form with its participant and programme formsets, validated together."""

    form_class: type[CaseForm] = CaseForm
    participant_formset_class: type[BaseParticipantFormSet] = ParticipantFormSet

    def __init__(
        self,
        data: Any = None,
        *,
        case: Case | None = None,
        initial: dict[str, Any] | None = None,
        user: AbstractBaseUser | AnonymousUser | None = None,
        foreign_participants: bool = True,
    ):
        self.case = case
        # False for a kind without foreign guests (CaseKind.foreign_participants): the page has no
        # participants, and saving leaves the case's as they are.
        self.foreign_participants = foreign_participants
        self.paste = PasteNamesForm(data, prefix="participants")
        # "Add to the participants" without the page's script: the names become rows, shown to
        # be completed; nothing is saved (``pasting``). With Save, they are saved with the rest.
        # (Enter in another field presses the first button, this one, with no names: a save.)
        self.pasting = (
            foreign_participants
            and data is not None
            and "paste_add" in data
            and bool(data.get("participants-paste", "").strip())
        )
        if (
            foreign_participants
            and data is not None
            and self.paste.is_valid()
            and self.paste.cleaned_data["paste"]
        ):
            data = self._with_pasted_rows(data, self.paste.cleaned_data["paste"])
            self.paste = PasteNamesForm(data, prefix="participants")
        self.form = self.form_class(data, instance=case, initial=initial)
        visit = None
        confirmed = False
        if data is not None and self.form.is_valid():
            visit = (self.form.cleaned_data["start_date"], self.form.cleaned_data["end_date"])
            confirmed = self.form.cleaned_data.get("confirm_warnings", False)
        self.participants = self.participant_formset_class(
            data if foreign_participants else None,
            prefix="participants",
            initial=self._participants_initial(),
            visit=visit,
            confirmed=confirmed,
            user=user,
        )
        self.programme = ProgrammeFormSet(
            data, prefix="programme", initial=self._programme_initial(), visit=visit
        )

    def is_valid(self) -> bool:
        return all(
            [
                self.paste.is_valid() or not self.foreign_participants,
                self.form.is_valid(),
                self.participants.is_valid() or not self.foreign_participants,
                self.programme.is_valid(),
            ]
        )

    def _with_pasted_rows(self, data: Any, people: list[PastedPerson]) -> Any:
        """``data`` with ``people`` in the participant rows: the empty new rows first, then new
        ones; each with the defaults of a new row (its role, sex...), the paste box emptied."""
        data = data.copy()
        prefix = "participants"
        blank = self.participant_formset_class.form(auto_id=False)
        defaults = {
            name: str(field.initial)
            for name, field in blank.fields.items()
            if field.initial not in (None, False, "") and not callable(field.initial)
        }
        try:
            total = int(data.get(f"{prefix}-TOTAL_FORMS", "0"))
            first_new = int(data.get(f"{prefix}-INITIAL_FORMS", "0"))
        except ValueError:
            return data  # a broken management form: the formset says so
        free = [i for i in range(first_new, total) if not data.get(f"{prefix}-{i}-full_name", "").strip()]
        for person in people:
            index = free.pop(0) if free else total
            if index == total:
                total += 1
            row = {**defaults, "full_name": person.full_name, "nationality": person.nationality}
            row["position"] = person.position
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
        data[f"{prefix}-TOTAL_FORMS"] = str(total)
        data[f"{prefix}-paste"] = ""
        return data

    @property
    def warnings(self) -> list[str]:
        return self.participants.warnings if self.foreign_participants else []

    def case_data(self) -> CaseData:
        """What the services save; a new counterpart (the form's "new counterpart" fields) goes
        unsaved, for the service to find in the register or save with the case."""
        fields = self.form.case_fields()
        counterpart = self.form.new_counterpart()
        if counterpart is not None:
            fields["counterpart"] = counterpart
        return CaseData(
            fields=fields,
            co_host_agencies=list(self.form.cleaned_data.get("co_host_agencies") or []),
            participants=self.participants.rows() if self.foreign_participants else None,
            programme=self.programme.rows(),
        )

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError next to the fields it names, or at the top."""
        self.form.add_error(None, error if not hasattr(error, "error_dict") else _flatten(error))

    def _participants_initial(self) -> list[dict[str, Any]]:
        if self.case is None:
            return []
        return [self.participant_initial(p) for p in self.case.participants.select_related("person")]

    def participant_initial(self, participant: Participant) -> dict[str, Any]:
        """One row of the participants formset; kinds add their own fields."""
        person = participant.person
        return {
            "full_name": person.full_name,
            "nationality": person.nationality.code,
            "sex": person.sex,
            "date_of_birth": person.date_of_birth,
            "passport_number": person.passport_number,
            "passport_expiry": person.passport_expiry,
            "position": person.position,
            "name_in_script": person.name_in_script,
            "position_translated": person.position_translated,
            "role": participant.role,
            "rank": participant.rank,
        }

    def _programme_initial(self) -> list[dict[str, Any]]:
        if self.case is None:
            return []
        return [
            {
                "start": timezone.localtime(item.start),
                "end": timezone.localtime(item.end),
                "place": item.place,
                "activity": item.activity,
                "hosts": item.hosts,
                "notes": item.notes,
                "recording_planned": item.recording_planned,
                "summary": item.summary,
                "summary_translated": item.summary_translated,
                "place_translated": item.place_translated,
                "hosts_translated": item.hosts_translated,
            }
            for item in self.case.programme_items.all()
        ]


def _flatten(error: ValidationError) -> ValidationError:
    return ValidationError([message for messages in error.message_dict.values() for message in messages])


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(label=_("file"), help_text=_("PDF, Office document or image; at most 20 MB."))
    description = forms.CharField(label=_("description"), max_length=255, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AccessForm(forms.Form):
    """One user or one agency for the need-to-know list of a restricted case."""

    user = forms.ModelChoiceField(
        label=_("User"),
        required=False,
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        widget=SearchableSelect,
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.filter(is_active=True).order_by("name_vi"),
        widget=SearchableSelect,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("user") and not cleaned.get("agency"):
            raise ValidationError(_("Choose a user or an agency."))
        return cleaned
