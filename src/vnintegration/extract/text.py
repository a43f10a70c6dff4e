"""Article text made safe to read: decoded, capped, HTML stripped, normalised, cut into sentences.

The cleaned text is what candidate quotes are taken from, and what the Import page
offers to save as the source file, so every quote is found in it by the dataset's
own check (`normalize_text(quote) in normalize_text(source)`).

Cleaning, in order: line endings unified (CRLF, CR, U+2028/2029, NEL, VT, FF -> LF);
HTML tags stripped with the stdlib parser when the text looks like HTML (block tags
become line breaks, script/style dropped, entities decoded; nothing is rendered);
Unicode NFC (decomposed Vietnamese from macOS or some editors composes again);
every Unicode space (NBSP, narrow NBSP, ideographic space, tabs ...) -> " ";
zero-width and other invisible format characters and control characters dropped;
runs of spaces collapsed and lines trimmed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

# An article is 5–30 thousand characters; the cap is generous but keeps a stray
# 10 MB paste (a whole database dump, a binary file) from tying up the server.
MAX_BYTES = 2_000_000


class ArticleError(ValueError):
    """The input cannot be read as an article at all (too large, not text)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int  # index of the line (paragraph) it sits in
    start: int  # offset in the cleaned text
    text: str


@dataclass
class CleanText:
    text: str
    notices: list[str] = field(default_factory=list)  # codes: "html-stripped", "changed"


def decode_article(data: bytes) -> str:
    """Bytes of an uploaded file -> text, or ArticleError with a clear message."""
    if len(data) > MAX_BYTES:
        raise ArticleError("too-large", too_large_message(len(data)))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("encoding", "the file starts like UTF-16 but cannot be read as it; "
                                           "re-save it as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise ArticleError("binary", "the file is not text (it holds NUL bytes); upload a .txt file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError("encoding", f"the file is not UTF-8 (bad bytes at offset {exc.start}); "
                                       "re-save it as UTF-8") from None


def too_large_message(size: int) -> str:
    shown = f"{size / 1e6:.1f} MB" if size <= 10 * MAX_BYTES else "far more"
    return (f"the text is over the {MAX_BYTES / 1e6:.0f} MB cap (it is {shown}; an article is rarely over "
            "100 kB): paste one article at a time")


def check_size(text: str) -> None:
    # len() bounds the UTF-8 size from below; encode only when it might be over.
    if len(text) * 4 > MAX_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise ArticleError("too-large", too_large_message(size))


_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_HTML_HINT = re.compile(
    r"<\s*/?\s*(?:!doctype|html|head|body|div|p|span|br|a|table|tr|td|th|li|ul|ol|h[1-6]|article|section|"
    r"header|footer|main|nav|strong|em|b|i|img|meta|script|style|figure|figcaption|blockquote)\b[^>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[^\S\n]+")


def clean_text(text: str) -> CleanText:
    """The normalised article (see the module docstring) and what cleaning did."""
    check_size(text)
    notices: list[str] = []
    text = _LINE_BREAKS.sub("\n", text)
    if _HTML_HINT.search(text):
        text = strip_html(text)
        notices.append("html-stripped")
    text = unicodedata.normalize("NFC", text)
    text = "".join(_clean_char(ch) for ch in text) if not text.isascii() else _ascii_clean(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return CleanText(text + "\n" if text else "", notices)


def _ascii_clean(text: str) -> str:
    return "".join(ch if ch >= " " or ch in "\n\t" else "" for ch in text)


def _clean_char(ch: str) -> str:
    if ch == "\n":
        return ch
    category = unicodedata.category(ch)
    if category == "Zs" or ch == "\t":
        return " "
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""  # controls, zero-width and bidi marks, lone surrogates, private use, unassigned
    return ch


class _TextOnly(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
             "article", "section", "header", "footer", "main", "nav", "blockquote", "figure",
             "figcaption", "pre", "hr", "dd", "dt", "title"}
    SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def strip_html(text: str) -> str:
    """The text content of an HTML fragment or page: tags dropped, entities decoded, never rendered."""
    parser = _TextOnly()
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # html.parser is lenient; a pathological input must not stop the import
        return re.sub(r"<[^>]*>", " ", text)
    return "".join(parser.parts)


# Vietnamese-specific letters: ă đ ơ ư, ĩ ũ, and the Latin Extended Additional block
# (tone-marked vowels ạ ả ấ ... ỹ). French or German text has none of them.
_VI_LETTER = re.compile(r"[ăđơưĩũĂĐƠƯĨŨ\u1ea0-\u1ef9]")
_WORD = re.compile(r"[^\W\d_]+")


def looks_vietnamese(text: str, sample: int = 20_000) -> bool | None:
    """True / False when the text has enough words to tell; None when too short to judge."""
    words = _WORD.findall(text[:sample])
    if len(words) < 12:
        return None
    marked = sum(1 for w in words if _VI_LETTER.search(w))
    return marked / len(words) >= 0.08


_ABBREVIATIONS = {"tp", "ts", "ths", "pgs", "gs", "th.s", "mr", "ms", "dr", "st", "no", "tr", "q", "p", "nxb"}
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]*(\w))")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the cleaned text, each an exact substring, with its paragraph (line) index."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            if not (match.group(1).isupper() or match.group(1).isdigit()):
                continue  # a sentence starts with a capital or a figure
            before = line[start:match.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
            if match.group().startswith(".") and (before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha())):
                continue
            _add(sentences, paragraph, offset + start, line[start:match.end()])
            start = match.end()
        _add(sentences, paragraph, offset + start, line[start:])
        offset += len(line) + 1
    return sentences


def _add(sentences: list[Sentence], paragraph: int, start: int, piece: str) -> None:
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        sentences.append(Sentence(len(sentences), paragraph, start + lead, stripped))
