"""Duty hours and dates as Poles write them: "wtorki i czwartki, 10:00–14:00"."""

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Protocol

from django.utils import dateformat, timezone

WEEKDAY_CHOICES = [
    (0, "Poniedziałek"),
    (1, "Wtorek"),
    (2, "Środa"),
    (3, "Czwartek"),
    (4, "Piątek"),
    (5, "Sobota"),
    (6, "Niedziela"),
]
# "Every Tuesday" is said with the plural: "wtorki, 10:00–14:00".
WEEKDAY_PLURAL = ["poniedziałki", "wtorki", "środy", "czwartki", "piątki", "soboty", "niedziele"]
# After "od" and "do": "od poniedziałku do piątku".
WEEKDAY_GENITIVE = [
    "poniedziałku",
    "wtorku",
    "środy",
    "czwartku",
    "piątku",
    "soboty",
    "niedzieli",
]


class WeeklySlot(Protocol):
    weekday: int
    starts_at: time
    ends_at: time
    note: str


def format_time(value: time) -> str:
    """9:00, 14:30: hours without a leading zero, as on Polish office doors."""
    return f"{value.hour}:{value.minute:02d}"


def time_range(starts_at: time, ends_at: time) -> str:
    return f"{format_time(starts_at)}–{format_time(ends_at)}"


def join_pl(items: list[str]) -> str:
    """'a', 'a i b', 'a, b i c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} i {items[-1]}"


def weekdays_phrase(weekdays: Iterable[int]) -> str:
    """'wtorki', 'wtorki i czwartki', 'od poniedziałku do piątku' (three or more in a row)."""
    days = sorted(set(weekdays))
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"od {WEEKDAY_GENITIVE[days[0]]} do {WEEKDAY_GENITIVE[days[-1]]}"
    return join_pl([WEEKDAY_PLURAL[day] for day in days])


def slot_text(slot: WeeklySlot) -> str:
    """One slot: 'wtorki, 10:00–14:00 (dyżur telefoniczny)'."""
    text = f"{WEEKDAY_PLURAL[slot.weekday]}, {time_range(slot.starts_at, slot.ends_at)}"
    return f"{text} ({slot.note})" if slot.note else text


def weekly_lines(slots: Iterable[WeeklySlot]) -> list[str]:
    """The weekly duty hours, days with the same hours said together.

    [Tue 10–14, Thu 10–14, Fri 9–12] -> ['wtorki i czwartki, 10:00–14:00', 'piątki, 9:00–12:00'].
    Lines follow the week from its first day.
    """
    groups: dict[tuple, list[int]] = {}
    for slot in sorted(slots, key=lambda s: (s.weekday, s.starts_at)):
        key = (slot.starts_at, slot.ends_at, slot.note)
        groups.setdefault(key, []).append(slot.weekday)
    lines = []
    for (starts_at, ends_at, note), weekdays in groups.items():
        text = f"{weekdays_phrase(weekdays)}, {time_range(starts_at, ends_at)}"
        lines.append(f"{text} ({note})" if note else text)
    return lines


def date_text(day: date, starts_at: time | None = None, ends_at: time | None = None) -> str:
    """'wtorek, 5 grudnia 2026, 10:00–14:00' (or without the hours, or from the start only)."""
    weekday = WEEKDAY_CHOICES[day.weekday()][1].lower()
    text = f"{weekday}, {dateformat.format(day, 'j E Y')}"
    if starts_at and ends_at:
        return f"{text}, {time_range(starts_at, ends_at)}"
    if starts_at:
        return f"{text}, od {format_time(starts_at)}"
    return text


def period_text(starts_at: datetime, ends_at: datetime | None = None) -> str:
    """'5 grudnia 2026, 10:00–14:00', or '5 grudnia 2026, 10:00 – 6 grudnia 2026, 16:00'."""
    start = timezone.localtime(starts_at)
    text = dateformat.format(start, "j E Y, G:i")
    if not ends_at:
        return text
    end = timezone.localtime(ends_at)
    if end.date() == start.date():
        return f"{text}–{format_time(end.time())}"
    return f"{text} – {dateformat.format(end, 'j E Y, G:i')}"
