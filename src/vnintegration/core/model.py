"""The four tables of a data directory: their columns and closed vocabularies.

Every table is read as text first; `validate` turns text into types and says why
a cell could not be turned. Columns are declared once here so that the loader,
the validator, the docs test and the pages agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from vnintegration.core import units

UNITS = tuple(units.UNITS)  # each unit's labels, decimals, patterns and scaling: core/units.py
INDICATOR_KINDS = ("rate", "flow", "stock", "count", "rank")
GROUPS = ("macro", "trade", "investment", "industry", "diplomacy", "agreements", "rankings")
QUALIFIERS = ("exact", "about", "nearly", "over", "under", "within")
STATUSES = ("actual", "estimate", "forecast", "target")
SOURCE_KINDS = ("article", "dataset")
EVENT_KINDS = ("resolution", "directive", "decision", "agreement", "congress", "conference")
YES_NO = ("yes", "no")

# A year outside this range is a typo, not history.
YEAR_MIN, YEAR_MAX = 1900, 2100


@dataclass(frozen=True)
class Table:
    name: str  # file name inside the data directory
    columns: tuple[str, ...]  # in the order we write them
    required: tuple[str, ...]  # columns whose cells may not be blank
    optional: tuple[str, ...] = ()  # columns that may be absent from the header

    @property
    def key(self) -> str:
        return self.name.removesuffix(".csv")


INDICATORS = Table(
    "indicators.csv",
    ("id", "name_vi", "name_en", "unit", "kind", "group", "headline", "min", "max",
     "description_vi", "description_en", "preferred_source", "breaks"),
    ("id", "name_vi", "name_en", "unit", "kind", "group", "headline", "min", "max"),
    optional=("preferred_source", "breaks"),
)
OBSERVATIONS = Table(
    "observations.csv",
    ("indicator", "year", "months", "as_of", "value", "qualifier", "status", "source_id", "quote", "note"),
    ("indicator", "year", "value", "qualifier", "status", "source_id", "quote"),
)
SOURCES = Table(
    "sources.csv",
    ("id", "kind", "title", "publisher", "author", "published", "url", "file", "language", "licence", "citation"),
    ("id", "kind", "title", "file"),
    optional=("licence", "citation"),
)
EVENTS = Table(
    "events.csv",
    ("date", "kind", "code", "title_vi", "title_en", "source_id", "quote"),
    ("date", "kind", "title_vi", "title_en", "source_id"),
)
TABLES = (INDICATORS, OBSERVATIONS, SOURCES, EVENTS)

# A dataset extract under sources/ (named by its sources.csv row): tidy, one value per series and year.
# Other columns (series_name, ...) may come too and are ignored.
DATASET_FILE = Table(
    "dataset.csv",
    ("series_code", "series_name", "year", "value", "unit"),
    ("series_code", "year", "value", "unit"),
    optional=("series_name",),
)

# Observation key: one figure per indicator, period and source.
OBSERVATION_KEY = ("indicator", "year", "months", "as_of", "source_id")
