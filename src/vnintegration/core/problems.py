"""Problems are values: every check yields them, every face (CLI, page, test) reads them.

All codes and their advice live here so that messages stay consistent; docs/problems.md is
rendered from this catalogue (`problems_markdown`, `python -m vnintegration docs-problems`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ERROR, WARNING = "error", "warning"

# code -> what to do about it (appended to the message shown to a person)
CODES: dict[str, str] = {
    "missing-directory": "pass the path of a data directory holding the four CSV files",
    "missing-file": "add the file, or check the directory name",
    "empty-file": "the file has no bytes; write at least the header row",
    "header-only": "the file has a header but no rows; add rows or remove the file's use",
    "encoding": "re-save the file as UTF-8 (Excel: 'CSV UTF-8 (Comma delimited)')",
    "bad-csv": "fix the quoting of the row (a field with a comma or newline must be in double quotes)",
    "ragged-row": "the row has a different number of fields than the header; fix the commas",
    "cell-too-long": "shorten the cell to at most 131,072 characters (a quote is the sentence that states the figure); "
                     "if it swallowed the lines after it, close the quote left open",
    "rows-not-read": "fix the rows named (their commas, their quoting, a cell over 131,072 characters) and upload "
                     "again: an upload is taken whole or not at all",
    "blank-row": "a notice: the row holds only spaces and commas, so it is skipped; delete it",
    "missing-column": "add the column to the header",
    "unknown-column": "remove the column or fix its name (see data/README.md for the columns)",
    "duplicate-column": "keep one column of that name",
    "blank-cell": "fill in the cell",
    "bad-number": "write a number with . as the decimal mark and no thousands grouping (7.09, 11511.9)",
    "not-finite": "write a finite number (not NaN or inf)",
    "bad-year": "write the year as four digits (2024)",
    "bad-months": "write the months covered as a whole number 1–12 (12 = full year), or leave blank for a level at a date",
    "bad-date": "write an ISO date: YYYY-MM-DD (YYYY-MM or YYYY where a partial date is allowed)",
    "no-period": "set months (12 for a full year) or as_of (the date of a level or count)",
    "year-mismatch": "as_of must fall in the observation's year",
    "bad-choice": "use one of the listed values",
    "bad-url": "write the source's web address in full, starting with https:// (or http://), or leave it blank",
    "bad-id": "use snake_case: lower-case letters, digits and _",
    "bad-range": "min must not exceed max",
    "unknown-indicator": "add the indicator to indicators.csv or fix the id",
    "unknown-source": "add the source to sources.csv or fix the id",
    "duplicate-key": "keep one row per indicator, partner, product, year, months, as_of and source",
    "duplicate-id": "ids must be unique",
    "out-of-range": "check the figure and its unit, or widen the indicator's min/max if it is genuine",
    "quote-not-in-source": "copy the words verbatim from the source text",
    "value-not-in-quote": "use the number the quote writes, or explain the computation in note starting 'derived:'",
    "unknown-series": "name a series code that the dataset file holds",
    "dataset-mismatch": "use the dataset's value for that series and year, scaled to the indicator's unit",
    "unsafe-path": "name a file inside the data directory's sources/ folder",
    "too-large": "split the data or ask for a larger cap",
    "mixed-series": "an indicator is one definition: take one series code per source, and file other series under their own indicators",
    "series-reused": "file each series of a dataset under the one indicator whose definition it measures",
    "dataset-duplicate": "keep one value per series and year in the dataset file",
    "missing-metadata": "fill in the dataset's publisher, url (the address of the original), licence and citation (as the publisher asks to be cited)",
    "bad-preferred-source": "name, in preferred_source, a source that gives figures for the indicator (or leave it blank)",
    "source-conflict": "a source difference: both figures are kept and shown labelled by source, never joined into one line; the indicator's preferred_source says which one headline cards show",
    "partial-and-full-year": "a partial-year and a full-year figure for the same year: fine, they are never joined on one line",
    "bad-zip": "make the .zip again with your system's 'Compress' command (no password), or upload the CSV files",
    "unsupported-file": "upload a .zip of the data directory, or the CSV files themselves (Excel: save as 'CSV UTF-8')",
    "bundled-fallback": "a notice: the upload lacks this file, so the bundled copy is used; upload it too to use your own",
    "ignored-file": "a notice: name a table exactly as the data directory does (observations.csv, indicators.csv, sources.csv, events.csv, partners.csv, agreements.csv, partnerships.csv, products.csv), keep source files under sources/ and list each in sources.csv's file column",
    "unknown-partner": "add the economy or group to partners.csv (code, names, groups) or fix the code",
    "unknown-agreement": "add the agreement to agreements.csv (its wto_rta_id) or fix the id",
    "reconciliation": "a list and a published figure disagree: check both; the Partners page shows them side by side",
    "unknown-product": "add the product to products.csv (code, names, classification) or fix the code",
    "part-above-total": "a figure for one partner or product cannot exceed the total the same source gives for that indicator and period: check the value, its unit, its partner or product code and its months",
    "parts-above-total": "the economies one source lists sum above its own total for that flow and period: check each figure (its unit, its months, a group filed as an economy)",
    "totals-differ": "two sources' totals of the same flow and year differ by more than the stated tolerance: both are kept, never joined; read a dataset's partner shares against its own total",
}


# Codes reported as warnings: they never fail validation nor set a row aside. Every other code is an error.
# A Problem takes its severity from here (`severity_of`): a code is a warning or an error wherever it is raised.
WARNING_CODES = ("blank-row", "missing-metadata", "source-conflict", "partial-and-full-year", "bundled-fallback",
                 "ignored-file", "reconciliation", "parts-above-total", "totals-differ")


def severity_of(code: str) -> str:
    """WARNING for a code of WARNING_CODES, ERROR for every other code of the catalogue."""
    return WARNING if code in WARNING_CODES else ERROR


@dataclass(frozen=True)
class Problem:
    code: str
    file: str
    line: int | None
    column: str
    message: str
    value: str = ""
    severity: str = field(init=False)  # the code's, from the catalogue

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")
        object.__setattr__(self, "severity", severity_of(self.code))

    @property
    def advice(self) -> str:
        return CODES[self.code]

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        column = f" {self.column}:" if self.column else ""
        value = f" ({self.value})" if self.value != "" else ""
        tag = "" if self.severity == ERROR else " [warning]"
        return f"{where}:{column} {self.message}{value}{tag}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        rows = ", ".join(f"{n} {name}" for name, n in self.stats.items())
        verdict = "valid" if self.valid else "invalid"
        return f"{verdict}: {len(self.errors)} error(s), {len(self.warnings)} warning(s); {rows}"

    def to_rows(self) -> list[dict]:
        """One dict per problem, with its advice: for tables, JSON and tests."""
        return [asdict(p) | {"advice": p.advice} for p in self.problems]


_DOC_INTRO = """# Problem codes

<!-- Generated from vnintegration/core/problems.py: python -m vnintegration docs-problems > docs/problems.md -->

`vnintegration validate` and the app's Sources page report each problem as
`file:line: column: message (value)` with one of these stable codes (`--json` gives them with their advice).
Errors fail validation and set the row aside; warnings do not.
One error fails validation but keeps its row, since the figures are sound: `bad-preferred-source`
(the indicator is kept, with no preferred source).

An upload (the app's "use my own data") is read into memory and validated with the same rules.
An error about the upload itself (`too-large`, `unsafe-path`, `bad-zip`, `unsupported-file`,
`missing-file`, `encoding` or `empty-file` of a table) refuses the whole upload and names the file or zip
member; the caps are `vnintegration.core.uploads.Limits`, counted on every member the zip lists. An upload
whose tables lose rows to read errors (`ragged-row`, `bad-csv`, `cell-too-long`) is refused too, with
`rows-not-read` giving the count, and the data in use stays. Tables and source files the upload lacks are
taken from the bundled data, with a `bundled-fallback` notice.
"""


def problems_markdown() -> str:
    """docs/problems.md: every code of the catalogue with its severity and advice."""
    rows = [f"| `{code}` | {severity_of(code)} | {advice} |" for code, advice in CODES.items()]
    return _DOC_INTRO + "\n| code | severity | what to do |\n|---|---|---|\n" + "\n".join(rows) + "\n"
