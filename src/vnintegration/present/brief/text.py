"""A Brief (core/brief.py) worded in Vietnamese or English: a `Doc` of sections of lines, each line a few runs of
text, some of them links (every number of the brief is one). The page, the plain text, the Markdown and the Word
document are all drawn from one Doc, so they say the same thing. Pure: no Streamlit.

Links are addresses the caller makes (`url_of(link) -> str`): the dashboard knows its pages' paths and its own
address, this module does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vnintegration.core import brief as B
from vnintegration.core.periods import Period
from vnintegration.present import formatting, i18n
from vnintegration.present.i18n import t


@dataclass(frozen=True)
class Run:
    text: str
    url: str = ""  # a link when set
    strong: bool = False


@dataclass(frozen=True)
class Line:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def links(self) -> tuple[Run, ...]:
        return tuple(r for r in self.runs if r.url)


@dataclass(frozen=True)
class Block:
    heading: str
    lines: tuple[Line, ...]
    note: str = ""  # the section's source, when its items share one


@dataclass(frozen=True)
class Doc:
    title: str
    intro: str
    blocks: tuple[Block, ...]
    sources: tuple[tuple[str, str], ...]  # (label, url) of each source cited, for the list at the end
    lang: str

    def links(self) -> list[Run]:
        return [r for b in self.blocks for line in b.lines for r in line.links]


UrlOf = Callable[[B.Link], str]


def value_text(figure: B.Figure, lang: str) -> str:
    """A figure as its source wrote it ("trên 514 tỷ USD", "8,02%", "9.395,2 triệu USD")."""
    return i18n.format_value(figure.value, figure.unit, figure.qualifier, lang)


def period_text(period: Period, lang: str) -> str:
    return period.label(lang)


def change_text(item: B.Item, lang: str) -> str:
    """The change against the previous figure, as the Overview writes it: pp for rates, % for flows (the absolute
    change where the base is not positive), a count for counts."""
    ch = item.change
    if ch is None:
        return ""
    unit = item.figure.unit
    if ch.unit == "rel" and ch.relative is None:
        return i18n.format_change(ch.absolute, "abs", unit, lang, None, ch.approximate)
    if ch.unit == "rel":
        return i18n.format_change(ch.relative, "rel", unit, lang, 1, ch.approximate)
    if ch.unit == "abs":
        return i18n.format_change(ch.absolute, "abs", unit, lang, None, ch.approximate)
    return i18n.format_change(ch.absolute, ch.unit, unit, lang, None, ch.approximate)


def source_text(brief: B.Brief, source_id: str, lang: str) -> str:
    row = brief.sources.get(source_id)
    return i18n.source_label(row, lang) if row else source_id


def _subject(item: B.Item, section: str, lang: str) -> str:
    if section == B.PARTNERS:
        key = f"brief_level_{item.subject}" if item.subject in ("csp", "sp", "cp") else f"brief_{item.subject}"
        return t(key, lang)
    return item.name[0 if lang == "vi" else 1] or item.subject


def _comparison(item: B.Item, lang: str, url_of: UrlOf, show_period: bool = True) -> list[Run]:
    """"; năm 2024: [7,04%], +0,98 điểm %" or "; không có số cùng kỳ để so sánh"."""
    if item.previous is None:
        return [Run("; " + t("brief_no_comparable", lang))]
    prev = item.previous
    label = f"; {period_text(prev.period, lang)}: " if show_period else "; "
    runs = [Run(label), Run(value_text(prev, lang), url_of(prev.link))]
    change = change_text(item, lang)
    if change:
        runs.append(Run(f", {change}"))
    return runs


def _status(figure: B.Figure, lang: str) -> str:
    return "" if figure.status == "actual" else f" ({i18n.status_word(figure.status, lang)})"


def _headline_line(brief: B.Brief, item: B.Item, lang: str, url_of: UrlOf) -> Line:
    fig = item.figure
    runs = [Run(f"{_subject(item, B.HEADLINE, lang)}, {period_text(fig.period, lang)}: ", strong=True),
            Run(value_text(fig, lang), url_of(fig.link)), Run(_status(fig, lang))]
    runs += _comparison(item, lang, url_of)
    runs.append(Run(f". {source_text(brief, fig.source_id, lang)}"))
    return Line(tuple(r for r in runs if r.text))


def _ranked_line(item: B.Item, lang: str, url_of: UrlOf) -> Line:
    fig = item.figure
    runs = [Run(f"{item.rank}. {_subject(item, '', lang)}: ", strong=True), Run(value_text(fig, lang), url_of(fig.link))]
    if item.share is not None:
        runs.append(Run(" (" + t("brief_share", lang, share=formatting.number(item.share, lang, 1) + "%") + ")"))
    runs += _comparison(item, lang, url_of)
    return Line(tuple(runs))


def _count_line(item: B.Item, lang: str, url_of: UrlOf) -> Line:
    fig = item.figure
    runs = [Run(f"{_subject(item, B.PARTNERS, lang)}: ", strong=True), Run(value_text(fig, lang), url_of(fig.link))]
    runs += _comparison(item, lang, url_of)
    return Line(tuple(runs))


def worded(brief: B.Brief, lang: str, url_of: UrlOf) -> Doc:
    """The brief in LANG, every number a link (URL_OF gives each Link's address)."""
    blocks = []
    cited: dict[str, str] = {}
    for section in brief.sections:
        note = ""
        if section.key == B.HEADLINE:
            heading = t("brief_headline", lang)
            lines = [_headline_line(brief, item, lang, url_of) for item in section.items]
        elif section.key == B.PARTNERS:
            day = section.period.as_of if section.period is not None else None
            heading = t("brief_partners", lang, date=i18n.format_date(day, lang))
            lines = [_count_line(item, lang, url_of) for item in section.items]
            note = "; ".join(dict.fromkeys(
                [t("brief_levels_source", lang)]
                + [source_text(brief, i.figure.source_id, lang) for i in section.items if i.figure.source_id]))
        else:
            year = section.period.year if section.period is not None else ""
            heading = t(f"brief_{section.key}", lang, year=year)
            lines = [_ranked_line(item, lang, url_of) for item in section.items]
            note = source_text(brief, section.source_id, lang) if section.source_id else ""
        for item in section.items:
            for fig in item.figures():
                if fig.source_id:
                    cited.setdefault(fig.source_id, url_of(B.Link.source(fig.source_id)))
        blocks.append(Block(heading, tuple(lines), note))
    sources = tuple((_source_entry(brief, sid, lang), url) for sid, url in sorted(cited.items()))
    title = t("brief_title", lang)
    intro = t("brief_span_" + brief.span, lang) + ". " + t("brief_generated", lang)
    return Doc(title, intro, tuple(blocks), sources, lang)


def _source_entry(brief: B.Brief, source_id: str, lang: str) -> str:
    """"Publisher, date: title" (the title whole, where the short label would cut it)."""
    row = brief.sources.get(source_id, {})
    title = str(row.get("source_title") or "")
    if not row.get("publisher"):
        published = i18n.format_partial_date(str(row.get("published") or ""), lang)
        return ", ".join(p for p in (title or source_id, published) if p)
    label = source_text(brief, source_id, lang)
    return f"{label}: {title}" if title and title != label else label
