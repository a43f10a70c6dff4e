"""The Import page's logic, without Streamlit: editor tables in, checked rows and files out.

    extraction -> candidates_table / events_table (what the editor shows)
    edited tables -> observation_rows / event_rows (text cells, as the CSV files hold them)
    + source row + text -> check(...) (the dataset's own validator, in memory) and
      differences(...) (figures the dataset already has for the same indicator and period)
    -> observations/sources/events rows as CSV without header, the text, a zip of all.

Nothing is written to disk: the check runs on an in-memory DataFiles of the bundled
indicator catalog, the new sources row, the article text and the kept rows.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile

import pandas as pd

from vnintegration.core.load import DataFiles, read_data
from vnintegration.core.model import EVENTS, OBSERVATIONS, SOURCES
from vnintegration.core.problems import ERROR
from vnintegration.core.validate import validate
from vnintegration.extract.figures import ROW_COLUMNS, Extraction, format_value, to_csv

# A source id is used in file names, zip member names and the shell commands of the bundle's README: a slug only.
SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*")
SOURCE_ID_MAX = 80
# Device names Windows reserves in any case, whatever follows a dot ("nul.txt", "con.2025"): a data directory with
# sources/con.txt cannot be checked out or opened there. COM0 and LPT0 since Windows 11.
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
KEEP_AT = 0.5  # candidates at or above this confidence start ticked
EDIT_COLUMNS = ("keep", "confidence", "figure", "indicator", "partner", "product", "year", "months", "as_of", "value",
                "qualifier", "status", "quote", "note")
EVENT_EDIT_COLUMNS = ("keep", "date", "kind", "code", "title_vi", "title_en", "quote")


def candidates_table(extraction: Extraction) -> pd.DataFrame:
    """One editor row per candidate (numbered from 1, as problems cite them): typed columns,
    `keep` ticked for the usable ones at or above KEEP_AT confidence."""
    rows = [{
        "keep": bool(c.usable and c.indicator and c.confidence >= KEEP_AT), "confidence": c.confidence,
        "figure": c.figure, "indicator": c.indicator or None, "partner": c.partner, "product": c.product,
        "year": c.year, "months": c.months,
        "as_of": c.as_of, "value": c.value, "qualifier": c.qualifier, "status": c.status,
        "quote": c.quote, "note": c.note,
    } for c in extraction.candidates]
    frame = pd.DataFrame(rows, columns=list(EDIT_COLUMNS), index=pd.RangeIndex(1, len(rows) + 1))
    return frame.astype({"keep": bool, "confidence": float, "year": "Int64", "months": "Int64", "value": float,
                         "figure": object, "indicator": object, "partner": object, "product": object,
                         "as_of": object, "qualifier": object,
                         "status": object, "quote": object, "note": object})


def events_table(extraction: Extraction) -> pd.DataFrame:
    rows = [{"keep": bool(e.date), **{k: v for k, v in e.row().items() if k != "source_id"}}
            for e in extraction.events]
    return pd.DataFrame(rows, columns=list(EVENT_EDIT_COLUMNS),
                        index=pd.RangeIndex(1, len(rows) + 1)).astype({"keep": bool})


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return format_value(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def observation_rows(edited: pd.DataFrame, source_id: str) -> list[dict[str, str]]:
    """The kept editor rows as observations.csv rows (text cells, `partner` and `product` included: blank = all
    partners, all products), with `_row` = editor row number."""
    out = []
    for number, row in enumerate(edited.to_dict("records"), start=1):
        if not bool(row.get("keep")):
            continue
        cells = {c: _cell(row.get(c)) for c in ROW_COLUMNS if c != "source_id"}
        for column in ("year", "months"):
            if re.fullmatch(r"\d+\.0", cells[column]):
                cells[column] = cells[column][:-2]
        out.append({**cells, "source_id": source_id, "_row": number})
    return out


def event_rows(edited: pd.DataFrame, source_id: str) -> list[dict[str, str]]:
    out = []
    for number, row in enumerate(edited.to_dict("records"), start=1):
        if bool(row.get("keep")):
            out.append({**{c: _cell(row.get(c)) for c in EVENTS.columns if c != "source_id"},
                        "source_id": source_id, "_row": number})
    return out


def suggest_source_id(title: str, published: str = "") -> str:
    """"Hội nhập quốc tế với tư duy mới" + 2025-08 -> "hoi-nhap-quoc-te-voi-2025-08"."""
    plain = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+", plain)[:5]
    stamp = re.sub(r"[^0-9-]", "", published or "")[:7].strip("-")
    slug = "-".join([*words, stamp] if stamp else words)[:SOURCE_ID_MAX].rstrip("-")
    if slug and is_reserved_name(slug):  # a title "Con số ..." -> "con-so-...": only a whole word is a device name
        slug = f"{slug}-article"[:SOURCE_ID_MAX]
    return slug or "article"


def is_safe_source_id(source_id: str) -> bool:
    """A slug (lower-case a-z, digits, - _, dots between parts), at most SOURCE_ID_MAX characters, and no name
    Windows reserves (`is_reserved_name`)."""
    return (len(source_id) <= SOURCE_ID_MAX and SOURCE_ID.fullmatch(source_id) is not None
            and not is_reserved_name(source_id))


def is_reserved_name(source_id: str) -> bool:
    """Whether the id, before its first dot, is a device name Windows reserves (CON, NUL.txt, com1 ...)."""
    return source_id.split(".", 1)[0].strip().lower() in RESERVED_NAMES


def source_id_to_show(shown: str | None, last_suggestion: str | None, suggestion: str) -> str:
    """What the Import page's id field holds once the title or date changed: the new SUGGESTION while the field is
    empty or still holds the suggestion it was given (LAST_SUGGESTION); an id the person typed is kept as typed."""
    if not shown or shown == last_suggestion:
        return suggestion
    return shown


def source_row(meta: dict[str, str]) -> dict[str, str]:
    """The sources.csv row of the article: kind article, text under sources/<id>.txt, language vi."""
    sid = (meta.get("id") or "").strip()
    row = {c: (meta.get(c) or "").strip() for c in SOURCES.columns}
    row.update(id=sid, kind="article", file=text_path(sid), language=row["language"] or "vi")
    return row


def text_path(source_id: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "-", source_id or "article").strip(".") or "article"
    return f"sources/{safe}.txt"


def check(indicators_csv: bytes, source: dict[str, str], text: str, observations: list[dict],
          events: list[dict]) -> pd.DataFrame:
    """Validate the kept rows with the dataset's rules; one row per problem, `row` = editor row."""
    files = {
        "indicators.csv": indicators_csv,
        "sources.csv": to_csv([source], SOURCES.columns).encode("utf-8"),
        source["file"]: text.encode("utf-8"),
        "observations.csv": to_csv(observations, ROW_COLUMNS if "partner" in OBSERVATIONS.columns
                                   else OBSERVATIONS.columns).encode("utf-8"),
        "events.csv": to_csv(events, EVENTS.columns).encode("utf-8"),
    }
    report = validate(read_data(DataFiles(files=files, label="import"))).report
    editor_row = {"observations.csv": {i + 2: r["_row"] for i, r in enumerate(observations)},
                  "events.csv": {i + 2: r["_row"] for i, r in enumerate(events)}}
    out = []
    for p in report.problems:
        if p.code == "header-only" or (p.file == "indicators.csv"):
            continue
        row = editor_row.get(p.file, {}).get(p.line)
        out.append({"table": p.file, "row": row, "column": p.column, "severity": p.severity,
                    "message": p.message, "value": p.value, "advice": p.advice})
    # "row" as a nullable integer: a column of numbers and blanks would be mixed types for Arrow (a logged traceback).
    return pd.DataFrame(out, columns=["table", "row", "column", "severity", "message", "value", "advice"]).astype(
        {"row": "Int64", "table": object, "column": object, "message": object, "value": object, "advice": object})


def errors_in(problems: pd.DataFrame) -> int:
    return int((problems["severity"] == ERROR).sum()) if len(problems) else 0


def differences(observations: list[dict], existing: pd.DataFrame) -> pd.DataFrame:
    """Kept rows whose indicator and period the dataset already has, with the values it holds."""
    out = []
    if existing is None or existing.empty:
        return pd.DataFrame(columns=["row", "indicator", "period", "value", "existing", "source_id"])
    for r in observations:
        try:
            year, value = int(r["year"]), float(r["value"])
        except (TypeError, ValueError):
            continue
        same = existing[(existing["indicator"] == r["indicator"]) & (existing["year"] == year)]
        for column in ("partner", "product"):  # blank = all partners / all products
            if column in same.columns:
                same = same[same[column].fillna("").astype(str) == r.get(column, "")]
            elif r.get(column):
                same = same.iloc[0:0]
        if r["months"]:
            same = same[same["months"].astype("Float64") == float(r["months"])]
            period = f"{year}, {r['months']}m"
        else:
            same = same[same["as_of"].astype(str).str[:10] == r["as_of"]]
            period = f"{year}, {r['as_of']}"
        for v, sid in zip(same["value"], same["source_id"]):
            if not math.isclose(float(v), value, rel_tol=1e-9):
                out.append({"row": r["_row"], "indicator": r["indicator"], "period": period, "value": r["value"],
                            "existing": format_value(float(v)), "source_id": sid})
    return pd.DataFrame(out, columns=["row", "indicator", "period", "value", "existing", "source_id"])


def rows_csv(rows: list[dict], columns) -> str:
    """CSV rows without a header, ready to append to the dataset's file."""
    return to_csv(rows, columns, header=False)


def bundle(source: dict[str, str], text: str, observations: list[dict], events: list[dict],
           rows_csv=rows_csv) -> bytes:
    """A zip of everything to add to data/: rows to append (written by ROWS_CSV(rows, columns): the page passes
    the formula-safe writer of present/export.py), the source text, a how-to. The source id must be a slug
    (`is_safe_source_id`): it names the members and stands in the README's shell commands."""
    sid = source["id"] or "article"
    if not is_safe_source_id(sid):
        raise ValueError(f"unsafe source id {sid!r}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"observations-{sid}.csv", rows_csv(observations, ROW_COLUMNS))
        archive.writestr(f"sources-{sid}.csv", rows_csv([source], SOURCES.columns))
        if events:
            archive.writestr(f"events-{sid}.csv", rows_csv(events, EVENTS.columns))
        archive.writestr(source["file"], text)
        archive.writestr("README.txt", (
            f"Rows extracted from article {sid}, checked on the Import page.\n\n"
            "The CSV files have no header: append them to the dataset, then validate:\n\n"
            f"  cat observations-{sid}.csv >> data/observations.csv\n"
            f"  cat sources-{sid}.csv >> data/sources.csv\n"
            + (f"  cat events-{sid}.csv >> data/events.csv\n" if events else "")
            + f"  cp {source['file']} data/{source['file']}\n"
            "  vnintegration validate data\n\n"
            "(Each data file must end with a newline before appending.)\n"))
    return buffer.getvalue()
