"""When a figure is for: time words in a Vietnamese sentence, and the article's own date.

A sentence's time marks ("năm 2024", "6 tháng đầu năm 2025", "quý I/2025", "tính đến
ngày 31/3/2025", "đến nay") are found once. A figure takes the nearest mark before
it in the sentence (or the first after it in the same clause); a sentence without
one carries on the period of the sentence before it in the same paragraph, then
the article's latest year. Marks that are not the figure's period are set aside:
comparison bases ("so với năm 2023", "cùng kỳ năm trước"), ranges ("2011-2025",
"giai đoạn 2020 - 2025") and starting points ("kể từ năm 2016").

The same months of an earlier year restated beside a figure are that figure's own
period: a figure right after "(cùng kỳ năm trước ..." / "cùng kỳ năm 2025 đạt ...",
or followed by "của quý I/2025" / "của cùng kỳ năm 2025", is of the previous year
(or the year named) with the months the sentence speaks of. One month alone ("Riêng
tháng 3", "tháng 10/2026") and one quarter alone ("quý II") are not spans from
January: the data model cannot hold them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from vnintegration.core.dates import parse_partial_date

_Y = r"((?:19|20)\d{2})"
_I = re.IGNORECASE
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_COUNT_WORDS = {"hai": 2, "ba": 3}
_MONTH_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
                "mười một": 11}

# (kind, pattern); earlier patterns win where matches overlap.
_PATTERNS = [(kind, re.compile(p, _I)) for kind, p in [
    ("range", rf"(?<!\d){_Y}\s*[-–—]\s*{_Y}(?!\d)"),
    ("asof", rf"tính (?:đến|tới)(?: hết)?(?: ngày)? (\d{{1,2}})/(\d{{1,2}})/{_Y}(?![\d/])"),
    ("asof_month", rf"tính (?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})\s*/\s*{_Y}(?!\d)"),
    ("asof_short", r"tính (?:đến|tới)(?: hết)?(?: ngày)? (\d{1,2})/(\d{1,2})(?![\d/])"),
    ("asof_month_ytd", r"tính (?:đến|tới) (?:hết |cuối )?tháng (\d{1,2})(?![\d/]|\s*năm\s*(?:19|20)\d{2})"),
    ("date", rf"(?<![\d/])(\d{{1,2}})/(\d{{1,2}})/{_Y}(?![\d/])"),
    ("date", rf"ngày (\d{{1,2}}) tháng (\d{{1,2}}) năm {_Y}"),
    ("month", rf"tháng (\d{{1,2}})\s*[/-]\s*{_Y}(?!\d)|tháng (\d{{1,2}}) năm {_Y}"),
    ("month", r"(?:riêng|trong|tính riêng) tháng (\d{1,2})(?![\d/])"),  # "Riêng tháng 3,": the year from the text
    ("prior", rf"cùng kỳ(?: (?:của )?năm (?:trước|ngoái|{_Y}))?"),
    ("quarter", rf"quý (IV|I{{1,3}}|[1-4])(?![\w])(?:(?:\s*[/-]\s*|\s+năm\s+|\s+){_Y})?"),
    ("quarters", rf"(\d|hai|ba) quý đầu(?: (?:của )?năm)?(?: {_Y}| nay)?"),
    ("unrepresentable", rf"(?:\d{{1,2}} tháng|nửa|quý) cuối(?: (?:của )?năm)?(?: {_Y})?"),
    ("partial", rf"nửa đầu năm(?: {_Y}| nay)?"),
    ("partial", rf"(?<![\d,.])(\d{{1,2}}) tháng(?! (?:qua|tới|cuối|sau|trước|liên tiếp|tiếp theo|gần đây|"
                rf"hoàn thiện|đàm phán))(?: đầu)?(?: (?:của )?năm)?(?: {_Y}| nay)?"),
    ("partial_words", rf"(hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mười một) tháng đầu(?: (?:của )?năm)?(?: {_Y}| nay)?"),
    ("fullyear", rf"cả năm(?: {_Y}| nay)?"),
    ("year", rf"năm {_Y}(?!\d)|năm nay"),
    ("year", rf"(?<![\w/.,\-]){_Y}(?![\w/]|[.,\-]\d)"),
    ("now", r"hiện nay|đến nay|tới nay|hiện có|hiện đang|hiện là|cho đến nay"),
]]
_COMPARE = re.compile(r"(?:so với|so|cùng kỳ|hơn|kể từ|sau|các|những|giai đoạn|nhiệm kỳ|thời kỳ)\s*(?:năm\s*)?$", _I)
_SINCE = re.compile(r"(?:\btừ|bắt đầu từ)\s*(?:năm\s*)?$", _I)
_HORIZON = re.compile(r"(?:đến|tới|vào|tầm nhìn|trước)\s*(?:năm\s*)?$", _I)
_TARGET = re.compile(r"mục tiêu|phấn đấu|chỉ tiêu|định hướng", _I)
# "cùng kỳ ..." is the figure's own period where it opens a clause or follows "của"; elsewhere a comparison base.
_PRIOR_HEAD = re.compile(r"(?:^|[(;,:]|\bcủa|\bkhi|\bvà)\s*$", _I)
# A figure followed by "của <period>" ("mức tăng 6,93% của quý I/2025") is of that period.
_OF_PERIOD = re.compile(r"\s*của\s*$", _I)


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # year partial quarter month date asof fullyear since horizon compare range now unrepresentable prior
    year: int | None = None
    months: int | None = None
    day: date | None = None
    note: str = ""


@dataclass(frozen=True)
class PeriodReading:
    """The period a figure's words give (core.periods.Period is the period of a figure in the data):
    the year may be unknown, and how it was found travels with it."""

    year: int | None
    months: int | None
    as_of: date | None = None
    how: str | None = None  # sentence, previous sentence, context, default, article date
    now: bool = False  # "đến nay", "hiện nay": as of the article's date
    partial_in_sentence: bool = False
    unrepresentable: str = ""  # why the data model cannot hold the period
    target: bool = False
    restated: bool = False  # an earlier period restated beside the figure ("của quý I/2025", "cùng kỳ năm trước")


def _date(y, m, d) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def time_marks(text: str, article_date: date | None = None) -> list[Mark]:
    """The time words of one sentence, classified; in order of position."""
    taken: list[tuple[int, int]] = []
    marks: list[Mark] = []
    for kind, pattern in _PATTERNS:
        for found in pattern.finditer(text):
            a, b = found.span()
            if any(a < e and s < b for s, e in taken):
                continue
            mark = _mark(kind, found, article_date)
            if mark is None:
                continue
            taken.append((a, b))
            marks.append(mark)
    marks.sort(key=lambda mk: mk.start)
    out: list[Mark] = []
    for mark in marks:
        head = text[max(0, mark.start - 25):mark.start]
        if mark.kind == "prior" and not _PRIOR_HEAD.search(text[:mark.start]):
            mark = Mark(mark.start, mark.end, "compare", mark.year)
        elif mark.kind in ("year", "partial", "quarter", "quarters", "month", "date", "fullyear", "unrepresentable"):
            if _SINCE.search(head):
                mark = Mark(mark.start, mark.end, "since", mark.year, None, mark.day)
            elif _COMPARE.search(head):
                mark = Mark(mark.start, mark.end, "compare", mark.year)
            elif mark.kind == "unrepresentable":
                pass
            elif mark.kind == "year" and _HORIZON.search(head):
                mark = Mark(mark.start, mark.end, "horizon", mark.year, 12, note="target" if _TARGET.search(text) else "")
            elif out and out[-1].kind == "compare" and re.fullmatch(r"\s*(?:và|,|hoặc)\s*", text[out[-1].end:mark.start]):
                mark = Mark(mark.start, mark.end, "compare", mark.year)  # "các năm 2011 và 2018"
        out.append(mark)
    return out


def _mark(kind: str, found: re.Match, article_date: date | None) -> Mark | None:
    a, b = found.span()
    g = [x for x in found.groups()]
    this_year = article_date.year if article_date else None
    nay = found.group().lower().endswith("nay")
    if kind == "range":
        return Mark(a, b, "range")
    if kind == "asof":
        day = _date(g[2], g[1], g[0])
        return Mark(a, b, "asof", day.year, None, day) if day else None
    if kind == "asof_month":
        month, year = int(g[0]), int(g[1])
        if not 1 <= month <= 12:
            return None
        return Mark(a, b, "asof", year, None, date(year, month, calendar.monthrange(year, month)[1]))
    if kind == "asof_month_ytd":  # "Tính đến hết tháng 10, ...": the year is the report's (resolve_period)
        month = int(g[0])
        return Mark(a, b, "asof", None, month) if 1 <= month <= 12 else None
    if kind == "asof_short":
        day = _date(this_year, g[1], g[0]) if this_year else None
        return Mark(a, b, "asof", day.year, None, day) if day else None
    if kind == "date":
        day = _date(g[2], g[1], g[0])
        return Mark(a, b, "date", day.year, 12, day) if day else None
    if kind == "prior":
        year = g[0] and int(g[0])
        return Mark(a, b, "prior", year or None)
    if kind == "month":
        month, year = (g[0], None) if len(g) == 1 else (g[0], g[1]) if g[0] else (g[2], g[3])
        year = int(year) if year else None
        if not 1 <= int(month) <= 12:
            return None
        if int(month) == 1:
            return Mark(a, b, "month", year, 1)
        return Mark(a, b, "unrepresentable", year, None,
                    note=f"one month (tháng {int(month)}) is not a span counted from January")
    if kind == "quarter":
        q = _ROMAN[g[0].upper()]
        year = int(g[1]) if g[1] else None
        if q == 1:
            return Mark(a, b, "quarter", year, 3)
        return Mark(a, b, "unrepresentable", year, None, note=f"one quarter (quý {g[0]}) is not a span from January")
    if kind == "quarters":
        n = _COUNT_WORDS.get(g[0].lower()) or int(g[0])
        if not 1 <= n <= 4:
            return None
        return Mark(a, b, "quarter", int(g[1]) if g[1] else (this_year if nay else None), 3 * n)
    if kind == "unrepresentable":
        return Mark(a, b, "unrepresentable", int(g[0]) if g[0] else None, None,
                    note=f"\"{found.group()}\" is not a span counted from January")
    if kind == "partial":
        if found.group().lower().startswith("nửa"):
            return Mark(a, b, "partial", int(g[0]) if g[0] else (this_year if nay else None), 6)
        months = int(g[0])
        if not 1 <= months <= 12:
            return None
        return Mark(a, b, "partial", int(g[1]) if g[1] else (this_year if nay else None), months)
    if kind == "partial_words":  # "hai tháng đầu năm 2026"
        return Mark(a, b, "partial", int(g[1]) if g[1] else (this_year if nay else None), _MONTH_WORDS[g[0].lower()])
    if kind == "fullyear":
        return Mark(a, b, "fullyear", int(g[0]) if g[0] else (this_year if nay else None), 12)
    if kind == "year":
        year = int(g[0]) if g[0] else this_year
        return Mark(a, b, "year", year, 12) if year else None
    if kind == "now":
        return Mark(a, b, "now")
    return None


_PERIOD_KINDS = ("year", "partial", "quarter", "month", "date", "asof", "fullyear", "since", "horizon",
                 "unrepresentable")


def report_year(months: int | None, report: tuple[int, int | None] | None) -> int | None:
    """The year of a year-to-date span of MONTHS in a report of REPORT (year, month or None): the report's
    year, or the year before when those months end after the report's month ("12 tháng" in January)."""
    if not report or not months:
        return None
    year, month = report
    return year - 1 if month is not None and months > month else year


def resolve_period(text: str, marks: list[Mark], pos: int, para: PeriodReading | None, context: int | None,
                   default_year: int | None, article_date: date | None, end: int | None = None,
                   report: tuple[int, int | None] | None = None) -> PeriodReading:
    """The period of a figure at `pos` (ending at `end`) in the sentence; see the module docstring.

    A year-to-date span whose sentence names no year ("Tính đến hết tháng 10", "Tính chung 11 tháng") is
    of the report's year (`report`: the year and month of the article's date or published month), not of
    the year of a sentence near it."""
    own = _own_mark(text, marks, pos, pos if end is None else end)
    if own is not None and own.kind == "prior":
        base = resolve_period(text, [mk for mk in marks if mk is not own], pos, para, context, default_year,
                              article_date, None, report)
        year = own.year or (base.year - 1 if base.year else None)
        return replace(base, year=year, as_of=_same_day(base.as_of, year), now=False, restated=True,
                       how=base.how if own.year is None else "sentence")
    if own is not None:
        reading = resolve_period(text, [mk for mk in marks if mk.start < own.start or mk is own], own.end, para,
                                 context, default_year, article_date, None, report)
        return replace(reading, restated=True)
    usable = [mk for mk in marks if mk.kind in _PERIOD_KINDS]
    now = any(mk.kind == "now" for mk in marks)
    partial = any(mk.kind in ("partial", "quarter") and (mk.months or 12) < 12 for mk in usable)
    before = [mk for mk in usable if mk.end <= pos]
    chosen = before[-1] if before else None
    if chosen is None:
        clause_end = text.find(";", pos)
        clause_end = len(text) if clause_end < 0 else clause_end
        after = [mk for mk in usable if mk.start >= pos and mk.end <= clause_end]
        chosen = after[0] if after else None
    fallback_year = (para.year if para else None) or context or default_year
    if chosen is None:
        if para and para.year:
            return PeriodReading(para.year, para.months, None, "previous sentence", now, partial)
        if context:
            return PeriodReading(context, 12, None, "context", now, partial)
        if default_year:
            return PeriodReading(default_year, 12, None, "default", now, partial)
        if article_date:
            return PeriodReading(article_date.year, 12, None, "article date", now, partial)
        return PeriodReading(None, 12, None, None, now, partial)
    year = chosen.year
    ytd = None
    if year is None:
        earlier = [mk for mk in usable if mk.year and mk.end <= chosen.start]
        ytd = None if earlier else report_year(chosen.months if chosen.kind in ("partial", "quarter", "asof")
                                               and chosen.months else None, report)
        year = earlier[-1].year if earlier else ytd or fallback_year
    how = "sentence" if chosen.year or any(mk.year for mk in usable if mk.end <= chosen.start) else (
        "report" if ytd else
        "previous sentence" if para and para.year else "context" if context else "default" if default_year else None)
    if year is None and article_date:
        year, how = article_date.year, "article date"
    if chosen.kind == "asof" and chosen.day is None:  # "tính đến hết tháng 10": the end of that month
        if year is None:
            return PeriodReading(None, chosen.months, None, how, now, partial)
        day = date(year, chosen.months, calendar.monthrange(year, chosen.months)[1])
        return PeriodReading(year, chosen.months, day, how, now, partial)
    if chosen.kind == "asof":
        day = chosen.day
        month_end = day.day == calendar.monthrange(day.year, day.month)[1]
        return PeriodReading(day.year, day.month if month_end else None, day, how, now, partial,
                      "" if month_end else f"up to {day.isoformat()}, not whole months")
    if chosen.kind == "since":
        return PeriodReading(year, None, None, how, True, partial, "" if now else "a span starting in the text, open-ended")
    if chosen.kind == "unrepresentable":
        return PeriodReading(year, None, None, how, now, partial, chosen.note)
    return PeriodReading(year, chosen.months or 12, None, how, now, partial, target=chosen.note == "target")


def _own_mark(text: str, marks: list[Mark], pos: int, end: int) -> Mark | None:
    """The mark that names the figure's own period beside it: "của quý I/2025" right after it, or
    "cùng kỳ năm trước" opening its clause just before it ("(cùng kỳ năm trước xuất siêu 7,63 tỷ USD)")."""
    for mk in marks:
        if mk.start >= end and (mk.kind in _PERIOD_KINDS or mk.kind == "prior") and _OF_PERIOD.fullmatch(
                text[end:mk.start]):
            return mk
    before = [mk for mk in marks if mk.end <= pos and (mk.kind in _PERIOD_KINDS or mk.kind == "prior")]
    if before and before[-1].kind == "prior" and pos - before[-1].end <= 60 and not re.search(
            r"[();]", text[before[-1].end:pos]):
        return before[-1]
    return None


def _same_day(day: date | None, year: int | None) -> date | None:
    if day is None or year is None:
        return None
    return date(year, day.month, calendar.monthrange(year, day.month)[1] if day.month == 2 and day.day == 29
                else day.day)


# Where an article says when it was written: a byline "06/12/2024 10:52", a dateline
# "Hà Nội, ngày 28/12/2024", or a meeting's day "Sáng 14/1" / "chiều 26/8" (year from
# the published date or the caller's year).
_BYLINE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\s+\d{1,2}:\d{2}")
_DATELINE = re.compile(r"(?:^|\n)([^\W\d][\w. ]{0,40}),\s*ngày (\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_DAYPART = re.compile(r"\b(?:sáng|chiều|tối|trưa|đêm)(?: nay)?(?: ngày)? (\d{1,2})/(\d{1,2})(?![\d/])", _I)


def article_date_from_text(text: str, published: str = "", year: int | None = None,
                           text_year: int | None = None) -> tuple[date | None, str, bool]:
    """The article's date, the words it was read from, and whether its year is a guess from the text.

    A day without a year ("chiều 26/8") takes the year of `published`, else `year`, else
    `text_year` (the latest year the text speaks of: then the third value is True).
    (None, "", False) when it cannot tell.
    """
    published = (published or "").strip()
    given = parse_partial_date(published)
    if given and given[1] == "day":
        return given[0], f"published {published}", False
    head = text[:3000]
    found = _BYLINE.search(head)
    if found and (day := _date(found.group(3), found.group(2), found.group(1))):
        return day, found.group().strip(), False
    for found in _DATELINE.finditer(head):  # a place name: every word capitalised ("Hà Nội", "TP Hồ Chí Minh")
        words = found.group(1).split()
        if len(words) <= 5 and all(w[0].isupper() for w in words):
            day = _date(found.group(4), found.group(3), found.group(2))
            if day:
                return day, found.group().strip(), False
    partial = given if given and given[1] != "day" else None  # "2025" or "2025-08"
    for found in _DAYPART.finditer(head):
        d, m = int(found.group(1)), int(found.group(2))
        y = partial[0].year if partial else year or text_year
        if y is None or (partial and partial[1] == "month" and partial[0].month != m):
            continue
        day = _date(y, m, d)
        if day:
            return day, found.group(), not partial and not year
    return None, "", False


def latest_year(texts) -> int | None:
    """The latest year the sentences speak of (periods and dates; not comparisons, ranges or horizons)."""
    years = [mk.year for text in texts for mk in time_marks(text)
             if mk.year and mk.kind in ("year", "partial", "quarter", "month", "date", "asof", "fullyear")]
    return max(years, default=None)
