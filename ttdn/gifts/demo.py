"""A few gifts on a demo case for ``seed_demo``: given, received under the threshold, and one
received above it that is not handed in yet (so its reminders show)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.cases.models import Case, Participant
from ttdn.gifts.models import FundingSource, GiftGiven, GiftReceived
from ttdn.gifts.services import gift_given_save, gift_received_save


@transaction.atomic
def seed() -> list[str]:
    if GiftGiven.objects.exists() or GiftReceived.objects.exists():
        return []
    protocol = User.objects.get(username="protocol")
    leader = User.objects.filter(username="leader").first()
    case = (
        Case.objects.filter(
            participants__isnull=False, status__in=[Case.Status.APPROVED, Case.Status.IN_PROGRESS]
        )
        .order_by("pk")
        .first()
    )
    if case is None:
        return []
    head = Participant.objects.filter(case=case).select_related("person").order_by("order", "pk").first()
    today = timezone.localdate()
    gift_given_save(
        actor=protocol,
        case=case,
        gift=GiftGiven(
            participant=head,
            description="Tranh sơn mài Tuyên Quang",
            quantity=1,
            value=2_500_000,
            budget_line=FundingSource.objects.order_by("pk").first(),
            approved_by="Chánh Văn phòng UBND tỉnh",
            given_on=today - datetime.timedelta(days=2),
        ),
    )
    gift_received_save(
        actor=protocol,
        case=case,
        gift=GiftReceived(
            from_participant=head,
            recipient_user=leader,
            recipient_name="Phó Chủ tịch UBND tỉnh",
            description="Bình gốm men lam",
            estimated_value=3_000_000,
            received_on=today - datetime.timedelta(days=2),
        ),
    )
    gift_received_save(
        actor=protocol,
        case=case,
        gift=GiftReceived(
            from_participant=head,
            recipient_user=protocol,
            description="Sổ tay và bút có biểu trưng của đoàn",
            estimated_value=200_000,
            received_on=today - datetime.timedelta(days=2),
        ),
    )
    return [f"3 gifts on {case.reference}"]
