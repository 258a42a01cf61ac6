"""The registry in the API: ``/api/v1/ngos/``, ``/api/v1/ngo-certificates/`` and
``/api/v1/ngo-filings/`` (list with filters, retrieve, create, PATCH). The same selectors as the
pages (a record the user may not see is a 404) and the same policy (writes by anyone but
protocol staff: 403)."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ngos.api_params import api_user, bad_input, query_number
from ngos.models import Certificate, Filing, Ngo
from ngos.policy import may_manage_ngos
from ngos.selectors import certificates_visible_to, filings_visible_to, ngos_visible_to
from ngos.selectors_registry import (
    CERTIFICATE_STATES,
    ENDING_SOON_DAYS,
    FILING_STATES,
    certificate_state,
    filing_state,
    ngos_listed,
    organisations_to_take,
)
from ngos.services.registry import (
    CERTIFICATE_FIELDS,
    NGO_FIELDS,
    NgoData,
    Receipt,
    certificate_add,
    certificate_update,
    filing_add,
    filing_record,
    ngo_create,
    ngo_update,
)
from ttdn.accounts.models import User
from ttdn.api.permissions import refuse
from ttdn.cases.models import Organisation


class NgoSerializer(serializers.Serializer[Ngo]):
    id = serializers.IntegerField(read_only=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        required=False,
        allow_null=True,
        help_text="On create: a foreign organisation of kind NGO not in the registry yet, to take in.",
    )
    name = serializers.CharField(max_length=255, required=False)
    name_vi = serializers.CharField(max_length=255, required=False, allow_blank=True)
    country = serializers.ChoiceField(choices=list(countries), required=False)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    acronym = serializers.CharField(max_length=32, required=False, allow_blank=True)
    headquarters = serializers.CharField(max_length=255, required=False, allow_blank=True)
    fields_of_work = serializers.CharField(required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True)
    certificate_until = serializers.DateField(read_only=True, allow_null=True)
    certificate_state = serializers.ChoiceField(
        choices=[code for code, _label in CERTIFICATE_STATES], read_only=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, serializers.PrimaryKeyRelatedField)  # noqa: S101
        if self.instance is None:
            field.queryset = organisations_to_take()
        else:
            field.read_only = True

    def to_representation(self, instance: Ngo) -> dict[str, Any]:
        organisation = instance.organisation
        until = getattr(instance, "certificate_until", None)
        if not hasattr(instance, "certificate_until"):
            until = instance.certificates.aggregate(until=Max("valid_until"))["until"]
        return {
            "id": instance.pk,
            "organisation": organisation.pk,
            "name": organisation.name,
            "name_vi": organisation.name_vi,
            "country": organisation.country.code,
            "website": organisation.website,
            **{name: getattr(instance, name) for name in NGO_FIELDS},
            "certificate_until": until.isoformat() if until else None,
            "certificate_state": certificate_state(until, timezone.localdate()).code,
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("organisation"):
            missing = {
                name: [_("This field is required.")] for name in ("name", "country") if not attrs.get(name)
            }
            if missing:
                raise ValidationError(missing)
        return attrs


class NgoViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = NgoSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Ngo]:
        user = self.request.user
        if self.action != "list":
            return (
                ngos_visible_to(user)
                .select_related("organisation")
                .annotate(certificate_until=Max("certificates__valid_until"))
            )
        params = self.request.query_params
        state = params.get("certificate", "")
        if state and state not in dict(CERTIFICATE_STATES):
            raise ValidationError(
                {"certificate": [_("Choose one of: %s.") % ", ".join(dict(CERTIFICATE_STATES))]}
            )
        return ngos_listed(
            user=user, search=params.get("search", ""), state=state, country=params.get("country", "").upper()
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "search", str, description="Name, Vietnamese name, acronym or certificate number."
            ),
            OpenApiParameter("certificate", str, enum=[code for code, _label in CERTIFICATE_STATES]),
            OpenApiParameter("country", str, description="ISO 3166 code."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def _data(self, values: dict[str, Any], ngo: Ngo | None) -> NgoData:
        current: dict[str, Any] = {}
        if ngo is not None:
            organisation = ngo.organisation
            current = {
                "name": organisation.name, "name_vi": organisation.name_vi, "country": organisation.country.code,
                "website": organisation.website,
                **{name: getattr(ngo, name) for name in ("acronym", "headquarters", "fields_of_work", "notes")},
            }  # fmt: skip
        given = {k: v for k, v in values.items() if k != "organisation"}
        return NgoData.of({**current, **given})

    def _answer(self, ngo: Ngo, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=ngo.pk) if self.action != "list" else ngo
        return Response(NgoSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = api_user(request)
        refuse(may_manage_ngos(user=user))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        try:
            ngo = ngo_create(
                actor=user, data=self._data(values, None), organisation=values.get("organisation")
            )
        except DjangoValidationError as error:
            raise bad_input(error) from error
        return self._answer(ngo, status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        ngo = self.get_object()
        user = api_user(request)
        refuse(may_manage_ngos(user=user))
        serializer = self.get_serializer(ngo, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        try:
            ngo_update(actor=user, ngo=ngo, data=self._data(serializer.validated_data, ngo))
        except DjangoValidationError as error:
            raise bad_input(error) from error
        return self._answer(ngo)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not kwargs.get("partial"):
            return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return self.partial_update(request, *args, **kwargs)


class CertificateSerializer(serializers.ModelSerializer[Certificate]):
    ngo = serializers.PrimaryKeyRelatedField(queryset=Ngo.objects.none())
    state = serializers.SerializerMethodField(help_text="valid, ending, expired or none.")
    has_scan = serializers.SerializerMethodField(help_text="A scan is kept (downloaded from the NGO's page).")

    class Meta:
        model = Certificate
        fields = ["id", "ngo", *CERTIFICATE_FIELDS, "state", "has_scan"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ngo"]
        assert isinstance(field, serializers.PrimaryKeyRelatedField)  # noqa: S101
        request = self.context.get("request")
        if self.instance is not None and not isinstance(self.instance, list | QuerySet):
            field.read_only = True
        elif request is not None:
            field.queryset = ngos_visible_to(request.user)

    def get_state(self, certificate: Certificate) -> str:
        return certificate_state(certificate.valid_until, timezone.localdate()).code

    def get_has_scan(self, certificate: Certificate) -> bool:
        return bool(certificate.file)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        issued = attrs.get("issued_on", getattr(self.instance, "issued_on", None))
        until = attrs.get("valid_until", getattr(self.instance, "valid_until", None))
        if issued and until and until < issued:
            raise ValidationError({"valid_until": [_("A certificate cannot end before it is issued.")]})
        return attrs


class WritesByProtocol(mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Create and PATCH through the services (``create_record``, ``update_record``), by protocol
    staff only (a record the user may not see is a 404 first); PUT is not offered."""

    def create_record(self, actor: User, ngo: Ngo, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def update_record(self, actor: User, record: Any, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        refuse(may_manage_ngos(user=api_user(request)))
        return super().create(request, *args, **kwargs)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        cast(Any, self).get_object()  # GenericViewSet's: a record the user may not see is a 404
        refuse(may_manage_ngos(user=api_user(request)))
        return super().partial_update(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not kwargs.get("partial"):
            return Response(status=status.HTTP_405_METHOD_NOT_ALLOWED)
        return super().update(request, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        values = dict(serializer.validated_data)
        ngo = values.pop("ngo")
        try:
            serializer.instance = self.create_record(api_user(serializer.context["request"]), ngo, values)
        except DjangoValidationError as error:
            raise bad_input(error) from error

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        try:
            serializer.instance = self.update_record(
                api_user(serializer.context["request"]), serializer.instance, dict(serializer.validated_data)
            )
        except DjangoValidationError as error:
            raise bad_input(error) from error


class RegistryRecordViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, WritesByProtocol, viewsets.GenericViewSet
):
    """The certificates or the filings of the NGOs the user may see (``visible``); the list
    filtered by ``?ngo=``, ``?kind=`` and ``?state=`` (``by_state``)."""

    http_method_names = ["get", "post", "patch", "head", "options"]

    def visible(self) -> QuerySet[Any]:
        raise NotImplementedError

    def by_state(self, records: QuerySet[Any], state: str, today: datetime.date) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        records = self.visible()
        if self.action != "list":
            return records
        params = self.request.query_params
        ngo = query_number(self.request, "ngo")
        if ngo is not None:
            records = records.filter(ngo=ngo)
        if params.get("kind"):
            records = records.filter(kind=params["kind"])
        if params.get("state"):
            records = self.by_state(records, params["state"], timezone.localdate())
        return records


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("ngo", int),
            OpenApiParameter("kind", str, enum=Certificate.Kind.values),
            OpenApiParameter("state", str, enum=[code for code, _label in CERTIFICATE_STATES]),
        ]
    )
)
class CertificateViewSet(RegistryRecordViewSet):
    serializer_class = CertificateSerializer

    def visible(self) -> QuerySet[Certificate]:
        return certificates_visible_to(self.request.user).order_by("-issued_on", "-pk")

    def by_state(self, records: QuerySet[Any], state: str, today: datetime.date) -> QuerySet[Any]:
        soon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
        return {
            "valid": records.filter(valid_until__gt=soon),
            "ending": records.filter(valid_until__gte=today, valid_until__lte=soon),
            "expired": records.filter(valid_until__lt=today),
        }.get(state, records.none())

    def create_record(self, actor: User, ngo: Ngo, values: dict[str, Any]) -> Certificate:
        return certificate_add(actor=actor, ngo=ngo, values=values)

    def update_record(self, actor: User, record: Any, values: dict[str, Any]) -> Certificate:
        return certificate_update(actor=actor, certificate=record, values=values)


class FilingSerializer(serializers.ModelSerializer[Filing]):
    ngo = serializers.PrimaryKeyRelatedField(queryset=Ngo.objects.none())
    kind = serializers.ChoiceField(choices=Filing.Kind.choices)
    state = serializers.SerializerMethodField(help_text="due, overdue or received.")
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Filing
        fields = [
            "id", "ngo", "kind", "certificate", "project", "year", "period_end", "due_on", "received_on",
            "document_number", "document_date", "notes", "state", "has_document",
        ]  # fmt: skip
        read_only_fields = ["certificate", "project", "period_end"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if self.instance is not None and not isinstance(self.instance, list | QuerySet):
            for name in ("ngo", "kind", "year", "due_on"):
                self.fields[name].read_only = True
        elif request is not None:
            field = self.fields["ngo"]
            assert isinstance(field, serializers.PrimaryKeyRelatedField)  # noqa: S101
            field.queryset = ngos_visible_to(request.user)

    def get_state(self, filing: Filing) -> str:
        return filing_state(filing, timezone.localdate()).code

    def get_has_document(self, filing: Filing) -> bool:
        return bool(filing.file)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        received = attrs.get("received_on", getattr(self.instance, "received_on", None))
        dated = attrs.get("document_date", getattr(self.instance, "document_date", None))
        if dated and not received:
            raise ValidationError({"received_on": [_("Say when the filing arrived.")]})
        if dated and received and dated > received:
            raise ValidationError({"document_date": [_("The document cannot be dated after it arrived.")]})
        return attrs


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("ngo", int),
            OpenApiParameter("kind", str, enum=Filing.Kind.values),
            OpenApiParameter("state", str, enum=[code for code, _label in FILING_STATES]),
        ]
    )
)
class FilingViewSet(RegistryRecordViewSet):
    """What the NGOs owe and when it arrived; PATCH records an arrival (received on, document)."""

    serializer_class = FilingSerializer

    def visible(self) -> QuerySet[Filing]:
        return filings_visible_to(self.request.user).order_by("due_on", "pk")

    def by_state(self, records: QuerySet[Any], state: str, today: datetime.date) -> QuerySet[Any]:
        return {
            "received": records.filter(received_on__isnull=False),
            "due": records.filter(received_on__isnull=True, due_on__gte=today),
            "overdue": records.filter(received_on__isnull=True, due_on__lt=today),
        }.get(state, records.none())

    def create_record(self, actor: User, ngo: Ngo, values: dict[str, Any]) -> Filing:
        return filing_add(actor=actor, ngo=ngo, values=values)

    def update_record(self, actor: User, record: Any, values: dict[str, Any]) -> Filing:
        filing = record
        received = values.get("received_on", filing.received_on)
        if received is None:
            raise ValidationError({"received_on": [_("Say when the filing arrived.")]})
        receipt = Receipt(
            received_on=received,
            document_number=values.get("document_number", filing.document_number),
            document_date=values.get("document_date", filing.document_date),
            notes=values.get("notes", filing.notes),
        )
        return filing_record(actor=actor, filing=filing, receipt=receipt)
