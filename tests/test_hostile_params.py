"""Hostile values in every GET parameter and path value of every URL (the URL walk's and the API
schema's), as anonymous and as each role: a bad value is a 400 or a 404 with a message, never a
500. ``make test`` runs it on PostgreSQL too, where a NUL byte reaching the database is an error.

A URL's parameters are those its pages offer (the fields of GET forms and the query strings of the
links back to the same page), those the API schema names, and a few any view may read
(``COMMON_PARAMETERS``); a parameter added to a page or to the schema is walked with no change
here. Each hostile value goes into every parameter at once, then into every parameter of its kind
(the two ends of a period get the same extreme date), then into each path value.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote as admin_quote
from django.test import Client
from django.urls import get_resolver
from drf_spectacular.generators import SchemaGenerator

from tests.factories import make_agency, make_delegation, make_press_visit
from tests.test_security_headers import assert_strict_csp
from tests.test_url_walk import _routes
from ttdn.accounts.models import Agency
from ttdn.accounts.roles import Role
from ttdn.accounts.services import user_calendar_token_reset
from ttdn.forms import DATE_PLACEHOLDER

pytestmark = pytest.mark.django_db

DATE, MONTH, NUMBER, CHOICE = "date", "month", "number", "choice"
# Each hostile value: its kind (None: any parameter), and the value; a list is the parameter
# given several times where one value is expected.
HOSTILE: dict[str, tuple[str | None, str | list[str]]] = {
    "NUL": (None, "\x00"),
    "NUL inside": (None, "2026-01\x00-01"),
    "first day of the calendar": (DATE, "0001-01-01"),
    "last day of the calendar": (DATE, "31/12/9999"),
    "impossible date": (DATE, "30/02/2026"),
    "last month of the calendar": (MONTH, "9999-12"),
    "last year of the calendar": (NUMBER, "9999"),
    "number beyond 32 bits": (NUMBER, "99999999999"),
    "huge number": (NUMBER, "9" * 40),
    "huge negative number": (NUMBER, "-" + "9" * 40),
    "negative number": (NUMBER, "-1"),
    "float overflow": (NUMBER, "1e999"),
    "unknown choice": (CHOICE, "no-such-choice"),
    "very long string": (None, "ş" * 4000),
    "quotes and wildcards": (None, "'\"<x>%_\\"),
    "array": (None, ["1", "2", "no-such-choice"]),
}
# Path values go through the URL's converter first: a value it refuses is a 404 there.
HOSTILE_PATH: dict[str, str] = {
    "NUL": "\x00",
    "huge number": "9" * 40,
    "negative number": "-1",
    "very long string": "x" * 3000,
    "quotes and wildcards": "'\"<x>%_",
}
COMMON_PARAMETERS = ("next", "page", "q", "format")
ADMIN_PARAMETERS = ("o", "p", "e", "_to_field", "_popup", "_changelist_filters")
# A baseline answered with one of these did not read its query (sign-in, 404, 405 ...).
NOT_PROCESSED = {301, 302, 401, 403, 404, 405}
SIGN_IN_PAGES = ("/accounts/login/", "/admin/login/")


@dataclass
class Walk:
    """What the walk sent, and what answered 500, for the failure message."""

    parameters: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    roles: set[str] = field(default_factory=set)
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def get(self, client: Client, role: str, url: str, query: dict[str, Any], label: str, phase: str) -> Any:
        started = time.monotonic()
        response = client.get(url, query)
        self.seconds[f"{role} {phase}"] += time.monotonic() - started
        self.counts[f"{role} {phase}"] += 1
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.errors.append(f"{role}: GET {url[:100]} with {label} → {response.status_code}")
        return response

    def report(self) -> str:
        covered = "\n".join(
            f"  {url} ? {', '.join(sorted(names)) or '-'}" for url, names in sorted(self.parameters.items())
        )
        return (
            f"{len(self.errors)} server errors among {sum(self.statuses.values())} requests "
            f"(answers: {dict(sorted(self.statuses.items()))}):\n"
            + "\n".join(f"  {error}" for error in self.errors[:80])
            + f"\nhostile values: {', '.join(HOSTILE)}; in paths: {', '.join(HOSTILE_PATH)}"
            + f"\nas {', '.join(sorted(self.roles))}, on {len(self.parameters)} URLs with their parameters:\n"
            + covered
        )


class _OfferedParameters(HTMLParser):
    """The fields of GET forms and the query keys of links back to ``path``, with their kind."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.kinds: dict[str, str | None] = {}
        self._in_get_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        name = values.get("name", "")
        if tag == "form":
            self._in_get_form = values.get("method", "get").lower() == "get"
        elif tag == "select" and self._in_get_form and name:
            self.kinds[name] = CHOICE
        elif tag in ("input", "textarea") and self._in_get_form and name:
            kind = {"date": DATE, "month": MONTH, "number": NUMBER}.get(values.get("type", ""))
            self.kinds[name] = DATE if values.get("placeholder") == str(DATE_PLACEHOLDER) else kind
        elif tag == "a" and "?" in values.get("href", ""):
            link = urlsplit(values["href"])
            if link.path in ("", self.path):
                for key, value in parse_qsl(link.query, keep_blank_values=True):
                    self.kinds.setdefault(key, _kind_of(value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_get_form = False


def _kind_of(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}", value):
        return DATE
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return MONTH
    return NUMBER if re.fullmatch(r"-?\d+", value) else None


def _offered(path: str, response: Any) -> dict[str, str | None]:
    if getattr(response, "streaming", False) or not response.get("Content-Type", "").startswith("text/html"):
        return {}
    parser = _OfferedParameters(path)
    parser.feed(response.content.decode(errors="replace"))
    parser.kinds.pop("csrfmiddlewaretoken", None)
    return parser.kinds


PLACE_HOLDER = re.compile(r"<(?:\w+:)?(\w+)>")


def _fill(route: str, values: dict[str, str], hostile: tuple[str, str] | None = None) -> str:
    """The route with ``values`` in its place holders (``"1"`` when none is known), and the
    ``hostile`` (name, value) in one of them."""

    def value(match: re.Match[str]) -> str:
        name = str(match.group(1))
        if hostile is not None and name == hostile[0]:
            return quote(hostile[1], safe="")
        return values.get(name, "1")

    return "/" + PLACE_HOLDER.sub(value, route).replace("\\.", ".").replace("/?", "/")


def _schema_parameters() -> dict[str, dict[str, str | None]]:
    """The query parameters of the API schema's GET operations, by route shape (place holders
    as ``<>``), with their kind."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found: dict[str, dict[str, str | None]] = {}
    for path, operations in schema["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] != "query":
                continue
            described = parameter.get("schema", {})
            kind = (
                CHOICE
                if "enum" in described
                else DATE
                if described.get("format") == "date"
                else NUMBER
                if described.get("type") == "integer"
                else None
            )
            found.setdefault(re.sub(r"\{\w+\}", "<>", path.lstrip("/")), {})[parameter["name"]] = kind
    return found


def _admin_object_ids() -> dict[str, str]:
    """The id of one object of each model in the admin, by the admin's URL prefix."""
    ids = {}
    for model in admin.site._registry:
        obj = model._default_manager.first()
        if obj is not None:
            ids[f"admin/{model._meta.app_label}/{model._meta.model_name}/"] = admin_quote(str(obj.pk))
    return ids


def _queries(parameters: dict[str, str | None]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each hostile value in every parameter at once, then in every parameter of its kind."""
    names = sorted(parameters)
    for label, (kind, value) in HOSTILE.items():
        yield f"{label} in every parameter", dict.fromkeys(names, value)
        of_kind = [name for name in names if parameters[name] == kind]
        if kind is not None and of_kind and len(of_kind) < len(names):
            yield f"{label} in {', '.join(of_kind)}", dict.fromkeys(of_kind, value)


@pytest.fixture
def world(make_user, attachment_storage):
    author = make_user(Role.PROTOCOL)
    host = make_agency()
    make_agency(code="ca-tinh", kind=Agency.Kind.POLICE)
    case = make_delegation(actor=author, co_hosts=[host], participants=2, programme=1)
    make_press_visit(actor=author, co_hosts=[host])
    walkers = {
        "anonymous": None,
        "protocol": author,
        "leader": make_user(Role.LEADER),
        "admin": make_user(Role.ADMIN, is_staff=True),
        "police": make_user(Role.POLICE),
        "agency": make_user(Role.AGENCY, agency=host),
    }
    return case, walkers


@pytest.mark.parametrize("end", ["0001-12-31", "9999-12-31"])
@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-01"])
def test_a_report_period_at_the_ends_of_the_calendar_is_refused(client: Client, leader, start, end) -> None:
    """Finding 3 of issue 16: the period before it, or its months, fell outside the calendar."""
    client.force_login(leader)

    page = client.get("/reports/", {"start": start, "end": end})
    export = client.get("/reports/export/figures.csv", {"start": start, "end": end})

    assert page.status_code == 200
    assert (
        "between 2000 and 2100" in str(page.context["form"].non_field_errors()) or page.context["form"].errors
    )
    assert export.status_code == 404


def test_the_report_command_refuses_a_period_outside_the_years_it_covers(leader) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="between the years 2000 and 2100"):
        call_command("report", "--start", "0001-01-01", "--end", "0001-12-31", "--as", leader.username)


@pytest.mark.parametrize(
    "url",
    [
        "/cases/calendar/feed/%00.ics",
        "/cases/?q=%00",
        "/admin/cases/person/?q=a%00b",
        "/api/v1/delegations/?search=%00",
        "/cases/999999999999999999999999/",
        "/admin/delegations/delegation/999999999999999999999999/change/",
        "/admin/cases/case/?start_date__year=9999",
        "/admin/cases/case/?start_date__year=99999999999",
    ],
)
def test_a_nul_a_huge_number_or_no_date_is_a_400_with_its_reason(client: Client, make_user, url) -> None:
    """Finding 3 of issue 16: these reached the database (PostgreSQL refuses a NUL; SQLite an
    integer beyond 64 bits) or Django admin's date arithmetic, and answered 500."""
    client.force_login(make_user(Role.ADMIN, is_staff=True))

    response = client.get(url)

    assert response.status_code == 400
    body = response.content.decode()
    assert "NUL" in body or "lớn hơn" in body or "ngày" in body
    assert_strict_csp(response) if url.startswith(("/cases", "/admin")) else None


def test_an_id_that_is_no_id_has_no_history_page(client: Client, make_user) -> None:
    client.force_login(make_user(Role.ADMIN, is_staff=True))

    for url in ("/admin/cases/organisation/no-such-id/history/", "/admin/cases/organisation/1/history/x/"):
        assert client.get(url).status_code == 404, url


@pytest.fixture
def quiet_request_log() -> Iterator[None]:
    """Thousands of 4xx answers: Django would log each (a 403 with its traceback)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.mark.usefixtures("quiet_request_log")
def test_no_hostile_parameter_or_path_value_is_a_server_error(world, settings) -> None:
    case, walkers = world
    client = Client(raise_request_exception=False)  # a server error is an answer to list
    routes = sorted(set(_routes(get_resolver().url_patterns)))
    schema = _schema_parameters()
    admin_ids = _admin_object_ids()
    walk = Walk()
    started = time.monotonic()
    for role, user in walkers.items():
        walk.roles.add(role)
        client.logout()
        if user:
            client.force_login(user)
        token = user_calendar_token_reset(user=user) if user else "none"
        for route in routes:
            object_id = next((v for prefix, v in admin_ids.items() if route.startswith(prefix)), "1")
            values = {
                "pk": str(case.pk),
                "token": token,
                "object_id": object_id,
                "what": "figures",
                "fmt": "csv",
            }
            url = _fill(route, values)
            baseline = walk.get(client, role, url, {}, "no parameters", "baseline")
            walk.parameters.setdefault(url, set())
            if baseline.status_code == 302 and baseline["Location"].startswith(SIGN_IN_PAGES):
                continue  # neither the query nor the path values are read before signing in
            if baseline.status_code not in NOT_PROCESSED:
                parameters: dict[str, str | None] = dict.fromkeys(COMMON_PARAMETERS)
                if route.startswith("admin/"):
                    parameters |= dict.fromkeys(ADMIN_PARAMETERS)
                parameters |= schema.get(PLACE_HOLDER.sub("<>", route), {}) | _offered(url, baseline)
                walk.parameters[url] |= set(parameters)
                for label, query in _queries(parameters):
                    walk.get(client, role, url, query, label, "query")
            for name in PLACE_HOLDER.findall(route):
                for label, value in HOSTILE_PATH.items():
                    walk.get(
                        client, role, _fill(route, values, (name, value)), {}, f"{label} in <{name}>", "path"
                    )
    print(f"\nhostile walk: {sum(walk.statuses.values())} requests in {time.monotonic() - started:.0f} s")
    for key in sorted(walk.counts):
        print(f"  {key}: {walk.counts[key]} in {walk.seconds[key]:.1f} s")
    assert not walk.errors, walk.report()
    assert walk.roles == {"anonymous", *Role.values} and sum(walk.statuses.values()) > 3000, walk.report()
