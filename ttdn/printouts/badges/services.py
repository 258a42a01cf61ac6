"""Printing badges and place cards: the policy asked, the PDF made, the printing logged on the
case's timeline (who printed which layout, how many cards)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce, may_print_for_guests
from ttdn.printouts.badges import events
from ttdn.printouts.badges.layouts import Kind
from ttdn.printouts.badges.render import cards_for, cards_pdf
from ttdn.printouts.models import BadgeLayout


def _printed(*, actor: User, case: Case, layout: BadgeLayout, kind: Kind) -> bytes:
    enforce(may_print_for_guests(user=actor, case=case))
    if layout.kind != kind:
        raise CaseError(
            _("%(layout)s is not a layout for %(kind)s.") % {"layout": layout, "kind": kind.label}
        )
    cards = cards_for(case=case, layout=layout)
    if not cards:
        raise CaseError(_("This case has nobody to print for yet: add the participants first."))
    pdf = cards_pdf(case=case, layout=layout, cards=cards)
    if kind == Kind.BADGE:
        code = events.BADGES_PRINTED
        text = ngettext(
            "%(count)s badge, layout %(layout)s", "%(count)s badges, layout %(layout)s", len(cards)
        )
    else:
        code = events.PLACE_CARDS_PRINTED
        text = ngettext(
            "%(count)s place card, layout %(layout)s", "%(count)s place cards, layout %(layout)s", len(cards)
        )
    with transaction.atomic():
        log_event(
            case=case,
            code=code,
            actor=actor,
            text=text % {"count": len(cards), "layout": layout.name},
            data={"layout": layout.pk, "count": len(cards)},
        )
    return pdf


def badges_print(*, actor: User, case: Case, layout: BadgeLayout) -> bytes:
    """The badges of the case's guests (one each, in order of precedence) on A4 sheets, as PDF."""
    return _printed(actor=actor, case=case, layout=layout, kind=Kind.BADGE)


def place_cards_print(*, actor: User, case: Case, layout: BadgeLayout) -> bytes:
    """A tent card for each guest and each host official (one A4 sheet each), as PDF."""
    return _printed(actor=actor, case=case, layout=layout, kind=Kind.PLACE_CARD)
