"""A demo report request for ``seed_demo``: the last Decree 09 quarter, asked of the culture
department, the police and the finance department, the culture department's part submitted (the
agency demo user's). Running it twice changes nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import Agency, User
from ttdn.reports.contributions.services import RequestData, contribution_submit, request_create, request_send
from ttdn.reports.models import ReportRequest
from ttdn.reports.periods import Basis, Period

ASKED = ("so-vhttdl", "ca-tinh", "so-tc")


@transaction.atomic
def seed() -> list[str]:
    if ReportRequest.objects.exists():
        return []
    protocol = User.objects.filter(username="protocol").first()
    agency_user = User.objects.filter(username="agency").first()
    agencies = list(Agency.objects.filter(code__in=ASKED))
    if protocol is None or agency_user is None or not agencies:
        return []
    period = Period.last_quarter(timezone.localdate(), Basis.DECREE09)
    request = request_create(
        actor=protocol,
        data=RequestData(
            title=f"Công văn về báo cáo công tác thông tin đối ngoại quý {period.quarter}/{period.year}",
            period=period,
            due_on=period.end + datetime.timedelta(days=20),
            agencies=agencies,
            instructions="Đề nghị các cơ quan, đơn vị báo cáo kết quả thực hiện Kế hoạch thông tin đối ngoại "
            "và gửi về Văn phòng UBND tỉnh đúng hạn.",
        ),
    )
    request = request_send(actor=protocol, request=request)
    mine = request.contributions.filter(agency=agency_user.agency_id).first()
    if mine is not None:
        contribution_submit(
            actor=agency_user,
            contribution=mine,
            texts={
                "results": "Phối hợp đón tiếp các đoàn khách quốc tế đến tìm hiểu du lịch của tỉnh; "
                "tổ chức quảng bá hình ảnh địa phương trên các ấn phẩm song ngữ.",
                "difficulties": "Nguồn kinh phí dành cho công tác thông tin đối ngoại còn hạn chế.",
                "next_steps": "Tiếp tục quảng bá du lịch tại các hội chợ quốc tế.",
            },
        )
    return [f"report request {request.period_label}: sent to {len(agencies)} agencies, one part submitted"]
