"""Candidate events: document numbers, congresses, dated meetings and agreements.

Document numbers and dates are not figures; they date the milestones drawn on the
timelines. Read here:
- resolutions, directives and decisions by their code as printed ("07-NQ/TW",
  "49/NQ-CP", "15-CT/TW", "1812/QĐ-TTg"), dated by "ngày d/m/yyyy" after the code
  or, failing that, by a full date earlier in the same sentence ("ngày 25/8/2025,
  Thủ tướng ... ký ban hành Quyết định số 1812/QĐ-TTg");
- Party congresses ("Đại hội Đảng lần thứ XIII (tháng 1/2021)");
- a sentence with a date and a meeting word (hội nghị, cuộc họp, diễn đàn, hội thảo)
  or an agreement word (hiệp định, FTA, ký kết): a conference or an agreement.
  A date without a year ("Sáng 14/1") takes the article's year.
A code met several times gives one event, dated where any mention dates it. An
undated event comes out with a blank date for the reviewer to fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vnintegration.extract.text import Sentence

_I = re.IGNORECASE
CODE = re.compile(r"(?<![\w/])(\d{1,4}(?:/\d{4})?)([-/])(NQ|CT|QĐ|QD)([-/])(TW|CP|TTg|QH\d*|BCT|[A-ZĐ]{2,6})(?![\w])")
KINDS = {"NQ": "resolution", "CT": "directive", "QĐ": "decision", "QD": "decision"}
_TYPE_WORD = re.compile(r"(Nghị quyết|Chỉ thị|Quyết định)(?: số)?\s*$", _I)
_DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])"
                         r"|\s*,?\s*ngày\s+(\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d{2})", _I)
_DATE_ANY = re.compile(r"\bngày\s+(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])", _I)
_CONGRESS = re.compile(r"Đại hội(?: đại biểu toàn quốc| Đảng(?: toàn quốc)?)?(?: lần thứ)? ([IVXL]{1,6})(?![\w])"
                       r"(?:[^.;()]{0,40}?\(?\s*(?:tháng (\d{1,2})/((?:19|20)\d{2})|năm ((?:19|20)\d{2}))\)?)?")
_DATED = re.compile(r"\b(?:ngày\s+)?(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])"
                    r"|\b(?:sáng|chiều|tối|trưa|ngày)(?: nay)?(?: ngày)? (\d{1,2})/(\d{1,2})(?![\d/])", _I)
_MEETING = re.compile(r"hội nghị|cuộc họp|phiên họp|diễn đàn|hội thảo|hội đàm|kỳ họp", _I)
_AGREEMENT = re.compile(r"hiệp định|\bFTA\b|\bCEPA\b", _I)
_ISSUER = [(re.compile(p, _I), en) for p, en in [
    (r"Bộ Chính trị", "Politburo"), (r"Ban Bí thư", "Secretariat"), (r"Ban Chấp hành Trung ương", "Central Committee"),
    (r"Thủ tướng", "Prime Minister's"), (r"Chính phủ", "Government"), (r"Quốc hội", "National Assembly"),
]]
_TYPE_EN = {"resolution": "Resolution", "directive": "Directive", "decision": "Decision"}


@dataclass
class EventCandidate:
    date: str
    kind: str
    code: str
    title_vi: str
    title_en: str
    source_id: str
    quote: str
    sentence: int = 0

    def row(self) -> dict[str, str]:
        return {"date": self.date, "kind": self.kind, "code": self.code, "title_vi": self.title_vi,
                "title_en": self.title_en, "source_id": self.source_id, "quote": self.quote}


def _iso(y, m, d) -> str:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError):
        return ""


_NEXT_DOCUMENT = re.compile(r"\s+(?:và\s+)?(?:gần đây nhất là\s+)?(?:Nghị quyết|Chỉ thị|Quyết định)\b", _I)


def _clause_end(text: str, start: int, limit: int = 160) -> int:
    """End of the words that name a document or event: the next , ; . or document name."""
    stops = [i for i in (text.find(ch, start) for ch in ",;") if i >= 0]
    stops += [found.start() for found in (re.compile(r"\.(?!\d)").search(text, start),
                                           _NEXT_DOCUMENT.search(text, start)) if found]
    return min([*stops, len(text), start + limit])


def extract_events(sentences: list[Sentence], article_date: date | None, source_id: str) -> list[EventCandidate]:
    events: dict[tuple, EventCandidate] = {}
    for s in sentences:
        coded = False
        for found in CODE.finditer(s.text):
            coded = True
            _add(events, ("code", found.group()), _document(s, found, source_id))
        for found in _CONGRESS.finditer(s.text):
            month, year, only_year = found.group(2), found.group(3), found.group(4)
            when = f"{int(year):04d}-{int(month):02d}" if year and 1 <= int(month) <= 12 else (only_year or "")
            quote = found.group().strip()
            _add(events, ("congress", found.group(1)), EventCandidate(
                when, "congress", "", f"Đại hội Đảng lần thứ {found.group(1)}",
                f"{found.group(1)} National Congress of the Communist Party of Vietnam", source_id, quote, s.index))
        if not coded:
            event = _dated_event(s, article_date, source_id)
            if event:
                _add(events, ("dated", event.kind, event.date), event)
    return sorted(events.values(), key=lambda e: (e.date == "", e.date, e.sentence))


def _add(events: dict, key: tuple, event: EventCandidate | None) -> None:
    if event is None:
        return
    known = events.get(key)
    if known is None or (not known.date and event.date):
        events[key] = event


def _document(s: Sentence, found: re.Match, source_id: str) -> EventCandidate:
    text = s.text
    kind = KINDS[found.group(3).upper().replace("QD", "QĐ")] if found.group(3).upper() != "QD" else "decision"
    type_word = _TYPE_WORD.search(text[max(0, found.start() - 20):found.start()])
    start = found.start() - (len(text[max(0, found.start() - 20):found.start()]) - type_word.start()) if type_word else found.start()
    after = _DATE_AFTER.match(text, found.end())
    when, title_from = "", found.end()
    if after:
        g = after.groups()
        when = _iso(g[2], g[1], g[0]) if g[0] else _iso(g[5], g[4], g[3])
        title_from = after.end()
    else:
        earlier = list(_DATE_ANY.finditer(text, 0, found.start()))
        if earlier and re.search(r"\bký|ban hành", text[earlier[-1].end():found.start()], _I):
            g = earlier[-1].groups()
            when = _iso(g[2], g[1], g[0])
    end = _clause_end(text, title_from)
    quote = text[start:end].strip()
    rest = text[title_from:end].strip(" ,")
    head = text[start:found.end()]
    title_vi = re.sub(r"\s+số\s+", " ", f"{head} {rest}".strip()) if type_word else f"{head} {rest}".strip()
    issuer = next((en for pattern, en in _ISSUER if pattern.search(rest)), "")
    title_en = " ".join(x for x in (issuer, _TYPE_EN[kind], found.group()) if x)
    return EventCandidate(when, kind, found.group(), _cap(title_vi), title_en, source_id, quote, s.index)


def _dated_event(s: Sentence, article_date: date | None, source_id: str) -> EventCandidate | None:
    text = s.text
    agreement, meeting = _AGREEMENT.search(text), _MEETING.search(text)
    if not (agreement or meeting):
        return None
    dated = _DATED.search(text)
    if not dated:
        return None
    g = dated.groups()
    if g[0]:
        when = _iso(g[2], g[1], g[0])
    else:
        when = _iso(article_date.year, g[4], g[3]) if article_date else ""
    if not when:
        return None
    kind = "agreement" if agreement and re.search(r"\bký|văn kiện|hiệp định", text, _I) else "conference"
    word = agreement if kind == "agreement" else meeting
    if word is None:
        return None
    title_start = word.start()
    title = text[title_start:_clause_end(text, title_start)].strip()
    title = title[:1].upper() + title[1:]
    begin, end = min(dated.start(), word.start()), max(dated.end(), _clause_end(text, word.start()))
    quote = text[begin:end].strip()
    title_en = "Agreement" if kind == "agreement" else "Conference"
    return EventCandidate(when, kind, "", _cap(title), title_en + " (translate the title)", source_id, quote, s.index)


def _cap(title: str, words: int = 24) -> str:
    parts = title.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
