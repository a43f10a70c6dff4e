"""A worded brief (text.Doc) as plain text, as Markdown and as a Word document. Pure: no Streamlit.

- plain text: each number followed by a reference, `8,02% [1]`, the addresses listed at the end;
- Markdown: each number a link `[8,02%](<address>)`; every piece of text from the data escaped, so a name such
  as `*x*` or `[a](b)` stays text;
- Word (.docx, python-docx): a title, a heading per section, a paragraph per line, each number a hyperlink.
"""

from __future__ import annotations

import html
import io
import re

from vnintegration.present.brief.text import Doc, Line
from vnintegration.present.i18n import t

# CommonMark's inline markup and HTML: escaped wherever they stand.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~$&!])")
# What would start a block (a list, a heading, a quote) at the start of a line's text.
_MD_BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=])")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def md_escape(text: str, line_start: bool = False) -> str:
    """Text that Markdown shows as written (LINE_START: it starts a line or a list item, where `1.` or `-` would
    start a list)."""
    text = _MD_INLINE.sub(r"\\\1", str(text).replace("\r", " ").replace("\n", " "))
    if not line_start:
        return text
    return _MD_BLOCK_START.sub(lambda m: (f"{m.group(1)}{m.group(2)}\\{m.group(3)}" if m.group(2) is not None
                                          else f"{m.group(4)}\\{m.group(5)}"), text)


def md_url(url: str) -> str:
    """An address in a Markdown link's angle brackets: no space, angle bracket or line break in it."""
    return re.sub(r"[\s<>]", lambda m: f"%{ord(m.group(0)):02X}" if ord(m.group(0)) < 128 else "", url)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# ---------------------------------------------------------------------------------------------- plain text


def to_text(doc: Doc) -> str:
    """The brief as plain text: numbers followed by [n], the n-th address listed under the sources."""
    numbers: dict[str, int] = {}
    out = [_one_line(doc.title), "", _one_line(doc.intro)]
    for block in doc.blocks:
        out += ["", _one_line(block.heading)]
        for line in block.lines:
            parts = []
            for run in line.runs:
                if run.url:
                    n = numbers.setdefault(run.url, len(numbers) + 1)
                    parts.append(f"{run.text} [{n}]")
                else:
                    parts.append(run.text)
            out.append("- " + _one_line("".join(parts)))
        if block.note:
            out.append("  (" + _one_line(block.note) + ")")
    out += ["", t("brief_sources", doc.lang)]
    out += [f"- {_one_line(label)}" for label, _ in doc.sources]
    out += [""] + [f"[{n}] {url}" for url, n in numbers.items()]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------- Markdown


def md_line(line: Line) -> str:
    parts = []
    for n, run in enumerate(line.runs):
        text = md_escape(run.text, line_start=n == 0 and not run.url and not run.strong)
        if run.url:
            parts.append(f"[{text}](<{md_url(run.url)}>)")
        elif run.strong and text.strip():
            stripped = text.rstrip()
            parts.append(f"**{stripped}**" + text[len(stripped):])
        else:
            parts.append(text)
    return "".join(parts)


def to_markdown(doc: Doc) -> str:
    """The brief as Markdown: a heading per section, a list item per line, every number a link."""
    out = [f"# {md_escape(doc.title)}", "", md_escape(doc.intro, line_start=True)]
    for block in doc.blocks:
        out += ["", f"## {md_escape(block.heading)}", ""]
        out += [f"- {md_line(line)}" for line in block.lines]
        if block.note:
            out += ["", f"*{md_escape(block.note).strip()}*"]
    out += ["", f"## {md_escape(t('brief_sources', doc.lang))}", ""]
    out += [f"- [{md_escape(label)}](<{md_url(url)}>)" for label, url in doc.sources]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------- HTML (the page)


def html_link(url: str, label: str) -> str:
    """An <a> whose text is escaped; URL is an address the app made (http(s) or a path), escaped as an attribute."""
    if not re.match(r"(?:https?://|/)", url):
        return html.escape(label, quote=False)
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(label, quote=False)}</a>'


def html_line(line: Line) -> str:
    """A line as HTML: every run's text escaped, numbers as links, the subject in bold."""
    parts = []
    for run in line.runs:
        if run.url:
            parts.append(html_link(run.url, run.text))
        elif run.strong and run.text.strip():
            parts.append(f"<strong>{html.escape(run.text.strip(), quote=False)}</strong> ")
        else:
            parts.append(html.escape(run.text, quote=False))
    return "".join(parts)


def html_list(items: list[str]) -> str:
    """Items (HTML made by html_line / html_link) as a list."""
    return '<ul class="vni-brief">' + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# ---------------------------------------------------------------------------------------------- Word


def _xml_text(text: str) -> str:
    """Text a .docx can hold (XML 1.0 refuses most control characters)."""
    return _XML_ILLEGAL.sub("", str(text))


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A hyperlink run in PARAGRAPH (python-docx has no writer for them: the w:hyperlink element and its external
    relationship are added by hand), blue and underlined."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(color)
    props.append(underline)
    run.append(props)
    body = OxmlElement("w:t")
    body.text = _xml_text(text)
    body.set(qn("xml:space"), "preserve")
    run.append(body)
    link.append(run)
    paragraph._p.append(link)


def to_docx(doc: Doc) -> bytes:
    """The brief as a Word document (.docx bytes)."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = _xml_text(doc.title)
    document.core_properties.language = doc.lang
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    document.add_heading(_xml_text(doc.title), level=0)
    document.add_paragraph(_xml_text(doc.intro))
    for block in doc.blocks:
        document.add_heading(_xml_text(block.heading), level=1)
        for line in block.lines:
            paragraph = document.add_paragraph(style="List Bullet")
            for run in line.runs:
                if run.url:
                    _hyperlink(paragraph, run.url, run.text)
                else:
                    paragraph.add_run(_xml_text(run.text)).bold = run.strong
        if block.note:
            document.add_paragraph().add_run(_xml_text(block.note)).italic = True
    document.add_heading(_xml_text(t("brief_sources", doc.lang)), level=1)
    for label, url in doc.sources:
        paragraph = document.add_paragraph(style="List Bullet")
        _hyperlink(paragraph, url, label)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
