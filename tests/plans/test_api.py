from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.plans.conftest import PlanWorld, report
from ttdn.accounts.models import User
from ttdn.plans.models import Plan, PlanTask, TaskProgress

pytestmark = pytest.mark.django_db

ROLES = ["protocol", "leader", "culture_staff", "district_staff", "police_officer", "stranger"]


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _ids(client: APIClient, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_the_api_lists_what_opens_and_hides_the_rest(plan_world: PlanWorld, role: str) -> None:
    for task, author in (
        (plan_world.shared, plan_world.culture_staff),
        (plan_world.shared, plan_world.district_staff),
        (plan_world.police_only, plan_world.police_officer),
    ):
        report(task, author)
    client = _client(getattr(plan_world, role))
    for url, model in (
        ("/api/v1/plans/", Plan),
        ("/api/v1/plan-tasks/", PlanTask),
        ("/api/v1/task-progress/", TaskProgress),
    ):
        listed = _ids(client, url)
        for pk in model.objects.values_list("pk", flat=True):
            assert client.get(f"{url}{pk}/").status_code == (200 if pk in listed else 404), (url, pk)
    progress = TaskProgress.objects.all()
    seen = _ids(client, "/api/v1/task-progress/")
    if role == "culture_staff":
        assert seen == {p.pk for p in progress if p.agency == plan_world.culture}
        assert _ids(client, "/api/v1/plan-tasks/") == {plan_world.shared.pk}
        task = client.get(f"/api/v1/plan-tasks/{plan_world.shared.pk}/").json()
        assert sorted(task["agencies"]) == sorted([plan_world.culture.code, plan_world.district.code])
    if role in ("protocol", "leader"):
        assert seen == {p.pk for p in progress}
    if role == "stranger":
        assert seen == set() and _ids(client, "/api/v1/plans/") == set()


def test_progress_is_created_for_the_user_s_agency_on_its_own_tasks(plan_world: PlanWorld) -> None:
    client = _client(plan_world.district_staff)
    body = {
        "task": plan_world.district_only.pk,
        "status": "done",
        "text": "Đã tập huấn 3 lớp",
        "reported_on": "2026-02-10",
    }
    response = client.post("/api/v1/task-progress/", body, format="json")
    assert response.status_code == 201, response.content
    created = TaskProgress.objects.get(pk=response.json()["id"])
    assert (created.agency, created.author) == (plan_world.district, plan_world.district_staff)
    assert response.json()["agency"] == plan_world.district.code

    unseen = {**body, "task": plan_world.police_only.pk}
    assert client.post("/api/v1/task-progress/", unseen, format="json").status_code == 404
    leader = _client(plan_world.leader)
    assert leader.post("/api/v1/task-progress/", body, format="json").status_code == 403
    bad = client.post("/api/v1/task-progress/", {**body, "status": "finished"}, format="json")
    assert bad.status_code == 400 and "status" in bad.json()
    future = client.post("/api/v1/task-progress/", {**body, "reported_on": "2099-01-01"}, format="json")
    assert future.status_code == 400 and "reported_on" in future.json()
    assert TaskProgress.objects.count() == 1


def test_plans_and_tasks_are_read_only_in_the_api(plan_world: PlanWorld) -> None:
    client = _client(plan_world.protocol)
    assert client.post("/api/v1/plans/", {"number": "1/KH"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/plan-tasks/{plan_world.shared.pk}/").status_code == 405
