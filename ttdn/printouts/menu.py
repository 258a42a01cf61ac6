"""The case page's menu of print-outs: each says what it is and which language it is in."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User
from ttdn.cases import kinds
from ttdn.cases.models import Case
from ttdn.cases.policy import may_print
from ttdn.languages import VIETNAMESE
from ttdn.printouts.programme import language_name


@dataclass(frozen=True)
class MenuEntry:
    label: str
    language: str  # what the entry says of its language, e.g. "Tiếng Việt | 中文"
    url: str
    kind: str  # "PDF" or a web page


def printout_menu(*, case: Case, user: User) -> list[MenuEntry]:
    """The print-outs ``user`` may make of ``case`` (fetched through the selector)."""
    if may_print(user=user, case=case) is not None:
        return []
    guest = case.guest_language
    # A kind without foreign guests (an outbound delegation) has no guests' programme to print.
    with_guests = kinds.get(case.kind).foreign_participants
    entries = []
    if with_guests:
        entries.append(
            MenuEntry(
                str(_("Programme for the guests")),
                language_name(guest),
                reverse("printouts:programme", kwargs={"pk": case.pk}),
                "PDF",
            )
        )
    if with_guests and guest != VIETNAMESE:
        entries.append(
            MenuEntry(
                str(_("Programme, bilingual side by side")),
                f"{language_name(VIETNAMESE)} | {language_name(guest)}",
                reverse("printouts:programme_bilingual", kwargs={"pk": case.pk}),
                "PDF",
            )
        )
    entries.append(
        MenuEntry(
            str(_("Internal programme, with the police's conditions")),
            language_name(VIETNAMESE),
            reverse("cases:programme_print", kwargs={"pk": case.pk}),
            str(_("web page")),
        )
    )
    return entries
