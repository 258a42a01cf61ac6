"""Shared set-up of the report-request tests: three agencies asked for a Decree 09 quarter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tests.factories import ensure_police_agency, make_agency, police_officer
from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.reports.contributions.services import RequestData, request_create, request_send
from ttdn.reports.models import ReportRequest
from ttdn.reports.periods import Basis, Period

Q1_DECREE09 = Period.of_quarter(2026, 1, Basis.DECREE09)  # 15/12/2025 to 14/03/2026


@dataclass
class Asked:
    request: ReportRequest
    culture: Agency
    industry: Agency
    police: Agency
    culture_staff: User
    industry_staff: User
    officer: User


def asked(make_user, protocol, *, send: bool = True) -> Asked:
    culture = make_agency(code="so-vhttdl", name_vi="Sở Văn hóa, Thể thao và Du lịch")
    industry = make_agency(code="so-cong-thuong", name_vi="Sở Công Thương")
    police = ensure_police_agency()
    request = request_create(
        actor=protocol,
        data=RequestData(
            title="Công văn số 12/VP-NG về báo cáo công tác thông tin đối ngoại quý I năm 2026",
            period=Q1_DECREE09,
            due_on=datetime.date(2026, 3, 10),
            agencies=[culture, industry, police],
        ),
    )
    if send:
        request = request_send(actor=protocol, request=request)
    return Asked(
        request=request,
        culture=culture,
        industry=industry,
        police=police,
        culture_staff=make_user(Role.AGENCY, agency=culture),
        industry_staff=make_user(Role.AGENCY, agency=industry),
        officer=police_officer(),
    )
