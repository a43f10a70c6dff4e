""""About this data" and citations in the reader's language: what a figure measures, who published it (with a link
to the exact report or dataset page), its series code, vintage, what the app computes and what it covers.

    citation(row, "vi")   -> "Tổng cục Thống kê, Báo cáo tình hình KT-XH quý II và 6 tháng 2026"
    citation(row, "en")   -> "World Bank, World Development Indicators (Jul 2026), NY.GDP.MKTP.KD.ZG"
    quote_text(row, lang) -> an article's verbatim words; a dataset figure's series or report name (never a locator)
    indicator_about(meta, rows, lang, transform) -> About: labelled plain-text lines and the links to the publishers
    source_line(rows, lang) -> "Nguồn: …": the line under a chart, one citation per source

Everything returned is plain text (data included): the dashboard shows it as text (st.text, or safe_text where
Markdown renders) and never as HTML. Reader-facing text names no file, no column locator
(`export:total_ytd_usd_bn`) and no repository: the mirror and commit a dataset was copied from are provenance,
kept for the Sources page's source list. Pure: no Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from vnintegration.present.formatting import unit_label
from vnintegration.present.i18n import PUBLISHERS, format_partial_date, pick, t

__all__ = ["About", "Link", "citation", "figure_link", "indicator_about", "publisher_name", "quote_text", "report_of",
           "source_line", "partner_citation", "is_http"]

# A series code as its publisher writes it (NY.GDP.MKTP.KD.ZG); the project's own codes (GSO.*, DERIVED.*) and
# figure locators (export:total_ytd_usd_bn) are not shown to readers.
_SERIES_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:\.[A-Z0-9]+)+")
_OWN_CODES = ("GSO.", "DERIVED.")
# A GSO report row's note: "[derived: ... ]GSO/NSO Báo cáo tình hình KT-XH quý II ... 2026[ (tệp ...)]: https://..."
_REPORT = re.compile(r"(?:^|\.\s+)(?:GSO/NSO\s+)?(Báo cáo[^:]*?)\s*(?:\([^)]*\))?:\s*(https?://\S+)\s*$")
_HTTP = re.compile(r"https?://[^\s<>\"'`]+")


def is_http(url) -> bool:
    """An address a reader may follow: http(s), no space, quote or angle bracket (core/validate.py's rule)."""
    return isinstance(url, str) and bool(_HTTP.fullmatch(url))


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class About:
    """One indicator's "About this data": its name, labelled lines (label, text) and links to the publishers."""

    name: str
    lines: tuple[tuple[str, str], ...]
    links: tuple[Link, ...] = ()

    @property
    def url(self) -> str | None:
        return self.links[0].url if self.links else None

    def text(self) -> str:
        """Every line as "label: text", one a line (tests, and a plain-text copy)."""
        return "\n".join(f"{label}: {text}" for label, text in self.lines)


def _get(row, key: str) -> str:
    value = row.get(key) if hasattr(row, "get") else None
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def publisher_name(publisher: str, lang: str) -> str:
    """A publisher in the reader's language ("Tổng cục Thống kê", "World Bank"); as written when not in the table."""
    return pick(PUBLISHERS, publisher, lang) if publisher in PUBLISHERS else publisher


def report_of(row) -> tuple[str, str] | None:
    """(report name, its address) of a figure from GSO's report extracts: the row's own report, from its note."""
    found = _REPORT.search(_get(row, "note"))
    return (found.group(1).strip(), found.group(2)) if found else None


def dataset_title(row, lang: str) -> str:
    """A dataset's name as a reader cites it: its title before the colon, the reader's side of a "vi / en" title,
    without a parenthesis ("World Development Indicators", "Niên giám Thống kê")."""
    title = _get(row, "source_title").split(":")[0].strip()
    if " / " in title:
        vi, en = title.split(" / ", 1)
        title = vi if lang == "vi" else en
    title = re.sub(r"\s*\([^()]*\)\s*$", "", title).strip()
    return title.rstrip(",")


def vintage(row, lang: str) -> str:
    """When the source published the figure: a dataset's update, a report's own name, an article's date."""
    report = report_of(row)
    if report is not None:
        return report[0]
    return format_partial_date(_get(row, "published"), lang)


def series_code(row) -> str:
    """The publisher's series code of a dataset figure, or "" (an article, a locator, the project's own code)."""
    quote = _get(row, "quote")
    if _get(row, "source_kind") != "dataset" or not _SERIES_CODE.fullmatch(quote) or quote.startswith(_OWN_CODES):
        return ""
    return quote


def citation(row, lang: str, code: bool = True) -> str:
    """The source of one figure as a reader cites it, in the reader's language."""
    publisher = publisher_name(_get(row, "publisher"), lang)
    if _get(row, "source_kind") != "dataset":
        title, date = _get(row, "source_title"), format_partial_date(_get(row, "published"), lang)
        parts = [p for p in (publisher, f"“{title}”" if title else "", date) if p]
        return ", ".join(parts) or _get(row, "source_id")
    report = report_of(row)
    if report is not None:
        return f"{publisher}, {report[0]}"
    when = format_partial_date(_get(row, "published"), lang)
    text = f"{publisher}, {dataset_title(row, lang)}" + (f" ({when})" if when else "")
    number = series_code(row) if code else ""
    return f"{text}, {number}" if number else text


def source_citation(row, lang: str) -> str:
    """The source as a whole (not one report of it): the line under a chart that draws many of its figures."""
    if _get(row, "source_kind") != "dataset":
        return citation(row, lang)
    when = "" if report_of(row) is not None else format_partial_date(_get(row, "published"), lang)
    text = f"{publisher_name(_get(row, 'publisher'), lang)}, {dataset_title(row, lang)}"
    return text + (f" ({when})" if when else "")


def figure_link(row, lang: str) -> Link | None:
    """The exact page of a figure: its report's own address, else its source's (article or dataset page)."""
    report = report_of(row)
    url = report[1] if report is not None else _get(row, "url")
    if not is_http(url):
        return None
    name = report[0] if report is not None else (dataset_title(row, lang) if _get(row, "source_kind") == "dataset"
                                                else _get(row, "source_title") or url)
    publisher = publisher_name(_get(row, "publisher"), lang)
    label = f"{publisher}: {name}" if publisher and publisher not in name else name
    return Link(t("about_open", lang, label=label), url)


def quote_text(row, lang: str) -> str:
    """What a reader is shown as a figure's "quote": an article's verbatim words; for a dataset figure its series
    or report name (never the locator the validator reads)."""
    if _get(row, "source_kind") != "dataset":
        return _get(row, "quote")
    return citation(row, lang)


def _years(rows: pd.DataFrame) -> str:
    years = sorted({int(y) for y in rows["year"]})
    return (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])) if years else ""


def _computed(indicator: str, rows: pd.DataFrame, lang: str, transform: str) -> str:
    parts = [t({"yoy": "about_yoy", "ytd": "about_ytd", "change": "about_change"}.get(transform, "about_level"), lang)]
    notes = rows["note"].fillna("").astype(str) if "note" in rows else pd.Series(dtype=str)
    quotes = rows["quote"].fillna("").astype(str) if "quote" in rows else pd.Series(dtype=str)
    if notes.str.startswith("derived:").any() or quotes.str.startswith("DERIVED.").any():
        key = f"about_derived_{indicator}"
        try:
            parts.append(t(key, lang))
        except KeyError:
            parts.append(t("about_derived", lang))
    return "; ".join(parts)


def indicator_about(meta, rows: pd.DataFrame, lang: str, transform: str = "level", breaks=(),
                    preferred: str = "") -> About:
    """"About this data" for one indicator: META its catalogue row (name, description, unit), ROWS the figures shown
    (enriched: source columns beside each), TRANSFORM what the view computes ("level", "yoy", "ytd", "change"),
    BREAKS the years its definition changes, PREFERRED the official source's id (said when it is among several)."""
    name = _get(meta, "name_vi" if lang == "vi" else "name_en")
    lines: list[tuple[str, str]] = []
    definition = _get(meta, "description_vi" if lang == "vi" else "description_en")
    if definition:
        lines.append((t("about_definition", lang), definition))
    unit = _get(meta, "unit")
    if unit:
        lines.append((t("about_unit", lang), unit_label(unit, lang)))
    links: list[Link] = []
    coverage: list[str] = []
    codes: list[str] = []
    vintages: list[str] = []
    if len(rows):
        newest_first = rows.sort_values(["end", "source_id"], ascending=[False, True], kind="mergesort") \
            if "end" in rows else rows
        by_source = list(dict.fromkeys(newest_first["source_id"]))
        if preferred in by_source:  # the official source first
            by_source.remove(preferred)
            by_source.insert(0, preferred)
        for source in by_source:
            srows = newest_first[newest_first["source_id"] == source]
            first = srows.iloc[0]
            several = len(srows) > 1 and report_of(first) is not None
            cite = source_citation(first, lang) if several or len(srows) > 1 else citation(first, lang, code=False)
            lines.append((t("about_source", lang), cite))
            link = figure_link(first, lang)
            if link is not None and link.url not in {x.url for x in links}:
                links.append(link)
            code = series_code(first)
            if code and code not in codes:
                codes.append(code)
            when = vintage(first, lang)
            if when:
                vintages.append(f"{publisher_name(_get(first, 'publisher'), lang) or cite}: {when}"
                                if len(by_source) > 1 else when)
            if len(srows) > 1 or len(by_source) > 1:
                coverage.append(f"{publisher_name(_get(first, 'publisher'), lang) or cite}: "
                                + (t("about_figures", lang, years=_years(srows), n=len(srows)) if len(srows) > 1
                                   else _years(srows)))
        if codes:
            lines.append((t("about_series", lang), ", ".join(codes)))
        if vintages:
            lines.append((t("about_vintage", lang), "; ".join(vintages)))
        if preferred and len(by_source) > 1 and preferred in by_source:
            official = citation(newest_first[newest_first["source_id"] == preferred].iloc[0], lang, code=False)
            lines.append((t("about_official_label", lang), t("about_official", lang, source=official)))
    lines.append((t("about_computed", lang), _computed(_get(meta, "id") or _get(meta, "indicator"), rows, lang,
                                                     transform)))
    if len(rows) and "span" in rows and (rows["span"] == "partial").any() and transform != "ytd":
        coverage.append(t("about_partial", lang))
    if len(rows) and "status" in rows and (rows["status"] == "estimate").any():
        coverage.append(t("about_estimates", lang))
    if breaks:
        coverage.append(t("about_break", lang, years=", ".join(map(str, breaks))))
    if coverage:
        lines.append((t("about_coverage", lang), "; ".join(coverage)))
    return About(name, tuple(lines), tuple(links))


def source_line(rows: pd.DataFrame, lang: str, limit: int = 4) -> str:
    """The source line under a chart: each source drawn, cited in the reader's language."""
    if rows is None or not len(rows):
        return ""
    firsts = rows.drop_duplicates("source_id") if "source_id" in rows else rows
    cites = list(dict.fromkeys(source_citation(r, lang) for r in firsts.to_dict("records")))
    text = "; ".join(cites[:limit]) + (f"; +{len(cites) - limit}" if len(cites) > limit else "")
    return t("sources_under_chart", lang, sources=text)


PARTNER_CITATIONS = ("fdi", "imf", "fta", "levels")


def partner_citation(key: str, lang: str) -> str:
    """The Partners page's citation of one of its extracts (core/partners.py SOURCES' keys), in the reader's language."""
    return t(f"cite_partner_{key}", lang)
