"""Dates as Decree 30/2020 writes them, and in English for the letters in English."""

from __future__ import annotations

import datetime

EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def vi_day(value: datetime.date) -> str:
    """``05`` for the 5th; days under 10 take a leading zero."""
    return f"{value.day:02d}"


def vi_month(value: datetime.date) -> str:
    """``3`` for March; January and February take a leading zero (01, 02), the others none."""
    return f"{value.month:02d}" if value.month < 3 else str(value.month)


def vi_words(value: datetime.date) -> str:
    """``ngày 05 tháng 3 năm 2026``."""
    return f"ngày {vi_day(value)} tháng {vi_month(value)} năm {value.year}"


def vi_numeric(value: datetime.date) -> str:
    """``05/03/2026``, for tables and short mentions."""
    return value.strftime("%d/%m/%Y")


def en_words(value: datetime.date) -> str:
    """``5 March 2026``."""
    return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"


def date_line(place: str, value: datetime.date | None) -> str:
    """``Tuyên Quang, ngày 05 tháng 3 năm 2026``; before the date is known, ``ngày ... tháng ... năm ...``."""
    if value is None:
        return f"{place}, ngày ... tháng ... năm ..."
    return f"{place}, {vi_words(value)}"


VI_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def vi_weekday(value: datetime.date) -> str:
    return VI_WEEKDAYS[value.weekday()]


def vi_period(start: datetime.date, end: datetime.date) -> str:
    """``từ ngày 05/03/2026 đến ngày 08/03/2026``; ``ngày 05/03/2026`` for one day."""
    if start == end:
        return f"ngày {vi_numeric(start)}"
    return f"từ ngày {vi_numeric(start)} đến ngày {vi_numeric(end)}"
