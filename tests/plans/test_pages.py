from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.plans.conftest import PDF, PlanWorld, report
from ttdn.accounts.models import User
from ttdn.plans.models import Plan, PlanTask, ProgressFile, TaskProgress

pytestmark = pytest.mark.django_db

ROLES = ["protocol", "leader", "admin", "culture_staff", "district_staff", "police_officer", "stranger"]
# What each may open: plans and tasks
SEES = {
    "protocol": ({"plan", "other_plan"}, {"shared", "district_only", "police_only", "elsewhere"}),
    "leader": ({"plan", "other_plan"}, {"shared", "district_only", "police_only", "elsewhere"}),
    "admin": (set(), set()),
    "culture_staff": ({"plan"}, {"shared"}),
    "district_staff": ({"plan", "other_plan"}, {"shared", "district_only", "elsewhere"}),
    "police_officer": ({"plan"}, {"police_only"}),
    "stranger": (set(), set()),
}


def _links(body: str, pattern: str) -> set[int]:
    return {int(found) for found in re.findall(pattern, body)}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_exactly_what_it_opens(plan_world: PlanWorld, client: Client, role: str) -> None:
    user: User = getattr(plan_world, role)
    client.force_login(user)
    plans, tasks = SEES[role]
    listed = client.get(reverse("plans:list"))
    assert listed.status_code == 200
    plan_ids = {getattr(plan_world, name).pk for name in plans}
    assert _links(listed.content.decode(), r'href="/plans/(\d+)/"') == plan_ids
    for plan in Plan.objects.all():
        page = client.get(plan.get_absolute_url())
        assert page.status_code == (200 if plan.pk in plan_ids else 404)
    task_ids = {getattr(plan_world, name).pk for name in tasks}
    shown_tasks: set[int] = set()
    for pk in plan_ids:
        shown_tasks |= _links(
            client.get(reverse("plans:detail", args=[pk])).content.decode(), r'href="/plans/tasks/(\d+)/"'
        )
    assert shown_tasks == task_ids
    for task in PlanTask.objects.all():
        assert client.get(task.get_absolute_url()).status_code == (200 if task.pk in task_ids else 404)


def test_an_agency_sees_only_its_own_column_and_progress(plan_world: PlanWorld, client: Client) -> None:
    report(plan_world.shared, plan_world.district_staff, "done")
    report(plan_world.shared, plan_world.culture_staff, "blocked")
    client.force_login(plan_world.culture_staff)
    plan_page = client.get(plan_world.plan.get_absolute_url()).content.decode()
    assert "Sở Văn hóa thử" in plan_page and "UBND xã thử" not in plan_page
    task_page = client.get(plan_world.shared.get_absolute_url()).content.decode()
    assert "Báo cáo của Sở Văn hóa thử" in task_page and "Báo cáo của UBND xã thử" not in task_page
    client.force_login(plan_world.protocol)
    task_page = client.get(plan_world.shared.get_absolute_url()).content.decode()
    assert "Báo cáo của Sở Văn hóa thử" in task_page and "Báo cáo của UBND xã thử" in task_page


def test_agency_staff_report_progress_with_a_file_seen_by_protocol_not_by_others(
    plan_world: PlanWorld, client: Client, attachment_storage: object
) -> None:
    client.force_login(plan_world.culture_staff)
    response = client.post(
        plan_world.shared.get_absolute_url(),
        {
            "status": "in_progress",
            "text": "Đã tổ chức 2 hội nghị",
            "reported_on": "2026-02-03",
            "attachments": [SimpleUploadedFile("bao-cao.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    progress = TaskProgress.objects.get()
    assert (progress.agency, progress.author, progress.status) == (
        plan_world.culture, plan_world.culture_staff, "in_progress",
    )  # fmt: skip
    document = ProgressFile.objects.get()
    url = reverse("plans:file", args=[document.pk])
    assert client.get(url).status_code == 200
    for outsider in (plan_world.district_staff, plan_world.police_officer, plan_world.stranger):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(plan_world.protocol)
    assert client.get(url).status_code == 200


def test_progress_only_on_own_tasks(plan_world: PlanWorld, client: Client) -> None:
    data = {"status": "done", "text": "Xong", "reported_on": "2026-02-03"}
    client.force_login(plan_world.culture_staff)
    assert client.post(plan_world.district_only.get_absolute_url(), data).status_code == 404
    client.force_login(plan_world.leader)  # sees every task, reports for no agency
    assert client.post(plan_world.shared.get_absolute_url(), data).status_code == 403
    assert not TaskProgress.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "done", "text": "Xong", "reported_on": "2099-01-01"}, "ngày chưa tới"),
        ({"status": "done", "text": "", "reported_on": "2026-02-03"}, "bắt buộc"),
        ({"status": "finished", "text": "Xong", "reported_on": "2026-02-03"}, "không"),
    ],
)
def test_bad_progress_is_refused_with_a_message_and_saves_nothing(
    plan_world: PlanWorld, client: Client, data: dict[str, str], message: str
) -> None:
    client.force_login(plan_world.culture_staff)
    response = client.post(plan_world.shared.get_absolute_url(), data)
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert not TaskProgress.objects.exists()


def test_a_file_that_is_not_what_it_says_is_refused(
    plan_world: PlanWorld, client: Client, attachment_storage: object
) -> None:
    client.force_login(plan_world.culture_staff)
    response = client.post(
        plan_world.shared.get_absolute_url(),
        {
            "status": "done",
            "text": "Xong",
            "reported_on": "2026-02-03",
            "attachments": [SimpleUploadedFile("bao-cao.pdf", b"just text, no PDF")],
        },
    )
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert not TaskProgress.objects.exists() and not ProgressFile.objects.exists()


def test_protocol_creates_a_plan_and_a_task_agency_staff_may_not(
    plan_world: PlanWorld, client: Client
) -> None:
    client.force_login(plan_world.culture_staff)
    assert client.get(reverse("plans:add")).status_code == 403
    assert client.get(reverse("plans:edit", args=[plan_world.plan.pk])).status_code == 403
    assert client.get(reverse("plans:edit", args=[plan_world.other_plan.pk])).status_code == 404
    client.force_login(plan_world.protocol)
    response = client.post(
        reverse("plans:add"),
        {"number": "60/KH-UBND", "issued_on": "2026-03-01", "title": "Kế hoạch mới", "year": "2026"},
    )
    plan = Plan.objects.get(number="60/KH-UBND")
    assert response.status_code == 302
    add_task = reverse("plans:task_add", args=[plan.pk])
    refused = client.post(add_task, {"title": "Không hạn", "agencies": [plan_world.culture.pk]})
    assert refused.status_code == 200 and not plan.tasks.exists()
    response = client.post(
        add_task, {"title": "Báo cáo quý", "agencies": [plan_world.culture.pk], "recurrence": "quarterly"}
    )
    assert response.status_code == 302
    assert list(plan.tasks.get().agencies.all()) == [plan_world.culture]


def test_plan_page_queries_stay_flat_as_tasks_and_reports_grow(plan_world: PlanWorld, client: Client) -> None:
    client.force_login(plan_world.protocol)
    url = plan_world.plan.get_absolute_url()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    count()  # the first request of the session reads what later ones find cached
    before = count()
    for number in range(10):
        task = PlanTask.objects.create(
            plan=plan_world.plan, title=f"Nhiệm vụ {number}", due_on=datetime.date(2026, 9, 1)
        )
        task.agencies.set([plan_world.culture, plan_world.district, plan_world.police])
        report(task, plan_world.culture_staff, "done")
        report(task, plan_world.district_staff)
    assert count() == before


def test_the_home_page_lists_the_agency_s_tasks(plan_world: PlanWorld, client: Client) -> None:
    client.force_login(plan_world.district_staff)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *args: datetime.date(2026, 3, 1))
        body = client.get("/").content.decode()
    assert "Tập huấn TTĐN cấp xã" in body and "Bảo đảm an ninh TTĐN" not in body
    client.force_login(plan_world.leader)
    assert 'id="plan-tasks"' not in client.get("/").content.decode()


def test_protocol_gives_a_task_to_other_agencies(plan_world: PlanWorld, client: Client) -> None:
    client.force_login(plan_world.protocol)
    url = reverse("plans:task_edit", args=[plan_world.plan.pk, plan_world.shared.pk])
    assert client.get(url).status_code == 200
    data = {"title": "Quảng bá hình ảnh tỉnh", "agencies": [plan_world.police.pk], "due_on": "2026-08-31"}
    assert client.post(url, data).status_code == 302
    assert list(plan_world.shared.agencies.all()) == [plan_world.police]
    client.force_login(plan_world.culture_staff)  # no longer given it: gone from their pages
    assert client.get(plan_world.shared.get_absolute_url()).status_code == 404
    elsewhere = reverse("plans:task_edit", args=[plan_world.other_plan.pk, plan_world.shared.pk])
    client.force_login(plan_world.protocol)
    assert client.get(elsewhere).status_code == 404  # the task is not the other plan's
