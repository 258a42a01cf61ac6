"""The names of the days of the week as Vietnamese schedules write them (Thứ Hai … Chủ Nhật),
where Django's own ("Thứ 2") would not do: the calendar's agenda and the weekly schedule."""

from __future__ import annotations

import datetime

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

WEEKDAYS: tuple[Promise, ...] = (
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
)


def weekday_name(day: datetime.date) -> Promise:
    return WEEKDAYS[day.weekday()]
