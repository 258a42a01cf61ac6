"""The demo plan for ``seed_demo``: "Kế hoạch thông tin đối ngoại năm 2026", its tasks for several
demo agencies (the culture department, the police, the military command, two districts), and some
progress, so that the plan's page, the agencies' home pages and the reminders show something."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import Agency, User
from ttdn.plans.models import Plan, PlanTask, TaskProgress
from ttdn.plans.services import plan_save, progress_add, task_save

TITLE = "Kế hoạch thông tin đối ngoại năm 2026"
# title, agency codes, due (days from today, kept within the year) or None, recurrence, expected output
TASKS = [
    ("Quảng bá hình ảnh, tiềm năng du lịch của tỉnh tới bạn bè quốc tế", ["so-vhttdl", "ubnd-na-hang"],
     21, "", "Ấn phẩm, video quảng bá bằng tiếng Anh, tiếng Trung"),
    ("Bảo đảm an ninh thông tin trong hoạt động thông tin đối ngoại", ["ca-tinh"], None, "quarterly",
     "Báo cáo tình hình hằng quý"),
    ("Tuyên truyền chủ quyền biên giới, quốc phòng toàn dân tới người nước ngoài", ["bchqs"], None, "yearly",
     "Báo cáo kết quả năm"),
    ("Tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ cấp xã", ["ubnd-na-hang", "ubnd-ham-yen"], -10, "",
     "02 lớp tập huấn"),
    ("Cập nhật chuyên mục thông tin đối ngoại trên Cổng thông tin điện tử tỉnh", ["so-vhttdl"], None, "quarterly",
     "Tin, bài được đăng"),
]  # fmt: skip


def _within_year(today: datetime.date, days: int) -> datetime.date:
    day = today + datetime.timedelta(days=days)
    return min(max(day, datetime.date(today.year, 1, 16)), datetime.date(today.year, 12, 31))


@transaction.atomic
def seed() -> list[str]:
    protocol = User.objects.filter(username="protocol").first()
    if protocol is None or Plan.objects.filter(title=TITLE).exists():
        return []
    today = timezone.localdate()
    plan = plan_save(
        actor=protocol,
        plan=Plan(
            number="57/KH-UBND",
            issued_on=datetime.date(today.year, 1, 15),
            title=TITLE,
            year=today.year,
            implements="Nghị định số 72/2015/NĐ-CP của Chính phủ về quản lý hoạt động thông tin đối ngoại",
        ),
    )
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    created = [f"plan {plan.number}: {plan.title}"]
    for title, codes, due, recurrence, output in TASKS:
        chosen = [agencies[code] for code in codes if code in agencies]
        if not chosen:
            continue
        task_save(
            actor=protocol,
            task=PlanTask(
                plan=plan,
                title=title,
                recurrence=recurrence,
                expected_output=output,
                due_on=_within_year(today, due) if due is not None else None,
            ),
            agencies=chosen,
        )
        created.append(f"plan task: {title}")
    for username, title, status, text in [
        (
            "agency",
            TASKS[0][0],
            TaskProgress.Status.IN_PROGRESS,
            "Đã xây dựng kịch bản video; đang dịch thuật.",
        ),
        ("police", TASKS[1][0], TaskProgress.Status.DONE, "Không phát hiện vi phạm trong quý."),
    ]:
        author = User.objects.filter(username=username).first()
        reported = plan.tasks.filter(title=title).first()
        if author is None or reported is None:
            continue
        progress_add(actor=author, task=reported, status=status, text=text, reported_on=today)
        created.append(f"progress of {author.agency}: {title}")
    return created
