"""core/brief.py on the bundled data: the brief's numbers are the data's, compared like for like, every figure linked
to its source; and present/brief/: the text, the Markdown (escaped) and the Word document (read back by python-docx,
with the same numbers and links)."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from vnintegration.core import analysis
from vnintegration.core import brief as B
from vnintegration.core import partners as P
from vnintegration.core import trade as TR
from vnintegration.core.load import DataFiles
from vnintegration.core.periods import Period
from vnintegration.core.validate import validate_dir
from vnintegration.present.brief import render, text

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def data():
    ds = validate_dir(DATA)
    files = DataFiles.from_dir(DATA)
    frame = analysis.enrich(ds)
    partners = P.read_partners(files)
    trade = TR.load(files, ds.observations, TR.partner_statistics_of(ds.observations))
    return ds, frame, partners, trade


@pytest.fixture(scope="module")
def brief(data):
    ds, frame, partners, trade = data
    return B.build(frame, ds.indicators, ds.sources, partners, trade)


def url_of(link: B.Link) -> str:
    return "https://example.org/" + link.page + "?" + "&".join(f"{k}={v}" for k, v in link.params)


def test_the_brief_has_every_section_the_data_allow(brief):
    keys = [s.key for s in brief.sections]
    assert keys == [B.HEADLINE, B.PARTNERS, B.INVESTORS, B.EXPORTS, B.IMPORTS]
    assert all(s.items for s in brief.sections)


def test_headline_figures_are_the_rows_they_link_to(brief, data):
    _, frame, _, _ = data
    rows = frame.set_index("_line")
    for item in brief.section(B.HEADLINE).items:
        for figure in item.figures():
            assert figure.link == B.Link.figure(figure.line)
            row = rows.loc[figure.line]
            assert row["indicator"] == item.subject
            assert figure.value == pytest.approx(float(row["value"]))
            assert figure.period == Period.of(row)
            assert figure.source_id == row["source_id"]


def test_headline_figures_are_the_overviews_cards(brief, data):
    ds, frame, _, _ = data
    heads = [i for i in ds.indicators.index if bool(ds.indicators.loc[i, "headline"])]
    cards = {c.indicator: c for c in analysis.latest_figures(frame, heads, analysis.NEWEST)}
    items = brief.section(B.HEADLINE).items
    assert {i.subject for i in items} == set(cards)
    for item in items:
        assert item.figure.line == int(cards[item.subject].row["_line"])


def test_comparisons_are_like_for_like(brief):
    compared = 0
    for section in brief.sections:
        for item in section.items:
            if item.previous is None:
                continue
            compared += 1
            now, then = item.figure.period, item.previous.period
            assert now.same_span(then)  # never a part year against a full year
            if now.months is not None:
                assert then.year == now.year - 1  # the same months a year earlier
            else:
                assert then.as_of < now.as_of
            assert item.change is not None
            assert item.change.absolute == pytest.approx(item.figure.value - item.previous.value)
    assert compared >= 15
    partial = [i for i in brief.section(B.HEADLINE).items if i.figure.period.partial]
    assert partial and all(i.previous is None or i.previous.period.months == i.figure.period.months for i in partial)


def test_a_part_year_is_never_compared_with_a_full_year(data):
    ds, frame, _, _ = data
    rows = frame[frame["indicator"] == "exports"]
    newest = rows[rows["year"] == rows["year"].max()]
    # Leave only full years before the newest part year: the card has no comparable base.
    kept = frame[(frame["indicator"] != "exports") | (frame["year"] == newest["year"].max()) | (frame["months"] == 12)]
    kept = kept[~((kept["indicator"] == "exports") & (kept["year"] == newest["year"].max() - 1)
                  & (kept["months"] != 12))]
    built = B.build(kept, ds.indicators, ds.sources)
    item = next(i for i in built.section(B.HEADLINE).items if i.subject == "exports")
    if item.figure.period.partial:
        assert item.previous is None and item.change is None


def test_partner_counts_are_the_partnership_table_on_the_day(brief, data):
    _, _, partners, _ = data
    section = brief.section(B.PARTNERS)
    day = section.period.as_of
    assert day == B.partners_day(partners)
    counts = P.counts_on(partners.partnerships, day)
    by_subject = {i.subject: i for i in section.items}
    for level in P.LEVELS:
        assert by_subject[level].figure.value == counts[level]
        assert by_subject[level].figure.link.page == "partners"
    assert by_subject[B.FTA_PARTNERS].figure.value == len(P.fta_counts_on(partners, day))
    assert by_subject[B.FTA_LINES].figure.value == B.fta_lines_on(partners, day)
    assert by_subject[B.FTA_LINES].figure.link == B.Link.source(B.FTA_LIST_SOURCE)


def test_top_investors_are_the_yearbook_s(brief, data):
    _, _, partners, _ = data
    section = brief.section(B.INVESTORS)
    year = P.fdi_years(partners)[1]
    table = P.top_investors(partners, year, year, B.TOP)
    assert [i.subject for i in section.items] == list(table["partner"])
    assert [i.figure.value for i in section.items] == pytest.approx(list(table["capital"]))
    assert all(i.figure.link == B.Link.source(B.FDI_SOURCE) and i.figure.period == Period(year, 12)
               for i in section.items)


def test_top_markets_are_dots_latest_year(brief, data):
    _, _, _, trade = data
    for key, flow in ((B.EXPORTS, "export"), (B.IMPORTS, "import")):
        section = brief.section(key)
        year = B.markets_year(trade, flow)
        table = TR.markets(trade, TR.DOTS_SOURCE, year, flow).head(B.TOP)
        assert [i.subject for i in section.items] == list(table["partner"])
        assert [i.figure.value for i in section.items] == pytest.approx(list(table["value"]))
        assert [i.share for i in section.items] == pytest.approx(list(table["share"]))
        assert all(i.figure.link == B.Link.source(TR.DOTS_SOURCE) for i in section.items)


def test_without_partner_or_trade_data_the_brief_is_the_headline(data):
    ds, frame, _, _ = data
    built = B.build(frame, ds.indicators, ds.sources, None, TR.empty())
    assert [s.key for s in built.sections] == [B.HEADLINE]
    empty = B.build(frame.iloc[0:0], ds.indicators, ds.sources)
    assert empty.sections == ()


def test_every_figure_has_a_link_and_every_link_a_figure(brief):
    for lang in ("vi", "en"):
        doc = text.worded(brief, lang, url_of)
        figures = list(brief.figures())
        assert len(doc.links()) == len(figures) and all(f.link for f in figures)
        assert [r.text for r in doc.links()] == [text.value_text(f, lang) for f in figures]
        assert [r.url for r in doc.links()] == [url_of(f.link) for f in figures]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_text_and_markdown_hold_every_number(brief, lang):
    doc = text.worded(brief, lang, url_of)
    plain, markdown = render.to_text(doc), render.to_markdown(doc)
    for run in doc.links():
        assert run.text in plain
        assert f"[{render.md_escape(run.text)}](<{run.url}>)" in markdown
    assert "[1] https://example.org/" in plain


def test_markdown_escapes_the_data():
    hostile = "*x* [a](javascript:alert(1)) <script> 1. `code` $x$ _y_ | #"
    line = text.Line((text.Run(hostile, strong=True), text.Run("1. " + hostile), text.Run(hostile, "https://e.org/x y")))
    out = render.md_line(line)
    assert "<script>" not in out and "[a](" not in out and "`code`" not in out
    assert "https://e.org/x%20y" in out
    doc = text.Doc("t", "1. intro", (text.Block("h", (line,), "n"),), (), "en")
    assert "\n1\\. intro" in render.to_markdown(doc)


def test_html_escapes_the_data():
    hostile = '<img src=x onerror=alert(1)> "q" &amp;'
    line = text.Line((text.Run(hostile, strong=True), text.Run(hostile, "javascript:alert(1)"),
                      text.Run(hostile, "https://e.org/?a=1&b=2")))
    out = render.html_line(line)
    assert "<img" not in out and 'href="javascript' not in out
    assert 'href="https://e.org/?a=1&amp;b=2"' in out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_word_document_reads_back_with_the_same_numbers(brief, lang):
    import docx

    doc = text.worded(brief, lang, url_of)
    data = render.to_docx(doc)
    document = docx.Document(io.BytesIO(data))
    links = [(h.text, h.address) for p in document.paragraphs for h in p.hyperlinks]
    numbers = [(r.text, r.url) for r in doc.links()]
    assert Counter(link for link in links if link not in set(doc.sources)) == Counter(numbers)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == doc.title and [b.heading for b in doc.blocks] == headings[1:-1]
    body = "\n".join(p.text for p in document.paragraphs)
    for figure in brief.figures():
        assert text.value_text(figure, lang) in body


def test_the_word_document_takes_any_text():
    doc = text.Doc("a\x00b\x1f", "intro \x0b", (text.Block("h\x01", (text.Line((text.Run("x\x02", "https://e.org"),)),)),),
                   (), "vi")
    import docx

    document = docx.Document(io.BytesIO(render.to_docx(doc)))
    assert document.paragraphs[0].text == "ab"


def test_partners_day_is_the_end_of_the_latest_year(data):
    _, _, partners, _ = data
    day = B.partners_day(partners)
    assert (day.month, day.day) == (12, 31)
    assert day.year == max(partners.partnerships["start"].max().year, partners.pairs["in_force"].max().year)
    assert isinstance(day, pd.Timestamp)
