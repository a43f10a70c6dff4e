"""Nothing from a URL or from data is rendered as Markdown, HTML or LaTeX.

Payloads (a remote image, a link, raw HTML, LaTeX, Streamlit's coloured text) go through every URL parameter
(pure: the parsers and the notice lines) and every text column of the data (AppTest: the pages that show them).
Rendered means: a Markdown-reading element holds the payload's markup unescaped. The browser side (no <img> or
<a> from a payload in the DOM) is tests/browser/test_pages_browser.py.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from tests.conftest import ARTICLE, MINI, ROOT, csv_text, plotly_spec
from tests.corpus import BIDI

from vnintegration.core.validate import validate_dir
from vnintegration.dashboard import urls, views
from vnintegration.dashboard.registry import PAGES
from vnintegration.present.export import format_free_frame, plot_text, safe_text, strip_format_chars

PAYLOADS = [
    "![](http://attacker.example/p.png)",
    "[official notice](http://attacker.example/login)",
    "<img src=http://attacker.example/p.png>",
    "$$\\color{red}{\\text{official}}$$",
    "**OFFICIAL** :red[notice] # head",
    "<a href='javascript:alert(1)'>x</a>",
]
# Markup from a payload that reached a Markdown-reading element unescaped.
# (The Sources page links a validated source url, here https://example.org, as [url](<url>).)
MARKUP = re.compile(r"(?<!\\)(?:<(?:img|a|script)\b|!\[|\](?!\(<https://example\.org>\))\(|\$|:red\[|"
                    r"attacker\.example|(?<!<)https?://)", re.IGNORECASE)


def as_read(text: str) -> str:
    """Escaped Markdown as a reader sees it (the escapes taken out)."""
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL).replace("\u2060", "")  # escapes and word joiners out


def markup_in(text: str) -> list[str]:
    return MARKUP.findall(text)


@given(st.text(max_size=200))
def test_safe_text_escapes_every_ascii_punctuation_mark(text):
    out, at = safe_text(text), 0
    while at < len(out):
        if out[at] == "\\":
            at += 2  # an escape and the character it escapes
            continue
        assert out[at] not in string.punctuation, (text, out)
        at += 1
    assert as_read(out) == strip_format_chars(text).replace("\u2060", "")  # as written, less invisible characters


# The characters that reorder text or hide in it (a bidi override makes "\u202egnp.exe" read "exe.png").
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\ufeff\U000e0000-\U000e007f]")


def test_every_format_and_control_character_is_stripped():
    """strip_format_chars' written-out class against this Python's Unicode database: every format character (Cf)
    and control character but tab and line breaks goes; nothing else that Unicode has assigned does."""
    kept = "\t\n\r"
    for code in range(0x110000):
        ch = chr(code)
        category = unicodedata.category(ch)
        stripped = strip_format_chars("a" + ch + "b") == "ab"
        if category == "Cf" or (category == "Cc" and ch not in kept):
            assert stripped, hex(code)
        elif category not in ("Cn", "Cs"):
            assert not stripped, (hex(code), category)


@given(st.text(max_size=100))
def test_format_chars_go_and_nothing_else(text):
    out = strip_format_chars(text)
    assert not BIDI_CONTROLS.search(out) and not BIDI_CONTROLS.search(safe_text(text)) and \
        not BIDI_CONTROLS.search(plot_text(text))
    assert out == "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") or ch in "\t\n\r")


def test_a_table_loses_format_characters_in_text_cells_and_names_only():
    import pandas as pd

    frame = pd.DataFrame({"name\u202e": ["\u202egnp.exe", None, "Việt Nam"], "value": [1.5, 2.0, None]})
    shown = format_free_frame(frame)
    assert list(shown.columns) == ["name", "value"] and shown["name"].tolist()[::2] == ["gnp.exe", "Việt Nam"]
    assert pd.isna(shown["name"].iloc[1]) and shown["value"].equals(frame["value"])
    assert frame.iloc[0, 0] == "\u202egnp.exe"  # the caller's frame is left as it was
    assert format_free_frame(shown) is shown  # nothing to clean: the same frame


def test_plot_text_leaves_no_tag():
    for payload in PAYLOADS:
        assert markup_in(payload), payload  # the detector sees each payload's markup
        assert "<" not in plot_text(payload) and ">" not in plot_text(payload)


def all_notices(page, params) -> list[urls.Notice]:
    years = (2000, 2024)
    if page.name == "trends":
        return views.parse_trends(params, ["gdp_growth"], years, ["gdp_growth"], series=["articles"])[1]
    if page.name == "compare":
        return views.parse_compare(params, [2023, 2024])[1]
    if page.name == "sources":
        return views.parse_sources(params, ["gdp_growth"], ["art"], [2024], [2])[1]
    return views.parse_page(params, page.name)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_parameter_name_and_value_is_echoed_as_plain_short_text(page):
    params = {name: PAYLOADS[n % len(PAYLOADS)] for n, name in enumerate(page.params)}
    params |= {payload + "x" * 200: payload for payload in PAYLOADS}  # payloads as names, long names
    params |= {f"zz{n}": "y" * 5000 for n in range(30)}  # many bad parameters
    notices = all_notices(page, params) + views.parse_lang({"lang": PAYLOADS[0]})[1]
    assert len(notices) > urls.MAX_NOTICES
    for lang in ("vi", "en"):
        lines = urls.notice_lines(notices, lang)
        assert len(lines) == urls.MAX_NOTICES + 1, lines
        for line in lines:
            assert "\n" not in line and len(line) < 200, line
            assert not markup_in(safe_text(line)), line


def test_a_bidi_control_in_a_url_value_or_name_does_not_reorder_the_notice():
    notices = views.parse_page({"zz\u202e": "\u202egnp.exe", "\u2067x": "\u200fy"}, "overview")
    for lang in ("vi", "en"):
        lines = urls.notice_lines(notices, lang)
        assert "zz=gnp.exe" in lines[0] and "x=y" in lines[1], lines
        assert not any(BIDI_CONTROLS.search(line) for line in lines)


def test_notice_names_are_cut_like_values():
    text = urls.Notice("n" * 500 + "\n# x", "v" * 500, "unknown_param").text("en")
    assert len(text) < 120 and "\n" not in text


def test_a_javascript_url_is_an_error_on_its_line(tmp_path):
    root = write(tmp_path, url="javascript:alert(1)")
    problems = [(p.file, p.line, p.column, p.code) for p in validate_dir(root).report.errors]
    assert ("sources.csv", 2, "url", "bad-url") in problems, problems


def test_a_web_url_is_accepted(tmp_path):
    root = write(tmp_path, url="https://example.org/a?b=1")
    assert not [p for p in validate_dir(root).report.errors if p.code == "bad-url"]


# ---------------------------------------------------------------------------------------------- data text


def write(tmp_path, url: str = "", payload: str | None = None):
    """The mini data directory; with `payload`, in every text column a reader sees (the quote too: the
    article then holds it, as a verbatim quote must)."""
    tables = {name: [list(row) for row in rows] for name, rows in MINI.items()}
    article = ARTICLE
    if payload is not None:
        article += "GDP tăng 7,09% " + payload + "\n"
        ind = tables["indicators.csv"]
        for column in ("name_vi", "name_en", "description_vi", "description_en"):
            ind[1][ind[0].index(column)] = f"{column} {payload}"
        obs = tables["observations.csv"]
        obs[1][obs[0].index("quote")] = "GDP tăng 7,09% " + payload
        obs[1][obs[0].index("note")] = "note " + payload
        src = tables["sources.csv"]
        src[1][src[0].index("title")] = "title " + payload
        src[1][src[0].index("publisher")] = "pub " + payload
        ev = tables["events.csv"]
        for column in ("code", "title_vi", "title_en"):
            ev[1][ev[0].index(column)] = payload
    tables["sources.csv"][1][tables["sources.csv"][0].index("url")] = url
    root = tmp_path / "data"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "art.txt").write_text(article, encoding="utf-8")
    for name, rows in tables.items():
        (root / name).write_text(csv_text(rows), encoding="utf-8")
    return root


def markdown_texts(at: AppTest) -> list[str]:
    """Every string of the run that Streamlit reads as Markdown."""
    texts = [e.value for kind in ("markdown", "caption", "title", "subheader", "header", "info", "warning", "error",
                                  "success") for e in getattr(at, kind)]
    texts += [m.proto.label for m in at.metric] + [m.proto.help for m in at.metric]
    texts += [e.proto.label for e in at.get("page_link")]
    return texts


def page_on_data(root, monkeypatch, page: str, params: dict) -> AppTest:
    """PAGE at PARAMS, the app serving the data directory ROOT; run without an exception."""
    monkeypatch.setenv("VNI_DATA_DIR", str(root))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page != "overview":
        at.query_params.clear()
        at.query_params.update(params)
        at.switch_page(f"src/vnintegration/dashboard/pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page, params", [("overview", {}), ("sources", {"fig": "2"}),
                                          ("trends", {"view": "table", "ind": "gdp_growth"})])
def test_data_text_is_never_rendered(tmp_path, monkeypatch, page, params):
    payload = " ".join(PAYLOADS)
    root = write(tmp_path, url="https://example.org", payload=payload)
    ds = validate_dir(root)
    assert not ds.report.errors and len(ds.observations) == 5, ds.report.errors
    at = page_on_data(root, monkeypatch, page, params)
    texts = markdown_texts(at)
    assert any("attacker" in text for text in texts), texts  # the payload is on the page, as text
    found = {text: markup_in(text) for text in texts if markup_in(text)}
    assert not found, found


@pytest.mark.parametrize("page, params", [("overview", {}), ("sources", {"fig": "2"}),
                                          ("trends", {"ind": "gdp_growth", "ev": "1"})])
def test_data_text_is_shown_without_bidi_controls(tmp_path, monkeypatch, page, params):
    """Data text with bidi controls and zero-width characters: valid, and every Markdown text and chart of the page
    shows it without them (safe_text, plot_text)."""
    root = write(tmp_path, url="https://example.org", payload=" ".join(BIDI.values()))
    ds = validate_dir(root)
    assert not ds.report.errors and len(ds.observations) == 5, ds.report.errors
    at = page_on_data(root, monkeypatch, page, params)
    texts = markdown_texts(at) + [json.dumps(plotly_spec(c), ensure_ascii=False) for c in at.get("plotly_chart")]
    assert any("gnp" in as_read(text) for text in texts), texts  # the data text is on the page
    found = [text for text in texts if BIDI_CONTROLS.search(text)]
    assert not found, found[:3]
