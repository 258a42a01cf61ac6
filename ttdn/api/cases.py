"""What every case looks like over the API, whatever its kind; the kinds add their own fields
(``delegations/api.py``, ``press/api.py``). Read through the one selector; identity data masked
where the policy masks it, as on the pages."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ttdn.accounts.models import Agency, User
from ttdn.api.permissions import refuse
from ttdn.api.reads import LogsRestrictedReads
from ttdn.cases.identity import identity_shown_column, identity_visible_among, mask_passport
from ttdn.cases.models import Case, Organisation, Participant, ProgrammeItem
from ttdn.cases.models.hosts import RANK_FIELD_BOUNDS, RANK_MAX
from ttdn.cases.policy import may_create_case, may_edit
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.services.cases import PROGRAMME_TRANSLATED, CaseData, ParticipantData, ProgrammeData
from ttdn.cases.services.people import PersonData
from ttdn.cases.text import fold
from ttdn.languages import guest_language_choices


class CounterpartSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    kind = serializers.CharField()
    country = serializers.CharField()


class ParticipantSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=255)
    nationality = serializers.CharField()
    passport_number = serializers.CharField(required=False, allow_blank=True, max_length=32)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    role = serializers.ChoiceField(choices=Participant.Role.choices, required=False)
    rank = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=f"Order of precedence: 1 is the head (up to {RANK_MAX}).",
        **RANK_FIELD_BOUNDS,
    )
    name_in_script = serializers.CharField(required=False, allow_blank=True, max_length=255)
    position_translated = serializers.CharField(required=False, allow_blank=True, max_length=255)

    def validate_date_of_birth(self, value: datetime.date | None) -> datetime.date | None:
        if value and value > timezone.localdate():
            raise serializers.ValidationError(_("A date of birth cannot be in the future."))
        return value


class ProgrammeItemSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    place = serializers.CharField(max_length=255)
    activity = serializers.CharField()
    hosts = serializers.CharField(required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    recording_planned = serializers.BooleanField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=255)
    summary_translated = serializers.CharField(required=False, allow_blank=True, max_length=255)
    place_translated = serializers.CharField(required=False, allow_blank=True, max_length=255)
    hosts_translated = serializers.CharField(required=False, allow_blank=True, max_length=255)


class CaseSerializer(serializers.Serializer):
    """The shared fields; ``kind`` is filled in by the kind's serializer."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(max_length=255)
    direction = serializers.ChoiceField(choices=Case.Direction.choices)
    mode = serializers.ChoiceField(choices=Case.Mode.choices, required=False)
    countries = serializers.ListField(child=serializers.CharField(), required=False)
    counterpart = CounterpartSerializer(required=False, allow_null=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    lead_agency = serializers.CharField()
    co_host_agencies = serializers.ListField(child=serializers.CharField(), required=False)
    access_level = serializers.ChoiceField(choices=Case.AccessLevel.choices, required=False)
    guest_language = serializers.ChoiceField(choices=guest_language_choices(), required=False)
    status = serializers.CharField(read_only=True)
    programme_pdf_url = serializers.URLField(
        read_only=True, help_text="The printed programme for the guests, PDF, in their language."
    )
    programme_pdf_bilingual_url = serializers.URLField(
        read_only=True,
        help_text="The printed programme, PDF, Vietnamese and the guests' language side by side.",
    )
    participants = ParticipantSerializer(many=True, required=False)
    programme = ProgrammeItemSerializer(many=True, required=False)

    def _identity_shown(self, case: Case) -> set[int]:
        """The cases of this response whose identity data the user sees: read with the rows where
        the view asked for it (``identity_shown_column``), else decided once for the whole page
        (kept in the context that the page's rows share)."""
        user = self.context["request"].user
        if hasattr(case, "identity_shown"):
            return {case.pk} if case.identity_shown else set()
        if not isinstance(self.parent, serializers.ListSerializer):
            return identity_visible_among(user=user, cases=[case])
        if "identity_shown" not in self.context:
            self.context["identity_shown"] = identity_visible_among(
                user=user, cases=self.parent.instance or []
            )
        shown: set[int] = self.context["identity_shown"]
        return shown

    def to_representation(self, case: Case) -> dict[str, Any]:
        shown = case.pk in self._identity_shown(case)
        return {
            "id": case.pk,
            "reference": case.reference,
            "kind": self.kind_of(case),
            **current_values(case),
            "start_date": case.start_date.isoformat(),
            "end_date": case.end_date.isoformat(),
            "status": case.status,
            "participants": [
                {
                    "full_name": p.person.full_name,
                    "nationality": str(p.person.nationality),
                    "passport_number": p.person.passport_number
                    if shown
                    else mask_passport(p.person.passport_number),
                    "date_of_birth": p.person.date_of_birth.isoformat()
                    if shown and p.person.date_of_birth
                    else None,
                    "role": p.role,
                    "rank": p.rank,
                    "name_in_script": p.person.name_in_script,
                    "position_translated": p.person.position_translated,
                }
                for p in case.participants.all()
            ],
            "programme": [
                {
                    "start": item.start.isoformat(),
                    "end": item.end.isoformat(),
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
                for item in case.programme_items.all()
            ],
            "programme_pdf_url": self._url("printouts:programme", case),
            "programme_pdf_bilingual_url": self._url("printouts:programme_bilingual", case),
            **self.kind_fields(case),
        }

    def _url(self, name: str, case: Case) -> str:
        path = reverse(name, kwargs={"pk": case.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def kind_of(self, case: Case) -> str:
        return case.kind

    def kind_fields(self, case: Case) -> dict[str, Any]:
        return {}


class CaseQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Case.Status.choices, required=False)
    direction = serializers.ChoiceField(choices=Case.Direction.choices, required=False)
    kind = serializers.CharField(required=False)
    country = serializers.CharField(required=False, min_length=2, max_length=2)
    start_after = serializers.DateField(required=False)
    start_before = serializers.DateField(required=False)
    search = serializers.CharField(required=False)


CASE_FILTERS = [
    OpenApiParameter("status", str, enum=Case.Status.values),
    OpenApiParameter("direction", str, enum=Case.Direction.values),
    OpenApiParameter("kind", str),
    OpenApiParameter("country", str, description="ISO 3166 alpha-2"),
    OpenApiParameter("start_after", str, description="YYYY-MM-DD"),
    OpenApiParameter("start_before", str, description="YYYY-MM-DD"),
    OpenApiParameter("search", str),
]


@extend_schema_view(list=extend_schema(parameters=CASE_FILTERS))
class CaseViewSet(LogsRestrictedReads, viewsets.ReadOnlyModelViewSet):
    """Cases of one kind the user may see, in a stable order (start date, then reference)."""

    case_kind = ""

    def get_queryset(self) -> QuerySet[Case]:
        cases: QuerySet[Case] = (
            cases_visible_to(self.request.user)
            .filter(kind=self.case_kind)
            .select_related("counterpart", "lead_agency")
            .prefetch_related(
                "co_host_agencies",
                # with their persons in the same query (a join, not a second IN list)
                Prefetch("participants", queryset=Participant.objects.select_related("person")),
                "programme_items",
            )
            .annotate(identity_shown=identity_shown_column(self.request.user))
            .order_by("start_date", "reference")
        )
        if self.action == "list":
            cases = self.filter(cases)
        return cases

    def filter(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        query = CaseQuerySerializer(data=self.request.query_params)
        if not query.is_valid():
            raise ValidationError(query.errors)
        data = query.validated_data
        for name, lookup in (("status", "status"), ("direction", "direction"), ("start_after", "start_date__gte"),
                             ("start_before", "start_date__lte")):  # fmt: skip
            if name in data:
                cases = cases.filter(**{lookup: data[name]})
        if "country" in data:  # stored as "FR,JP": two-letter codes, so a substring match is exact
            cases = cases.filter(countries__contains=data["country"].upper())
        if "kind" in data:
            cases = self.filter_kind(cases, data["kind"])
        for word in fold(data.get("search", "")).split():
            cases = cases.filter(search_text__contains=word)
        return cases

    def filter_kind(self, cases: QuerySet[Case], kind: str) -> QuerySet[Case]:
        return cases


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _country(code: str, field: str) -> str:
    code = code.upper()
    if code not in dict(countries):
        raise _error(field, _("“%(value)s” is not an ISO 3166 country code.") % {"value": code})
    return code


def _agency(code: str, field: str) -> Agency:
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise _error(field, _("No agency has the code “%(code)s”.") % {"code": code})
    return agency


def case_data(values: dict[str, Any]) -> CaseData:
    """The service's CaseData from the API's (validated) values; every reference checked.
    ``participants`` or ``programme`` absent from ``values``: kept as they are. Within a row, a key
    added since the API began (a participant's ``rank``, ``name_in_script``,
    ``position_translated``; a programme item's ``*_translated``) left out keeps its stored value:
    the rank of the same person on the case; the person's own fields (a person's empty field never
    overwrites); the translations of the stored item of the same start (the n-th row of a start the
    n-th stored one of that start), as the API gives programme items no id."""
    if values["end_date"] < values["start_date"]:
        raise _error("end_date", _("The visit cannot end before it starts."))
    counterpart = None
    if values.get("counterpart"):
        given = values["counterpart"]
        if given["kind"] not in Organisation.Kind.values:
            raise _error("counterpart", _("Unknown kind of counterpart: %(kind)s.") % {"kind": given["kind"]})
        # Unsaved: the service finds it in the register (same name and country) or saves it.
        counterpart = Organisation(
            name=given["name"].strip(), kind=given["kind"], country=_country(given["country"], "counterpart")
        )
    participants: list[ParticipantData] | None = None if "participants" not in values else []
    for row in values.get("participants", []):
        role = row.get("role") or Participant.Role.MEMBER
        if role not in Participant.Role.values:
            raise _error("participants", _("Unknown role: %(role)s.") % {"role": role})
        person = PersonData(
            full_name=row["full_name"].strip(),
            nationality=_country(row["nationality"], "participants"),
            date_of_birth=row.get("date_of_birth"),
            passport_number=row.get("passport_number", "").strip(),
            name_in_script=row.get("name_in_script", "").strip(),
            position_translated=row.get("position_translated", "").strip(),
        )
        # A key left out (a client older than it) keeps what is stored: see ``keep_rank``, ``kept``.
        participants.append(  # type: ignore[union-attr]
            ParticipantData(person, role=role, rank=row.get("rank"), keep_rank="rank" not in row)
        )
    programme: list[ProgrammeData] | None = None if "programme" not in values else []
    for item in values.get("programme", []):
        if item["activity"] not in ProgrammeItem.Activity.values:
            raise _error("programme", _("Unknown activity: %(activity)s.") % {"activity": item["activity"]})
        if item["end"] <= item["start"]:
            raise _error("programme", _("A programme item ends after it starts."))
        first, last = timezone.localdate(item["start"]), timezone.localdate(item["end"])
        if first < values["start_date"] or last > values["end_date"]:
            raise _error("programme", _("Every programme item falls within the visit's dates."))
        programme.append(  # type: ignore[union-attr]
            ProgrammeData(
                start=item["start"], end=item["end"], place=item["place"], activity=item["activity"],
                hosts=item.get("hosts", ""), notes=item.get("notes", ""),
                recording_planned=item.get("recording_planned", False),
                summary=item.get("summary", "").strip(),
                summary_translated=item.get("summary_translated", "").strip(),
                place_translated=item.get("place_translated", "").strip(),
                hosts_translated=item.get("hosts_translated", "").strip(),
                kept=frozenset(name for name in PROGRAMME_TRANSLATED if name not in item),
            )
        )  # fmt: skip
    fields = {
        "title": values["title"].strip(),
        "direction": values["direction"],
        "mode": values.get("mode") or Case.Mode.IN_PERSON,
        "countries": [_country(code, "countries") for code in values.get("countries", [])],
        "start_date": values["start_date"],
        "end_date": values["end_date"],
        "lead_agency": _agency(values["lead_agency"], "lead_agency"),
        "access_level": values.get("access_level") or Case.AccessLevel.NORMAL,
        "guest_language": values.get("guest_language") or Case._meta.get_field("guest_language").default,
        "counterpart": counterpart,
    }
    co_hosts = [_agency(code, "co_host_agencies") for code in values.get("co_host_agencies", [])]
    return CaseData(fields=fields, co_host_agencies=co_hosts, participants=participants, programme=programme)


def current_values(case: Case) -> dict[str, Any]:
    """A case's own fields as API input, for a PATCH to complete (its participants and programme
    stay as they are unless the PATCH names them)."""
    counterpart = case.counterpart
    return {
        "title": case.title,
        "direction": case.direction,
        "mode": case.mode,
        "countries": [str(c) for c in case.countries],
        "counterpart": {
            "name": counterpart.name,
            "kind": counterpart.kind,
            "country": str(counterpart.country),
        }
        if counterpart
        else None,
        "start_date": case.start_date,
        "end_date": case.end_date,
        "lead_agency": case.lead_agency.code,
        "co_host_agencies": sorted(agency.code for agency in case.co_host_agencies.all()),
        "access_level": case.access_level,
        "guest_language": case.guest_language,
    }


NESTED = {"counterpart": (CounterpartSerializer, False), "participants": (ParticipantSerializer, True),
          "programme": (ProgrammeItemSerializer, True)}  # fmt: skip


def _validate_nested_in_full(data: Any) -> None:
    """A PATCH names whole nested objects: each must be complete (DRF's partial mode would let
    their required keys go missing)."""
    errors = {}
    for name, (nested, many) in NESTED.items():
        if isinstance(data, dict) and data.get(name) is not None:
            check = nested(data=data[name], many=many)
            if not check.is_valid():
                errors[name] = check.errors
    if errors:
        raise ValidationError(errors)


class WritableCaseViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, CaseViewSet):
    """Create and partial update (PATCH) for protocol staff, through the kind's services;
    anything invalid is a 400 with a message per field and writes nothing."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    def _protocol(self) -> User:
        user = self.request.user
        assert isinstance(user, User)  # noqa: S101 - HasRole
        refuse(may_create_case(user=user))
        return user

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = self._protocol()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = self._saved(
            lambda: self.create_case(actor, case_data(serializer.validated_data), serializer.validated_data)
        )
        return Response(
            self.get_serializer(self.get_queryset().get(pk=case.pk)).data, status=status.HTTP_201_CREATED
        )

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = self._protocol()
        case = self.get_object()
        refuse(may_edit(user=actor, case=case))
        serializer = self.get_serializer(case, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        _validate_nested_in_full(request.data)
        values = {**current_values(case), **self.current_kind_values(case), **serializer.validated_data}
        self._saved(lambda: self.update_case(actor, case, case_data(values), values))
        saved = self.get_queryset().filter(pk=case.pk).first()
        if saved is None:  # made restricted by someone not on its need-to-know list
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(self.get_serializer(saved).data)

    def _saved(self, save: Any) -> Case:
        try:
            return save()
        except DjangoValidationError as error:
            raise ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from error

    # Each kind's view set saves through its own services.
    create_case: Callable[[User, CaseData, dict[str, Any]], Case]
    update_case: Callable[[User, Case, CaseData, dict[str, Any]], Case]

    def current_kind_values(self, case: Case) -> dict[str, Any]:
        return {}
