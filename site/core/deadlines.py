"""Terms as Polish law counts them: Warsaw calendar days, not 24-hour blocks.

- A term given in days runs to 24:00 of its last day (stored as 00:00 of the next day)
  and is shown as "do 25 października włącznie".
- Art. 111 § 2 of the civil code: a term in days counts from the day after the event
  that starts it; the day of the event is not counted (published on 1 March, 7 days:
  the last day is 8 March).
- Art. 115 of the civil code: a term ending on a Saturday or a statutory public holiday
  ends on the next working day. Whether the portal applies it to the terms it computes
  is a legal choice editors make (core.models.DeadlineSettings); callers pass `extend`.
- "Days remaining" are calendar days after today up to the last day, so a clock change
  never adds or removes one.

Public holidays: the act of 18 January 1951 on public holidays (ustawa o dniach wolnych
od pracy), as amended (24 December from 2025). They are computed here, Easter-based ones
included, rather than taken from a package: the list is short and fixed by statute, and
a package's list could change with its release, not with the law.
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from django.utils import dateformat

from core.text import pluralize_pl, remaining_verb

WARSAW = ZoneInfo("Europe/Warsaw")
_INSTANT = timedelta(microseconds=1)

# Fixed-date holidays: (month, day, first year, name).
_FIXED_HOLIDAYS = (
    (1, 1, None, "Nowy Rok"),
    (1, 6, 2011, "Święto Trzech Króli"),
    (5, 1, None, "Święto Państwowe"),
    (5, 3, None, "Święto Narodowe Trzeciego Maja"),
    (8, 15, None, "Wniebowzięcie Najświętszej Maryi Panny"),
    (11, 1, None, "Wszystkich Świętych"),
    (11, 11, None, "Narodowe Święto Niepodległości"),
    (12, 24, 2025, "Wigilia Bożego Narodzenia"),
    (12, 25, None, "pierwszy dzień Bożego Narodzenia"),
    (12, 26, None, "drugi dzień Bożego Narodzenia"),
)
# Days after Easter Sunday.
_EASTER_HOLIDAYS = (
    (0, "pierwszy dzień Wielkiej Nocy"),
    (1, "drugi dzień Wielkiej Nocy"),
    (49, "pierwszy dzień Zielonych Świątek"),
    (60, "dzień Bożego Ciała"),
)


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> dict[date, str]:
    """Statutory public holidays of YEAR (Sundays are days off anyway)."""
    days = {
        date(year, month, day): name
        for month, day, since, name in _FIXED_HOLIDAYS
        if since is None or year >= since
    }
    easter = easter_sunday(year)
    for offset, name in _EASTER_HOLIDAYS:
        days[easter + timedelta(days=offset)] = name
    return days


def is_working_day(day: date) -> bool:
    """Not a Saturday, a Sunday or a public holiday (art. 115 of the civil code)."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """DAY itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def local_day(moment: datetime) -> date:
    """The Warsaw calendar day of MOMENT (a naive datetime is taken as Warsaw wall time)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(WARSAW).date()


def day_start(day: date) -> datetime:
    """00:00 of DAY in Warsaw."""
    return datetime.combine(day, time.min, tzinfo=WARSAW)


def day_end(day: date) -> datetime:
    """24:00 of DAY in Warsaw, i.e. 00:00 of the next day: the first moment after DAY."""
    return day_start(day + timedelta(days=1))


def is_day_end(moment: datetime) -> bool:
    """Whether MOMENT is a Warsaw midnight, i.e. the end of a term given as a day."""
    local = moment.astimezone(WARSAW) if moment.tzinfo else moment
    return local.time() == time.min


def last_day(end: datetime) -> date:
    """The last calendar day of a term that is over at END (a midnight belongs to the day
    before it: a term over at 00:00 of 26 October runs through 25 October)."""
    return local_day(end - _INSTANT)


def term_last_day(event_day: date, days: int, *, extend: bool = False) -> date:
    """The last day of a term of DAYS days counted from an event on EVENT_DAY.

    Art. 111 § 2: the event's day is not counted. With EXTEND, art. 115: a last day on a
    Saturday or a public holiday moves to the next working day.
    """
    last = event_day + timedelta(days=days)
    return next_working_day(last) if extend else last


def term_end(event_day: date, days: int, *, extend: bool = False) -> datetime:
    """The first moment after a term of DAYS days from EVENT_DAY (24:00 of its last day)."""
    return day_end(term_last_day(event_day, days, extend=extend))


def whole_days_between(start: datetime, end: datetime) -> int:
    """Calendar days a term from START to END gives (art. 111 § 2): from the day after
    START's day through END's last day. Announced on 1 March, due on 22 March at any hour
    or at 24:00 of 22 March: 21 days."""
    return (last_day(end) - local_day(start)).days


def days_remaining(end: datetime, now: datetime) -> int | None:
    """Calendar days after today up to the term's last day: 0 on the last day, None once
    the term is over."""
    if now >= end:
        return None
    return (last_day(end) - local_day(now)).days


def remaining_text(end: datetime, now: datetime) -> str:
    """'zostały 3 dni', 'został 1 dzień', 'ostatni dzień', 'ostatni dzień – do 15:00',
    'termin minął': counted in calendar days (art. 111), never in 24-hour blocks."""
    days = days_remaining(end, now)
    if days is None:
        return "termin minął"
    if days == 0:
        if is_day_end(end):
            return "ostatni dzień"
        return f"ostatni dzień – do {end.astimezone(WARSAW):%H:%M}"
    return f"{remaining_verb(days)} {pluralize_pl(days, 'dzień', 'dni', 'dni')}"


def term_text(end: datetime, now: datetime | None = None) -> str:
    """How a term is shown: 'do 25 października włącznie' for a term ending at 24:00 of a
    day, 'do 25 października 2026, 15:00' otherwise. The year is left out when it is the
    current one (NOW's)."""
    if is_day_end(end):
        day = last_day(end)
        same_year = now is not None and local_day(now).year == day.year
        shown = dateformat.format(day, "j E" if same_year else "j E Y")
        return f"do {shown} włącznie"
    local = end.astimezone(WARSAW)
    return f"do {dateformat.format(local, 'j E Y, H:i')}"


def official_date(value: date | datetime) -> str:
    """A day as Polish official documents write it: '2 grudnia 2026 r.' (a moment is taken
    in Warsaw). For a term's end use `last_day()` first: 24:00 belongs to the day before."""
    day = local_day(value) if isinstance(value, datetime) else value
    return f"{dateformat.format(day, 'j E Y')} r."


def end_of_day_if_2359(moment: datetime | None) -> datetime | None:
    """An end typed as 23:59 means the end of that day: 24:00 (so a comment sent at
    23:59:30 is still on time). Any other moment is kept as typed."""
    if moment is None:
        return None
    local = moment.astimezone(WARSAW) if moment.tzinfo else moment.replace(tzinfo=WARSAW)
    if (local.hour, local.minute) == (23, 59):
        return day_end(local.date())
    return moment
