from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.factories import make_agency
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.plans.models import Plan, PlanTask, TaskProgress

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class PlanWorld:
    plan: Plan
    other_plan: Plan
    culture: Agency
    district: Agency
    police: Agency
    shared: PlanTask  # culture and district
    district_only: PlanTask
    police_only: PlanTask
    elsewhere: PlanTask  # the other plan: district only
    protocol: User
    leader: User
    admin: User
    culture_staff: User
    district_staff: User
    police_officer: User
    stranger: User  # staff of an agency given no task


def report(
    task: PlanTask, user: User, status: str = "in_progress", on: datetime.date | None = None
) -> TaskProgress:
    assert user.agency is not None
    return TaskProgress.objects.create(
        task=task,
        agency=user.agency,
        status=status,
        text=f"Báo cáo của {user.agency.name_vi}",
        reported_on=on or datetime.date(2026, 2, 1),
        author=user,
    )


@pytest.fixture
def plan_world(make_user: Callable[..., User]) -> PlanWorld:
    culture = make_agency(name_vi="Sở Văn hóa thử")
    district = make_agency(name_vi="UBND xã thử", kind=Agency.Kind.DISTRICT)
    police = make_agency(code="ca-thu", name_vi="Công an tỉnh thử", kind=Agency.Kind.POLICE)
    plan = Plan.objects.create(
        number="57/KH-UBND", issued_on=datetime.date(2026, 1, 10), title="Kế hoạch TTĐN năm 2026", year=2026
    )
    other = Plan.objects.create(
        number="12/KH-UBND", issued_on=datetime.date(2026, 2, 1), title="Kế hoạch riêng", year=2026
    )

    def task(on: Plan, title: str, *agencies: Agency, **fields: object) -> PlanTask:
        made = PlanTask.objects.create(plan=on, title=title, due_on=datetime.date(2026, 6, 30), **fields)
        made.agencies.set(agencies)
        return made

    return PlanWorld(
        plan=plan,
        other_plan=other,
        culture=culture,
        district=district,
        police=police,
        shared=task(plan, "Quảng bá hình ảnh tỉnh", culture, district),
        district_only=task(plan, "Tập huấn TTĐN cấp xã", district),
        police_only=task(plan, "Bảo đảm an ninh TTĐN", police),
        elsewhere=task(other, "Nhiệm vụ kế hoạch khác", district),
        protocol=make_user(Role.PROTOCOL),
        leader=make_user(Role.LEADER),
        admin=make_user(Role.ADMIN, is_staff=True),
        culture_staff=make_user(Role.AGENCY, agency=culture),
        district_staff=make_user(Role.AGENCY, agency=district),
        police_officer=make_user(Role.POLICE, agency=police),
        stranger=make_user(Role.AGENCY),
    )
