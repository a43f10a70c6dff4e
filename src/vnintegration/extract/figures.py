"""Candidate figures from a Vietnamese article, for a person to tick, fix and append.

    text -> clean (extract_text) -> sentences -> mentions (number + unit, with the
    qualifier and sign from the words just before: extract_mentions) -> for each: the
    indicator from keywords around it (extract_rules), the period from the sentence,
    the paragraph or the article (extract_periods), the status from the clause, the
    value scaled to the indicator's unit -> sentence-level rules -> candidates
    (observations.csv columns + confidence); events apart (extract_events).

What it decides, and how a reviewer can tell:
- the quote is the whole sentence, verbatim from the cleaned text;
- `note` says what was inferred (a scaled or signed value starts "derived:", as
  the dataset requires; an as_of read from the article's date or a year's end; a
  period carried over from an earlier sentence; an indicator renamed by a rule);
- `confidence` (0–1) falls with weak or ambiguous keywords, inherited periods and
  renamed indicators. Below about 0.5, read the sentence before keeping the row.

Counts and ranks need a date: a count "tính đến hết tháng 9/2026" or over "9 tháng
năm 2026" is as of that month's last day; a forecast or target count ("năm 2026 sẽ
là năm thứ 11") as of its year's 31 December; with the article's date (given, or
read from a dateline such as "Sáng 14/1"), a count said "đến nay"/"hiện nay" or
during the article's own year is as of that date; a count said of an earlier year
is as of that year's 31 December; without any date it is as of the 31 December of
the year the sentence speaks of. Figures with no indicator in the catalog, a period
the data model cannot hold (one month other than January, "Riêng tháng 3", "6 tháng
cuối năm", "quý II" alone) or a goal the text heads for ("hướng tới mốc 1.000 tỷ
USD") are left out unless `include_all=True`.
"""

from __future__ import annotations

import calendar
import csv
import io
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from vnintegration.core.dates import parse_partial_date
from vnintegration.core.model import EVENTS, OBSERVATIONS
from vnintegration.core.units import shift
from vnintegration.extract import rules as R
from vnintegration.extract.events import extract_events
from vnintegration.extract.mentions import Mention, find_mentions
from vnintegration.extract.periods import (
    PeriodReading,
    article_date_from_text,
    latest_year,
    report_year,
    resolve_period,
    time_marks,
)
from vnintegration.extract.text import ArticleError, Sentence, clean_text, looks_vietnamese, split_sentences
from vnintegration.extract.trade import carry_growth_partner, find_trade_ties, trade_rules

__all__ = ["ArticleError", "Candidate", "Extraction", "Indicator", "Mention", "catalog_from_frame", "extract"]

# observations.csv's columns with `partner` and `product` after `indicator` (blank: all partners, all products),
# whether or not the data model in use declares them yet.
ROW_COLUMNS = tuple(OBSERVATIONS.columns) if "partner" in OBSERVATIONS.columns else (
    OBSERVATIONS.columns[0], "partner", "product", *OBSERVATIONS.columns[1:])
CANDIDATE_COLUMNS = (*ROW_COLUMNS, "confidence")
MIN_SCORE = 1.5  # keyword score below which no indicator is suggested


@dataclass(frozen=True)
class Indicator:
    id: str
    unit: str
    kind: str
    low: float | None = None
    high: float | None = None
    name_vi: str = ""
    name_en: str = ""


def catalog_from_frame(frame) -> dict[str, Indicator]:
    """indicators.csv (typed by validate, or as text) -> {id: Indicator}."""
    def number(value):
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        return value if math.isfinite(value) else None

    return {
        str(row["id"]).strip(): Indicator(str(row["id"]).strip(), str(row["unit"]).strip(), str(row["kind"]).strip(),
                                          number(row.get("min")), number(row.get("max")),
                                          str(row.get("name_vi", "")), str(row.get("name_en", "")))
        for row in frame.to_dict("records")
    }


@dataclass
class Candidate:
    indicator: str
    year: int | None
    months: int | None
    as_of: str
    value: float | None
    qualifier: str
    status: str
    source_id: str
    quote: str
    note: str
    confidence: float
    figure: str = ""  # the words as printed ("trên 514 tỷ USD")
    alternatives: tuple[str, ...] = ()
    sentence: int = 0
    usable: bool = True  # False: no indicator, or a period the data model cannot hold
    partner: str = ""  # partner code (data/partners.csv); "" = all partners
    product: str = ""  # product code (data/products.csv); "" = all products

    def row(self) -> dict[str, str]:
        """The observations.csv row (plus confidence), every cell as text."""
        return {
            "indicator": self.indicator, "partner": self.partner, "product": self.product,
            "year": "" if self.year is None else str(self.year),
            "months": "" if self.months is None else str(self.months), "as_of": self.as_of,
            "value": format_value(self.value), "qualifier": self.qualifier, "status": self.status,
            "source_id": self.source_id, "quote": self.quote, "note": self.note,
            "confidence": f"{self.confidence:.2f}",
        }


@dataclass
class Extraction:
    text: str  # the cleaned article: quotes are taken from it; save it as the source file
    candidates: list[Candidate]
    events: list
    notices: list[str]  # codes: empty, not-vietnamese, no-figures, html-stripped, undated-counts
    article_date: date | None = None
    article_date_from: str = ""  # the words the date was read from, when it was not given
    article_year_guessed: bool = False  # the day was read, its year is the latest the text names
    hidden: int = 0  # candidates left out (no indicator, or period the data model cannot hold)

    def rows(self) -> list[dict[str, str]]:
        return [c.row() for c in self.candidates]


def format_value(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return ""
    text = f"{round(value, 9):.9f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def extract(text: str, catalog: dict[str, Indicator], *, year: int | None = None,
            article_date: date | None = None, published: str = "", source_id: str = "",
            reference=None, include_all: bool = False, data_dir=None) -> Extraction:
    """Candidate observations and events in `text`; see the module docstring.

    `year`: the year to assume when the text names none before a figure.
    `article_date`: the date the article reports (for counts and ranks); when None,
    read from `published` if it is a full date, else from a dateline in the text.
    `reference`: typed observations (indicator, year, months, value) used to check
    that a trade figure called "xuất khẩu" is not, by its size, total turnover.
    `data_dir`: where partners.csv and products.csv are read from (default: the bundled data/).
    Raises ArticleError only when the text is over the size cap.
    """
    cleaned = clean_text(text)
    notices = list(cleaned.notices)
    body = cleaned.text
    if not body.strip():
        return Extraction(body, [], [], notices + ["empty"])
    if looks_vietnamese(body) is False:
        return Extraction(body, [], [], notices + ["not-vietnamese"])
    sentences = split_sentences(body)
    date_from, year_guessed = "", False
    if article_date is None:
        text_year = None if published or year else latest_year(s.text for s in sentences[:200])
        article_date, date_from, year_guessed = article_date_from_text(body, published, year, text_year)
    mentions = [m for s in sentences for m in find_mentions(s)]
    for m in mentions:
        i = m.sentence.index
        if i and R.STATUS_PART.search(m.sentence.text) and sentences[i - 1].paragraph == m.sentence.paragraph:
            m.whole = sentences[i - 1].text
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.index, []).append(m)
    find_trade_ties(sentences, by_sentence, data_dir)
    for group in by_sentence.values():
        for i, m in enumerate(group):
            score_indicators(m, group[i - 1] if i else None, group[i + 1] if i + 1 < len(group) else None, catalog)
        apply_sentence_rules(group, catalog)
    trade_rules(sentences, by_sentence, catalog)
    assign_periods(sentences, by_sentence, year, article_date, report_month(article_date, published, year))
    for m in mentions:
        check_plausible_trade(m, catalog, reference)
    for group in by_sentence.values():
        inherit_growth(group, catalog)
        carry_growth_partner(group)
    candidates = [make_candidate(m, catalog, article_date, source_id) for m in mentions]
    candidates = dedupe(candidates)
    shown = candidates if include_all else [c for c in candidates if c.usable]
    if not mentions:
        notices.append("no-figures")
    if any(c.as_of == "" and c.months is None and c.usable for c in shown):
        notices.append("undated-counts")
    events = extract_events(sentences, article_date, source_id)
    return Extraction(body, shown, events, notices, article_date, date_from, year_guessed,
                      len(candidates) - len(shown))


# --- indicators -----------------------------------------------------------------------

def compatible(mention: Mention, catalog: dict[str, Indicator]) -> list[str]:
    return [i for i, ind in catalog.items() if shift(mention.unit, ind.unit) is not None]


def score_indicators(m: Mention, previous: Mention | None, following: Mention | None,
                     catalog: dict[str, Indicator]) -> None:
    """Score each unit-compatible indicator by keywords in the words around the figure.

    Before the figure: from the start of the previous figure in the clause (or the
    clause start, after ";"); after: the figure's own unit noun and words up to the
    next comma, figure or ";". Nearer keywords weigh more. If nothing scores, the
    whole sentence before the figure is read again at half weight ("..., tương
    đương khoảng 476 tỷ USD" takes GDP from earlier in the sentence).
    """
    text = m.sentence.text
    clause = text.rfind(";", 0, m.start) + 1
    begin = clause
    if previous and previous.start >= clause:
        # From the previous figure (its unit noun may name this one: "17 FTA với hơn 60 đối tác"),
        # or from the comma after it, whose words describe that figure ("top 40 nền kinh tế ..., top 20").
        comma = text.find(",", previous.end, m.start)
        begin = comma + 1 if comma >= 0 else m.start if previous.family == "rank" else previous.start
    stop = len(text)
    for mark in (",", ";", " và "):  # "27,62 tỷ USD và tổng vốn đăng ký ...": the next figure's words
        at = text.find(mark, m.end)
        stop = min(stop, at) if at >= 0 else stop
    if following:
        stop = min(stop, following.start)
    stop = min(stop, m.end + 80)
    before, after = text[begin:m.start], text[m.number_start:max(stop, m.end)]
    options = compatible(m, catalog)
    scores = _score(options, before, after, 1.0, text, m.whole, tied=bool(m.partner or m.product))
    regional = list(R.REGIONAL.finditer(text, 0, m.start))
    if regional and not R.NATIONAL.search(text, regional[-1].end(), m.start):
        scores = {ind: min(v, 0) for ind, v in scores.items()}
    if m.unit == "count" and m.noun:  # "con số 38" names no noun
        scores = {ind: v if m.noun in R.COUNT_NOUNS.get(ind, {m.noun}) else min(v, 0) for ind, v in scores.items()}
    same_thing = re.search(r"tương đương|tức là", text[max(0, m.start - 25):m.start], re.I)
    if max(scores.values(), default=0) < MIN_SCORE and begin > 0 and same_thing:
        wider = _score(options, text[:m.start], after, 1.0, text)
        scores = {k: max(scores.get(k, 0), v) for k, v in wider.items()}
    ranked = sorted((s, -options.index(i), i) for i, s in scores.items() if s > 0)[::-1]
    if ranked and ranked[0][0] >= MIN_SCORE:
        m.indicator, m.score = ranked[0][2], ranked[0][0]
        if len(ranked) > 1 and ranked[1][0] >= 0.7 * ranked[0][0]:
            m.penalty *= 0.75  # a close second: ambiguous
    m.alternatives = tuple(i for s, _, i in ranked if i != m.indicator and s >= 1)
    if not m.indicator and m.family in ("pp", "vnd") and len(options) == 1:
        m.indicator, m.score = options[0], MIN_SCORE  # the only indicator in that unit
        m.penalty *= 0.6
        m.notes.append(f"indicator: the only one in the catalog measured in this unit ({options[0]})")


def _score(options: list[str], before: str, after: str, weight: float, sentence: str = "",
           whole: str = "", tied: bool = False) -> dict[str, float]:
    scores: dict[str, float] = {}
    window = before + " " + after
    for ind, pattern, w in R.KEYWORD_RULES:
        if ind not in options:
            continue
        if w < 0:
            if pattern.search(before[-40:]) or pattern.search(after):
                scores[ind] = scores.get(ind, 0) + w
            continue
        best = 0.0
        for found in pattern.finditer(before):
            gap = len(before) - found.end()
            best = max(best, 1.0 if gap <= 40 else 0.75 if gap <= 100 else 0.5)
        if pattern.search(after):
            best = max(best, 0.8)
        if best:
            scores[ind] = scores.get(ind, 0) + w * best * weight
    for ind, pattern, w in R.FAR_NEGATIVES:
        if tied and pattern is R.ONE_MARKET:
            continue  # trade with one market or in one product: kept, with its partner or product
        if ind in options and pattern.search(before):
            scores[ind] = scores.get(ind, 0) + w
    for ind, need in R.NEEDS.items():
        scope = f"{whole} {sentence}" if ind in R.WHOLE_NEEDS else sentence if ind in R.SENTENCE_NEEDS else window
        if ind in scores and not need.search(scope):
            scores[ind] = min(scores[ind], 0)
    return scores


def apply_sentence_rules(group: list[Mention], catalog: dict[str, Indicator]) -> None:
    """Rules that read several figures of one sentence together."""
    text = group[0].sentence.text if group else ""
    # "A và B ... lần lượt đạt X và Y": X is A's, Y is B's.
    for respectively in re.finditer(r"lần lượt", text, re.I):
        following = [m for m in group if m.start > respectively.start()]
        after = following[:1]
        for m in following[1:]:  # the list: "X và Y", "X, Y và Z"
            if m.family != after[0].family or not re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[after[-1].end:m.start]):
                break
            after.append(m)
        if len(after) < 2:
            continue
        clause = text.rfind(";", 0, respectively.start()) + 1
        subject = text[clause:respectively.start()]
        order = []
        options = compatible(after[0], catalog)
        for ind, pattern, w in R.KEYWORD_RULES:
            if ind in options and w >= 2 and (ind not in R.NEEDS or R.NEEDS[ind].search(subject)):
                found = pattern.search(subject)
                if found:
                    order.append((found.start(), ind))
        order = [ind for _, ind in sorted(order)]
        distinct = list(dict.fromkeys(order))
        if len(distinct) == len(after):
            for m, ind in zip(after, distinct):
                if m.indicator != ind:
                    m.indicator, m.score = ind, max(m.score, 3.0)
                m.notes.append(f"indicator: \"lần lượt\" (respectively) pairs it with {ind}")
    # "vượt mốc 730 tỷ USD, cụ thể đạt 732,5 tỷ USD": a figure with no words of its own that
    # restates the one before it (same unit, "cụ thể", "tức", "hay") is the same indicator.
    for previous, m in zip(group, group[1:]):
        between = text[previous.end:m.start]
        if (not m.indicator and previous.indicator and m.family == previous.family and ";" not in between
                and re.search(r"\b(?:cụ thể|tức là|tức|hay|chính xác là)\b", between, re.I)):
            m.indicator, m.score, m.penalty = previous.indicator, previous.score, m.penalty * 0.8
            m.notes.append(f"indicator: restates the figure before it ({previous.figure})")
            if previous.qualifier in ("over", "under", "nearly", "about") and m.qualifier == "exact":
                previous.indicator = ""  # the threshold ("vượt mốc 730") gives way to the precise figure
    # "GDP tăng 7,45%, cao hơn mức tăng 6,93% của quý I/2025", "tăng 8,5% (cùng kỳ năm 2025 đạt 23,6 tỷ USD)":
    # the same quantity restated for another period (extract_periods dates it) is the same indicator.
    for j, m in enumerate(group):
        if m.indicator or not R.RESTATED_BEFORE.search(text[max(0, m.start - 40):m.start]):
            continue
        earlier = [e for e in group[:j] if e.indicator and e.family == m.family and ";" not in text[e.end:m.start]]
        if earlier:
            m.indicator, m.score, m.penalty = earlier[-1].indicator, earlier[-1].score, m.penalty * 0.8
            m.notes.append(f"indicator: the figure before it ({earlier[-1].figure}) restated for another period")
    # "tham gia 19 FTA, trong đó 17 FTA đã ký kết và đang thực thi": the whole the signed FTAs are a part of
    # is the network (it holds the FTAs under negotiation too).
    if "ftas_network" in catalog:
        for j, part in enumerate(group):
            if part.indicator != "ftas_signed" or not re.search(r"trong đó", text[max(0, part.start - 40):part.start], re.I):
                continue
            for whole in group[:j]:
                if whole.noun == "FTA" and whole.indicator in ("ftas_signed", "") and whole.number > part.number:
                    whole.indicator, whole.score = "ftas_network", max(whole.score, MIN_SCORE)
                    whole.notes.append(f"indicator: the signed FTAs are a part of it (\"trong đó {part.figure}\"), "
                                       "so read as the FTA network")
    # "tổng kim ngạch xuất khẩu đạt 786 tỷ USD ...; trong đó xuất khẩu vượt 405 tỷ USD":
    # the total of which exports are a part is turnover, whatever the article calls it.
    if "trade_turnover" in catalog:
        for j, part in enumerate(group):
            if not re.search(r"trong đó", text[max(0, part.start - 40):part.start], re.I):
                continue
            for whole in group[:j]:
                if (whole.indicator in ("exports", "imports") and whole.indicator == part.indicator
                        and (whole.partner, whole.product) == (part.partner, part.product)
                        and whole.value_in(part.unit) > part.value_in(part.unit)):
                    whole.indicator = "trade_turnover"
                    whole.penalty *= 0.8
                    whole.notes.append(f"indicator: the article says {_said(whole)}, but a part of it "
                                       f"follows (\"trong đó ... {part.figure}\"), so read as total turnover")


def _said(m: Mention) -> str:
    words = re.findall(r"(?:tổng )?kim ngạch xuất khẩu(?: hàng hóa)?|xuất khẩu|nhập khẩu", m.sentence.text[:m.start], re.I)
    return f"\"{words[-1]}\"" if words else "exports"


def check_plausible_trade(m: Mention, catalog, reference) -> None:
    """A "xuất khẩu" figure far above known exports but close to known turnover is turnover.

    Compares the figure, annualised, with the reference's figures of the same or the
    previous year; renames only when turnover fits much better than the named indicator.
    """
    if reference is None or m.indicator not in R.TRADE_FAMILY or m.indicator == "trade_turnover":
        return
    if m.partner or m.product:  # one partner's or one product's trade is no national total
        return
    if "trade_turnover" not in catalog or len(reference) == 0:
        return
    period = m.period
    if period is None or period.year is None or not period.months:
        return
    value = m.value_in(catalog[m.indicator].unit) * 12 / period.months
    fits = {}
    for ind in R.TRADE_FAMILY:
        rows = reference[(reference["indicator"] == ind) & reference["year"].isin([period.year, period.year - 1])
                         & reference["months"].notna()]
        if len(rows):
            rates = [float(v) * 12 / float(mo) for v, mo in zip(rows["value"], rows["months"]) if mo]
            if rates:
                fits[ind] = min(abs(math.log(value / r)) for r in rates if r > 0) if value > 0 else 9.0
    own, total = fits.get(m.indicator), fits.get("trade_turnover")
    if own is not None and total is not None and own > math.log(1.4) and total < own / 2:
        m.notes.append(f"indicator: the article says {_said(m)}, but {format_value(m.value_in(R.FAMILY_UNIT[m.family]))} "
                       f"is close to known total turnover and far above known {m.indicator} for "
                       f"{period.year - 1}–{period.year}: read as total turnover; check")
        m.indicator = "trade_turnover"
        m.penalty *= 0.6


def inherit_growth(group: list[Mention], catalog) -> None:
    """A percent with no keyword of its own right after a level is that level's growth."""
    for i, m in enumerate(group):
        if m.indicator or m.family != "percent" or not i:
            continue
        before = group[i - 1]
        growth = R.GROWTH_OF.get(before.indicator)
        between = m.sentence.text[before.end:m.start]
        if growth in catalog and ";" not in between and re.search(r"\b(?:tăng|giảm)\b", between, re.I):
            m.indicator, m.score = growth, MIN_SCORE
            m.penalty *= 0.8
            m.notes.append(f"indicator: the growth of the figure before it ({before.figure})")


# --- periods and candidates ---------------------------------------------------------------

def report_month(article_date: date | None, published: str = "", year: int | None = None) -> tuple[int, int | None] | None:
    """The year and month the report is of (its date, else its `published` month or year): a year-to-date
    figure whose sentence names no year is of that year, or of the year before when its months end later."""
    if article_date:
        return article_date.year, article_date.month
    given = parse_partial_date(published or "")
    if given:
        return given[0].year, given[0].month if given[1] != "year" else None
    return None


def assign_periods(sentences: list[Sentence], by_sentence: dict[int, list[Mention]], year: int | None,
                   article_date: date | None, report: tuple[int, int | None] | None = None) -> None:
    """Set each mention's period, walking the article in order (see extract_periods)."""
    paragraph, para, context = -1, None, None
    later_year = None  # a headline before any year: the first year the article names after it
    context_months = None
    for s in sentences:
        if s.paragraph != paragraph:
            paragraph, para = s.paragraph, None
        marks = time_marks(s.text, article_date)
        for m in by_sentence.get(s.index, ()):
            m.period = resolve_period(s.text, marks, m.number_start, para, context, year, article_date, m.end, report)
            if (m.period.how == "context" and context_months and m.period.months == 12 and (m.partner or m.product)
                    and not R.STATUS_PATTERNS[0][0].search(s.text)):
                # a new paragraph with no time words of its own goes on with the article's span
                # ("Về thị trường, Hoa Kỳ là thị trường xuất khẩu lớn nhất ..." after "6 tháng đầu năm 2026")
                m.period = replace(m.period, months=context_months)
            if m.period.year is None:
                later_year = later_year or latest_year(x.text for x in sentences[s.index:s.index + 20]) or -1
                if later_year > 0:
                    m.period = replace(m.period, year=later_year, how="later text")
        spans = [mk for mk in marks if mk.kind in ("year", "partial", "quarter", "month", "date", "asof",
                                                     "fullyear", "since")]
        if spans:
            last = spans[-1]
            earlier = [mk.year for mk in spans if mk.year]
            months = last.months if last.kind in ("partial", "quarter", "fullyear", "year", "month") else 12
            if last.kind == "asof" and last.day:  # "tính đến hết tháng 11/2024": 11 months, if a month's end
                months = last.day.month if (last.day + timedelta(days=1)).day == 1 else None
            elif last.kind == "asof":  # "tính đến hết tháng 10" (no year)
                months = last.months
            ytd = report_year(months, report) if last.kind in ("partial", "quarter", "asof") and months \
                else None
            last_year = last.year or (earlier[-1] if earlier else None) or ytd or context
            if last_year:
                para = PeriodReading(last_year, months, None, "previous sentence")
                context = last_year
                context_months = months if last.kind in ("partial", "quarter", "asof") and months else None


def make_candidate(m: Mention, catalog, article_date, source_id) -> Candidate:
    """The observation row a reviewer will see for one mention."""
    ind = catalog.get(m.indicator)
    period: PeriodReading = m.period or PeriodReading(None, 12)
    notes = list(m.notes)
    negative = R.NEGATIVE_WHEN.get(m.indicator)
    if negative and not (m.partner or m.product) and negative.search(m.sentence.text[max(0, m.start - 60):m.start]):
        m.sign = -1  # (a partner's or product's balance is signed by extract/trade.py)
    value = m.sign * m.value_in(ind.unit if ind else R.FAMILY_UNIT[m.family])
    if m.sign < 0 or not math.isclose(value, m.number, rel_tol=1e-12):
        notes.insert(0, f"derived: {m.figure} = {format_value(value)} in the indicator's unit"
                     + (" (a decrease or deficit is negative)" if m.sign < 0 else ""))
    status = "target" if period.target and _status(m) == "actual" else _status(m)
    if period.restated:  # an earlier period's figure: only its own words give it a status
        status = _status_in(m.sentence.text[max(m.sentence.text.rfind(c, 0, m.start) for c in ",(;") + 1:m.start])
        notes.append(f"period: {period.year}, an earlier period restated beside the figure")
    usable = ind is not None
    if R.GOAL.search(m.sentence.text[max(0, m.start - 40):m.start]):
        usable = False
        notes.append("period: a goal the text heads for, not a figure of the period")
    year, months, as_of, how = period.year, period.months, "", period.how
    kind = ind.kind if ind else ""
    if kind in ("count", "stock") or (kind == "rank" and period.partial_in_sentence):
        as_of, year, note = _as_of(period, article_date, kind, status)
        months = None
        if note:
            notes.append(note)
    else:
        if kind == "rank":
            months = 12
        if period.unrepresentable:
            usable = False
            notes.append(f"period: {period.unrepresentable}")
        elif how == "previous sentence" and months != 12:
            notes.append(f"period: {months} months, read from the sentence before")
    confidence = min(0.35 + 0.12 * m.score, 0.95) if ind else 0.15
    confidence *= m.penalty * {"sentence": 1.0, "report": 0.9, "previous sentence": 0.9, "context": 0.8,
                               "article date": 0.8, "default": 0.6, "later text": 0.6}.get(how or "", 0.3)
    if how == "later text":
        notes.append(f"year: {year}, from the text after this sentence (a headline?)")
    if ind and ((ind.low is not None and value < ind.low) or (ind.high is not None and value > ind.high)):
        confidence *= 0.3
        notes.append(f"check: {format_value(value)} is outside {ind.id}'s plausible range")
    if year is None:
        confidence *= 0.5
        notes.append("year: not found; give the article's year")
    return Candidate(m.indicator, year, months, as_of, value, m.qualifier, status, source_id, m.sentence.text,
                     "; ".join(notes), round(max(0.01, min(confidence, 0.99)), 2), m.figure, m.alternatives,
                     m.sentence.index, usable, m.partner, m.product)


def _as_of(period: PeriodReading, article_date: date | None, kind: str, status: str = "actual") -> tuple[str, int | None, str]:
    """The date a count is as of: the date the text gives; a forecast's or target's year end ("năm 2026 sẽ là
    năm thứ 11"); the end of the months the sentence counts ("Trong 9 tháng năm 2026, ... 4 nước");
    the article's date for "hiện nay" or its own year; else the end of the year the text speaks of."""
    if period.as_of:
        return period.as_of.isoformat(), period.as_of.year, ""
    if status in ("forecast", "target") and period.year:
        return f"{period.year}-12-31", period.year, f"as_of: the end of {period.year}, the year the {status} is for"
    if (kind != "rank" and not period.now and period.year and period.months and period.months < 12
            and period.how == "sentence"):
        end = date(period.year, period.months, calendar.monthrange(period.year, period.months)[1])
        return end.isoformat(), period.year, f"as_of: the end of the {period.months} months the sentence counts"
    if article_date and (period.now or period.year is None or period.year >= article_date.year):
        return article_date.isoformat(), article_date.year, f"as_of: the article's date ({article_date.isoformat()})"
    if period.year and not (kind == "rank" and period.partial_in_sentence):
        why = f"the article is dated {article_date.isoformat()}" if article_date else "no article date given"
        return (f"{period.year}-12-31", period.year,
                f"as_of inferred: end of {period.year}, the year the text speaks of ({why})")
    return "", period.year, "as_of: unknown; give the article's date"


def _status(m: Mention) -> str:
    """The status word nearest before the figure in its clause. A clause after ";" with none takes the
    status of the clause before ("ước đạt 930,05 tỷ USD ...; trong đó xuất khẩu đạt 475,04 tỷ USD"), a
    sentence opening "Trong đó" that of the sentence before; an aside in brackets ("(cùng kỳ năm trước xuất siêu 7,63 tỷ USD)") has its own."""
    text = m.sentence.text
    start = text.rfind(";", 0, m.start) + 1
    bracket = text.rfind("(", start, m.start)
    if bracket >= 0 and text.find(")", bracket, m.start) < 0:
        return _status_in(text[bracket:m.start])
    status, clause = _status_in(text[start:m.start]), text[start:m.start]
    while status == "actual" and start > 0:
        previous = text.rfind(";", 0, start - 1) + 1
        before = text[previous:start - 1]
        if not (R.STATUS_PART.search(clause) or any(t.search(clause) and t.search(before) for t in R.STATUS_TOPICS)):
            break
        status, start, clause = _status_in(before), previous, before
    if status == "actual" and start == 0 and m.whole and R.STATUS_PART.search(clause):
        status = _status_in(m.whole)  # "... ước tăng 8,4%. Trong đó, ... đóng góp 7,3 điểm phần trăm"
    return status


def _status_in(window: str) -> str:
    best, where = "actual", -1
    for pattern, status in R.STATUS_PATTERNS:
        for found in pattern.finditer(window):
            if found.start() > where:
                best, where = status, found.start()
    return best


def dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per figure and period: articles repeat passages (the first is kept), and a
    rounded figure ("hơn 24 tỷ USD" in a headline) gives way to the precise one ("24,3 tỷ USD")."""
    seen: set = set()
    out = []
    for c in candidates:
        key = (c.indicator or c.figure, c.partner, c.product, c.year, c.months, c.as_of, c.value, c.status)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    exact: dict[tuple, list[float]] = {}
    for c in out:
        if c.indicator and c.qualifier == "exact" and c.value is not None:
            exact.setdefault((c.indicator, c.partner, c.product, c.year, c.months, c.as_of), []).append(c.value)
    return [c for c in out if not (c.indicator and c.qualifier != "exact" and c.value
                                   and any(_rounds_to(c, v) for v in exact.get((c.indicator, c.partner, c.product,
                                                                                  c.year, c.months, c.as_of), ())))]


def _rounds_to(c: Candidate, precise: float) -> bool:
    """Is `c` ("hơn 24", "khoảng 25", "gần 25") a rounding of `precise` (24.3)?"""
    close = abs(precise - c.value) <= 0.05 * abs(c.value)
    return close and {"over": precise >= c.value, "under": precise <= c.value}.get(c.qualifier, True)


# --- output ------------------------------------------------------------------------------

def to_csv(rows: list[dict[str, str]], columns, header: bool = True) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def candidates_csv(extraction: Extraction, header: bool = True) -> str:
    return to_csv(extraction.rows(), CANDIDATE_COLUMNS, header)


def events_csv(extraction: Extraction, header: bool = True) -> str:
    return to_csv([e.row() for e in extraction.events], EVENTS.columns, header)
