"""Every registered admin, walked as each role against the objects outside its policy.

The walk goes over ``admin.site._registry``, so a model registered later is walked too: its admin
must say what its model is to the access policy (ttdn/admin_access.py), and the objects a scoped
admin may not show are computed from the policy's own selectors. For each role (staff, so that
the admin answers at all) and each admin: the list, a search for the hidden objects, their change,
delete and history pages, and the autocomplete of other admins; none may show a hidden object.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from conferences.models import Conference
from conferences.services import consultation_add
from ngos.models import AidProject, AidSector, Certificate, Filing, Ngo, NgoContact
from press.models import Coverage
from tests.factories import (
    ensure_police_agency,
    make_agency,
    make_conference,
    make_delegation,
    make_press_visit,
    person_data,
)
from ttdn.accounts.roles import Role
from ttdn.admin_access import SCOPED, AccessScopedAdmin, scope_of, unclassified_admins
from ttdn.budget.models import BudgetLine, CaseBudget, GuestCategory
from ttdn.cases.models import (
    AccessLog,
    Case,
    CaseHost,
    FollowUp,
    Organisation,
    Person,
    PostVisitReport,
    SecrecyMark,
)
from ttdn.cases.services.attachments import attachment_add
from ttdn.cases.services.cases import CaseData, ParticipantData, case_update
from ttdn.cases.services.workflow import case_submit, case_transition
from ttdn.documents.models import Document, IncomingDocument, Register
from ttdn.gifts.models import GiftGiven, GiftReceived
from ttdn.notifications.models import Notification

pytestmark = pytest.mark.django_db

MARK = "ABCXYZ"  # in the texts of the hidden case and of everything on it
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CASE_MODELS = (Case, Person)


@dataclass
class Walk:
    covered: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def report(self) -> str:
        return (
            f"{len(self.problems)} problems:\n"
            + "\n".join(f"  {problem}" for problem in self.problems)
            + f"\n{len(self.covered)} requests (role: URL → answer):\n"
            + "\n".join(f"  {line}" for line in self.covered)
        )


@pytest.fixture
def world(make_user, attachment_storage):
    """A restricted case no walker may see, with a record of every kind on it; a normal case
    referred to the police and co-hosted by the walking agency; a normal draft only the
    province-wide roles see."""
    author = make_user(Role.PROTOCOL)
    police = ensure_police_agency()
    host = make_agency()
    hidden = make_delegation(actor=author, access_level="restricted", title=f"Hồ sơ mật {MARK}", programme=1)
    case_update(
        actor=author,
        case=hidden,
        data=CaseData(
            fields={},
            participants=[ParticipantData(person_data(f"{MARK} Person", "GB", "ZZ7654321"))],
            programme=None,  # kept as made
        ),
    )
    attachment_add(
        actor=author, case=hidden, upload=SimpleUploadedFile(f"{MARK}.pdf", PDF), kind="request_letter"
    )
    # A review, referred to the police and withdrawn: the referral's sight of a restricted case
    # ends with it (issue 15), so the police may not see this one either.
    hidden = case_submit(actor=author, case=hidden)
    hidden = case_transition(actor=author, case=hidden, name="cancel", reason="Đối tác hoãn")
    press = make_press_visit(actor=author, access_level="restricted", title=f"Phóng viên {MARK}")
    conference = make_conference(actor=author, access_level="restricted", title=f"Hội thảo {MARK}")
    Conference.objects.filter(case=conference).update(topic=f"{MARK} topic")
    consultation_add(actor=author, case=conference, agency=make_agency(), asked_on=timezone.localdate())
    today = timezone.localdate()
    Coverage.objects.create(case=press, title=f"{MARK} coverage", outlet="NHK", published_on=today,
                            language="ja", recorded_by=author)  # fmt: skip
    SecrecyMark.objects.create(case=hidden, title=f"{MARK} document", level=SecrecyMark.Level.MAT,
                               register_number="01/M", custodian="Văn phòng", protection_period="5 năm",
                               recorded_by=author)  # fmt: skip
    CaseHost.objects.create(case=hidden, name=f"{MARK} host", position="Chủ tịch", rank=1)
    followup = FollowUp.objects.create(case=hidden, title=f"{MARK} follow-up", created_by=author, assignee_user=author,
                                       due_date=today + datetime.timedelta(days=3))  # fmt: skip
    PostVisitReport.objects.create(followup=followup, summary=f"{MARK} report", filed_by=author)
    Notification.objects.create(recipient=author, kind="arrival", key=f"{MARK}-1", case=hidden)
    AccessLog.objects.create(case=hidden, user=author, action=AccessLog.Action.EXPORT, detail=MARK)
    out, received = Register.objects.get(code="van-ban-di"), Register.objects.get(code="van-ban-den")
    Document.objects.create(case=hidden, register=out, doc_type="TTr", symbol="TTr-VP", summary=f"{MARK} draft",
                            rendered_at=timezone.now(), created_by=author)  # fmt: skip
    IncomingDocument.objects.create(register=received, number=1, year=today.year, issuing_body=f"{MARK} body",
                                    received_on=today, summary=f"{MARK} letter", case=hidden, recorded_by=author)  # fmt: skip
    budget = CaseBudget.objects.create(case=hidden, category=GuestCategory.objects.get(code="a"), guests=2, days=1,
                                       created_by=author)  # fmt: skip
    BudgetLine.objects.create(budget=budget, label=f"{MARK} line", amount=1, reason=MARK)
    GiftGiven.objects.create(case=hidden, recipient_text=MARK, description=f"{MARK} gift", value=1,
                             budget_line_text="x", approved_by="x", given_on=today, created_by=author)  # fmt: skip
    GiftReceived.objects.create(case=hidden, from_text=MARK, recipient_name="x", description=f"{MARK} gift",
                                estimated_value=1, received_on=today, created_by=author)  # fmt: skip
    # A foreign NGO of no visit the walking agency hosts, with a record of every kind of the registry:
    # the registry's readers see it (no MARK in it), host agency staff do not.
    ngo = Ngo.objects.create(
        organisation=Organisation.objects.create(name="Registry NGO", kind="ngo", country="US")
    )
    certificate = Certificate.objects.create(ngo=ngo, kind="operation", event="issued", number="01/CNV",
                                             issued_on=today, valid_until=today)  # fmt: skip
    NgoContact.objects.create(ngo=ngo, name="Registry contact")
    Filing.objects.create(ngo=ngo, kind="activity_plan", certificate=certificate, due_on=today)
    AidProject.objects.create(ngo=ngo, title="Registry project", committed=1, start_date=today, end_date=today,
                              sector=AidSector.objects.get_or_create(code="walk", defaults={"name": "Walk"})[0])  # fmt: skip
    shown = case_submit(
        actor=author, case=make_delegation(actor=author, co_hosts=[host], title="Hồ sơ thường")
    )
    draft = make_delegation(actor=author, title="Hồ sơ nháp")
    walkers = {
        "protocol": make_user(Role.PROTOCOL, is_staff=True),
        "police": make_user(Role.POLICE, agency=police, is_staff=True),
        "agency": make_user(Role.AGENCY, agency=host, is_staff=True),
        "leader": make_user(Role.LEADER, is_staff=True),
        "admin": make_user(Role.ADMIN, is_staff=True),
    }
    return walkers, [hidden.reference, press.reference, conference.reference], [shown, draft]


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None  # the admin has no such page (no history page, say)


def _hidden_pks(model_admin: admin.ModelAdmin, user: Any) -> set[Any]:
    scope = scope_of(model_admin)
    everything = model_admin.model._default_manager.all()
    if not isinstance(scope, SCOPED):
        return set()
    visible = set(scope.visible(everything, user).values_list("pk", flat=True))
    return set(everything.values_list("pk", flat=True)) - visible


def test_every_admin_says_what_its_model_is_to_the_access_policy() -> None:
    registered = sorted(model._meta.label for model in admin.site._registry)
    assert unclassified_admins(admin.site, CASE_MODELS) == [], f"registered: {', '.join(registered)}"


def test_an_admin_registered_without_a_scope_is_reported() -> None:
    site = admin.AdminSite(name="walk-test")
    site.register(Case, admin.ModelAdmin)
    site.register(Notification, type("LogAdmin", (admin.ModelAdmin,), {"access_scope": scope_of(
        admin.site._registry[Person])}))  # fmt: skip

    problems = unclassified_admins(site, CASE_MODELS)

    assert problems == [
        "cases.Case: ModelAdmin has no access_scope",
        "notifications.Notification: LogAdmin is scoped but not an AccessScopedAdmin",
    ]


def test_no_admin_page_shows_what_the_policy_hides(world) -> None:
    walkers, hidden_references, _visible_cases = world
    walk = Walk()
    client = Client(raise_request_exception=False)
    hidden_seen: dict[str, int] = {}
    started = time.monotonic()

    def get(role: str, url: str, **query: str) -> Any:
        response = client.get(url, query)
        walk.covered.append(f"{role}: {url}{'?' + '&'.join(query) if query else ''} → {response.status_code}")
        if response.status_code >= 500:
            walk.problems.append(f"{role}: {url} {query} answered {response.status_code}")
        body = response.content.decode(errors="replace")
        for secret in () if query else (MARK, *hidden_references):  # a search shows what was asked
            if secret in body:
                walk.problems.append(f"{role}: {url} shows {secret!r}")
        return response

    for role, user in walkers.items():
        client.force_login(user)
        for model, model_admin in admin.site._registry.items():
            info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            scoped = isinstance(scope_of(model_admin), SCOPED)
            hidden = _hidden_pks(model_admin, user)
            hidden_seen[model._meta.label] = hidden_seen.get(model._meta.label, 0) + len(hidden)
            sample = min(hidden, key=str, default=None)
            if sample is None:
                sample = model._default_manager.values_list("pk", flat=True).first()
            listed = get(role, reverse(f"{info}_changelist"))
            if scoped and listed.status_code == 200:
                shown = {obj.pk for obj in listed.context["cl"].queryset}
                visible = set(model._default_manager.values_list("pk", flat=True)) - hidden
                if shown != visible:
                    walk.problems.append(
                        f"{role}: {info} lists {sorted(shown)}, the policy shows {sorted(visible)}"
                    )
            if model_admin.search_fields:
                term = str(model._default_manager.get(pk=sample))[:30] if sample in hidden else MARK
                found = get(role, reverse(f"{info}_changelist"), q=term)
                if found.status_code == 200 and {obj.pk for obj in found.context["cl"].queryset} & hidden:
                    walk.problems.append(f"{role}: {info} search {term!r} finds a hidden {model._meta.label}")
            if sample is not None:
                obj = model._default_manager.get(pk=sample)  # the admin's id: a token's is its user's
                for page in ("change", "delete", "history") if scoped else ("change",):
                    url = _url(f"{info}_{page}", quote(str(obj.pk)))
                    if url is not None and get(role, url).status_code == 200 and sample in hidden:
                        walk.problems.append(f"{role}: {url} opens a hidden {model._meta.label}")
            for field_name in model_admin.autocomplete_fields:
                target = model._meta.get_field(field_name).related_model
                target_admin = admin.site._registry.get(target) if isinstance(target, type) else None
                if target_admin is None:
                    continue
                response = get(role, reverse("admin:autocomplete"), term=MARK, app_label=model._meta.app_label,
                               model_name=str(model._meta.model_name), field_name=field_name)  # fmt: skip
                if response.status_code == 200:
                    ids = {str(result["id"]) for result in response.json()["results"]}
                    leaked = ids & {str(pk) for pk in _hidden_pks(target_admin, user)}
                    if leaked:
                        walk.problems.append(
                            f"{role}: autocomplete of {info}.{field_name} offers hidden {leaked}"
                        )
        client.logout()
    for model, model_admin in admin.site._registry.items():
        if isinstance(scope_of(model_admin), SCOPED) and not hidden_seen[model._meta.label]:
            walk.problems.append(
                f"{model._meta.label}: no walker had a hidden one; add one to the world fixture"
            )
        if isinstance(scope_of(model_admin), SCOPED):
            assert isinstance(model_admin, AccessScopedAdmin)
    print(f"\nadmin walk: {len(walk.covered)} requests in {time.monotonic() - started:.0f} s")
    assert not walk.problems, walk.report()
    assert {line.split(":")[0] for line in walk.covered} == set(walkers), walk.report()


def test_the_press_card_of_a_person_on_hidden_cases_only_is_not_in_the_admin(world) -> None:
    """Finding 1 of issue 16: the card admin listed every card, and opened each."""
    from press.models import PressCard

    walkers, _hidden, _visible = world
    client = Client()
    client.force_login(walkers["admin"])
    card = PressCard.objects.get(person__full_name="Yamada Taro")

    listed = client.get(reverse("admin:press_presscard_changelist"), {"q": "Yamada"})
    opened = client.get(reverse("admin:press_presscard_change", args=[card.pk]))
    history = client.get(reverse("admin:press_presscard_history", args=[card.pk]))

    assert list(listed.context["cl"].queryset) == []
    assert opened.status_code == 302  # "does not exist", as for a missing card
    assert history.status_code == 404
