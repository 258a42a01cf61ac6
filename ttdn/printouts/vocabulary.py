"""The fixed words of the print-outs handed to guests, in their language.

Every word here has the context "printout", so that it is translated for the print-outs alone
(a heading on a guest's programme is not the label of a field on a page). Its translations are in
this app's own catalogues, ``ttdn/printouts/locale/<lang>/`` (one per guests' language, built by
``make messages``), and in the project's Vietnamese one. Day and month names are our own: Django's
``date`` filter has no Lao, and would fall back to Vietnamese for any word a catalogue lacks.
"""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import pgettext, pgettext_lazy
from django_countries import countries

from ttdn.cases.models import Participant, ProgrammeItem

WEEKDAYS: tuple[Promise, ...] = (
    pgettext_lazy("printout", "Monday"),
    pgettext_lazy("printout", "Tuesday"),
    pgettext_lazy("printout", "Wednesday"),
    pgettext_lazy("printout", "Thursday"),
    pgettext_lazy("printout", "Friday"),
    pgettext_lazy("printout", "Saturday"),
    pgettext_lazy("printout", "Sunday"),
)

MONTHS: tuple[Promise, ...] = (
    pgettext_lazy("printout month", "January"),
    pgettext_lazy("printout month", "February"),
    pgettext_lazy("printout month", "March"),
    pgettext_lazy("printout month", "April"),
    pgettext_lazy("printout month", "May"),
    pgettext_lazy("printout month", "June"),
    pgettext_lazy("printout month", "July"),
    pgettext_lazy("printout month", "August"),
    pgettext_lazy("printout month", "September"),
    pgettext_lazy("printout month", "October"),
    pgettext_lazy("printout month", "November"),
    pgettext_lazy("printout month", "December"),
)

MORNING, AFTERNOON, EVENING = "morning", "afternoon", "evening"
PARTS_OF_DAY: dict[str, Promise] = {
    MORNING: pgettext_lazy("printout", "Morning"),
    AFTERNOON: pgettext_lazy("printout", "Afternoon"),
    EVENING: pgettext_lazy("printout", "Evening"),
}

ACTIVITIES: dict[str, Promise] = {
    ProgrammeItem.Activity.MEETING: pgettext_lazy("printout", "Meeting"),
    ProgrammeItem.Activity.SITE_VISIT: pgettext_lazy("printout", "Site visit"),
    ProgrammeItem.Activity.INTERVIEW: pgettext_lazy("printout", "Interview"),
    ProgrammeItem.Activity.FILMING: pgettext_lazy("printout", "Filming"),
    ProgrammeItem.Activity.ONLINE_MEETING: pgettext_lazy("printout", "Online meeting"),
    ProgrammeItem.Activity.CEREMONY: pgettext_lazy("printout", "Ceremony or reception"),
    ProgrammeItem.Activity.OTHER: pgettext_lazy("printout", "Activity"),
}

ROLES: dict[str, Promise] = {
    Participant.Role.HEAD: pgettext_lazy("printout", "Head of delegation"),
    Participant.Role.MEMBER: pgettext_lazy("printout", "Member"),
    Participant.Role.OFFICIAL: pgettext_lazy("printout", "Vietnamese official"),
    Participant.Role.INTERPRETER: pgettext_lazy("printout", "Interpreter"),
    Participant.Role.REPORTER: pgettext_lazy("printout", "Reporter"),
    Participant.Role.CAMERA: pgettext_lazy("printout", "Camera operator"),
    Participant.Role.PRODUCER: pgettext_lazy("printout", "Producer"),
}


def part_of_day(moment: datetime.datetime) -> str:
    """Morning before noon, afternoon until six, evening after (local time)."""
    if moment.hour < 12:
        return MORNING
    if moment.hour < 18:
        return AFTERNOON
    return EVENING


def _date_words(day: datetime.date) -> str:
    return pgettext("printout date", "%(weekday)s, %(day)s %(month)s %(year)s") % {
        "weekday": WEEKDAYS[day.weekday()],
        "day": day.day,
        "month": MONTHS[day.month - 1],
        "year": day.year,
    }


def long_date(day: datetime.date) -> str:
    """``day`` as a programme's day heading, in the active language: "Monday, 7 December 2026",
    "2026年12月7日 星期一", "Thứ Hai, ngày 7 tháng 12 năm 2026"... (the order is the catalogue's)."""
    return capfirst(_date_words(day))


def date_range(first: datetime.date, last: datetime.date) -> str:
    """The visit's dates, as the heading of a programme gives them."""
    if first == last:
        return long_date(first)
    return capfirst(
        pgettext("printout", "from %(start)s to %(end)s")
        % {"start": _date_words(first), "end": _date_words(last)}
    )


# The guests' languages whose country names django-countries has (Django's ``ko`` finds its
# ``ko_KR``); for the others (Lao) a country is named in English: never in Vietnamese, which is
# where Django would fall back to.
COUNTRY_NAMES_KNOWN = frozenset({"vi", "en", "zh-hans", "ko", "ja", "fr"})


def country_name(code: str, language: str) -> str:
    """The name of the country ``code`` in ``language``, or in English where it has none."""
    with translation.override(language if language in COUNTRY_NAMES_KNOWN else "en"):
        return str(countries.name(code))
