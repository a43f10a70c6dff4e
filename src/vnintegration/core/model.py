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
# `partner` (a code of partners.csv) and `product` (a code of products.csv) are optional columns: blank = all
# partners / all products; a file without them (an older one) reads as all blank.
OBSERVATIONS = Table(
    "observations.csv",
    ("indicator", "partner", "product", "year", "months", "as_of", "value", "qualifier", "status", "source_id",
     "quote", "note"),
    ("indicator", "year", "value", "qualifier", "status", "source_id", "quote"),
    optional=("partner", "product"),
)
# `file` is required of a dataset; an article names its text file, or only its `url` when the text is not kept
# (cited by address: its quotes are kept but checked against no text).
SOURCES = Table(
    "sources.csv",
    ("id", "kind", "title", "publisher", "author", "published", "url", "file", "language", "licence", "citation"),
    ("id", "kind", "title"),
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

# A multi-economy dataset extract (the Peers page's, core/peers.py): one value per economy, series and year.
# A dataset file is read with this spec when its header has ECONOMY_COLUMN (`dataset_spec`).
ECONOMY_COLUMN = "country_code"
PEERS_FILE = Table(
    "peers.csv",
    (ECONOMY_COLUMN, "country_name", "series_code", "series_name", "year", "value", "unit"),
    (ECONOMY_COLUMN, "series_code", "year", "value", "unit"),
)
# Its closed vocabularies. Economies: ISO 3166 alpha-3 -> alpha-2 (Babel's CLDR names are keyed on alpha-2),
# then the World Bank groups extracted.
PEER_COUNTRIES: dict[str, str] = {
    "VNM": "VN", "THA": "TH", "MYS": "MY", "IDN": "ID", "PHL": "PH", "SGP": "SG", "KHM": "KH", "LAO": "LA",
    "MMR": "MM", "BRN": "BN", "CHN": "CN", "IND": "IN", "KOR": "KR", "JPN": "JP", "BGD": "BD",
}
PEER_AGGREGATES = ("EAS", "EAP", "LMC", "WLD")
PEER_YEARS = (1960, 2026)  # WDI starts in 1960; the extract was taken in 2026
# WDI's unit label -> what kind of figure it is, which decides the transforms that fit (core/peers.py rule 3):
# "usd" (a current-US$ amount: also per capita and % of GDP), "amount" (a positive quantity: indexed, % change),
# "flow" (a signed amount: differences), "share" (a ratio, index or score: differences).
PEER_UNIT_KINDS: dict[str, str] = {
    "current US$": "usd", "current US$ per person": "amount", "persons": "amount", "persons (net)": "flow",
    "TEU (20-foot equivalent units)": "amount", "percent": "share", "percent of GDP": "share",
    "percent of GNI": "share", "percent of manufactured exports": "share", "percent of merchandise exports": "share",
    "percent of total exports": "share", "percent of total imports": "share",
    "percent of exports of goods, services and primary income": "share", "percent of energy use": "share",
    "index (2015 = 100)": "share", "index (1 = low to 5 = high)": "share", "days": "share",
}
HOME_ECONOMY = "VNM"  # the dashboard's observations are Viet Nam's figures


def is_multi_economy(header) -> bool:
    """Does a dataset file with this header hold several economies (a column ECONOMY_COLUMN)?"""
    return ECONOMY_COLUMN in header


# Year-to-date extracts of GSO's quarterly reports (core/datasets.py `report_series` turns a row into series):
# goods trade by quarter and direction, total and FDI sector, read with YTD_TRADE_FILE when the header has
# `ytd_months`; and a few headline figures per report, read with REPORT_HEADLINES_FILE when it has `quarter_end`.
# Each row names its report (`source_url`): the figure's own citation.
YTD_TRADE_FILE = Table(
    "ytd_trade.csv",
    ("quarter", "year", "ytd_months", "direction", "fdi_sector_ytd_usd_bn", "total_ytd_usd_bn",
     "domestic_sector_ytd_usd_bn_derived", "fdi_share_printed_pct", "fdi_share_derived_pct", "fdi_yoy_printed_pct",
     "source_name", "source_url"),
    ("quarter", "year", "ytd_months", "direction", "fdi_sector_ytd_usd_bn", "source_name", "source_url"),
)
REPORT_HEADLINES_FILE = Table(
    "report_headlines.csv",
    ("quarter_end", "period", "indicator", "flow", "partner_iso3", "product_group", "value_usd_bn",
     "share_of_total_pct", "quote_vi", "source_name", "source_url"),
    ("quarter_end", "indicator", "value_usd_bn", "quote_vi", "source_name", "source_url"),
)
TRADE_DIRECTIONS = ("export", "import")
QUARTER_MONTHS = ("3", "6", "9", "12")  # a quarterly report's year to date


def dataset_spec(header) -> Table:
    """The spec a dataset file is read with, by what its header says it is."""
    for column, spec in TRADE_EXTRACT_COLUMNS:
        if column in header:
            return spec
    if "ytd_months" in header:
        return YTD_TRADE_FILE
    if "quarter_end" in header:
        return REPORT_HEADLINES_FILE
    for column, spec in PARTNER_EXTRACT_COLUMNS:
        if column in header:
            return spec
    return PEERS_FILE if is_multi_economy(header) else DATASET_FILE


# Observation key: one figure per indicator, partner, product, period and source.
OBSERVATION_KEY = ("indicator", "partner", "product", "year", "months", "as_of", "source_id")

# The partner tables (core/partners.py reads and checks them): a catalogue of economies and groups, the
# agreements, the partnership levels, and three extracts kept byte for byte under sources/.
PARTNERS = Table(
    "partners.csv", ("code", "iso2", "kind", "name_vi", "name_en", "groups"), ("code", "kind", "name_vi", "name_en"))
AGREEMENTS = Table(
    "agreements.csv",
    ("id", "short_name", "name_vi", "name_en", "form", "vn_party", "in_force", "status", "parties", "wto_rta_id",
     "counted_line", "note"),
    ("id", "short_name", "name_vi", "name_en", "vn_party", "in_force", "status", "counted_line"),
)
PARTNERSHIPS = Table(
    "partnerships.csv",
    ("partner", "level", "date", "previous_level", "previous_date", "source", "source_stored", "quote"),
    ("partner", "level", "date", "source", "source_stored", "quote"),
)
FTA_PAIRS = Table(
    "sources/vnm_ftas.csv",
    ("partner_iso3", "partner_name", "agreement_name_wto", "short_name", "wto_rta_id", "coverage_type_wto",
     "date_of_signature", "in_force_date", "in_force_year", "in_force_date_alt_e167e618", "status", "vn_party",
     "agreement_form", "counted_in_15_in_force", "in_version_e3af60f", "in_version_e167e618", "source_note"),
    ("partner_iso3", "wto_rta_id", "in_force_date", "vn_party"),
)
FDI_BY_PARTNER = Table(
    "sources/vnm_fdi_registered_by_partner.csv",
    ("year", "row_type", "partner_iso3", "partner_name_std", "partner_as_printed", "partner_en_as_printed", "projects",
     "registered_capital_usd_m", "new_and_supplementary_split_usd_m", "capital_definition", "repo_flag",
     "printed_row_order", "page", "source_table"),
    ("year", "row_type", "registered_capital_usd_m"),
)
IMF_POSITIONS = Table(
    "sources/vnm_fdi_position_imf_dip_by_counterpart.csv",
    ("year", "counterpart_iso3", "counterpart_name_std", "position_usd_m", "confidential", "is_negative"),
    ("year", "counterpart_iso3", "confidential"),
)
# The WTO list of agreements the pairs come from (scripts/build_partners.py writes agreements.csv from it).
FTA_LIST = Table(
    "sources/vnm_fta_agreements.csv",
    ("wto_rta_id", "agreement_name_wto", "short_name", "coverage_type_wto", "status", "vn_party", "agreement_form",
     "n_partners", "partners_iso3", "earliest_pair_in_force_date", "earliest_pair_in_force_date_alt_e167e618",
     "latest_pair_in_force_date", "counted_in_15_in_force", "in_wto_source", "source"),
    ("short_name", "status", "vn_party", "earliest_pair_in_force_date"),
)
PARTNER_TABLES = (PARTNERS, AGREEMENTS, PARTNERSHIPS, FTA_PAIRS, FDI_BY_PARTNER, IMF_POSITIONS)
# The partner extracts are cited dataset sources: `dataset_spec` reads each by a column only its header has
# (the first that matches wins), and datasets.read_dataset checks their own cells; core/partners.py checks the
# codes against the catalogue.
PARTNER_EXTRACT_COLUMNS = (("partners_iso3", FTA_LIST), ("wto_rta_id", FTA_PAIRS),
                           ("registered_capital_usd_m", FDI_BY_PARTNER), ("counterpart_iso3", IMF_POSITIONS))
FTA_VN_PARTY = ("direct", "via ASEAN", "ASEAN member")  # how Viet Nam is party to an agreement
FDI_ROW_TYPES = ("total", "economy", "territory_group_no_iso")  # a yearbook row: the printed total or a partner

# Trade by market and by product (core/trade.py reads and checks them): a catalogue of products, and two extracts
# kept byte for byte under sources/, each read by a column only its header has (`dataset_spec`).
PRODUCTS = Table("products.csv", ("code", "name_vi", "name_en", "classification", "note"),
                 ("code", "name_vi", "name_en", "classification"))
# What a product code stands for: a GSO commodity group (the groups sum to the total), an item of one ("of which"),
# a Customs commodity item (HS-based, as Customs names it), or a sector total as a ministry states it.
PRODUCT_CLASSIFICATIONS = ("gso_group", "gso_subitem", "customs_item", "sector")
# IMF Direction of Trade Statistics: Viet Nam's exports (FOB) and imports (CIF) by partner, US$ million.
DOTS_FILE = Table(
    "sources/vnm_trade_by_partner_imf_dots.csv",
    ("year", "flow", "flow_basis", "reporter_iso3", "partner_name_imf", "partner_iso3", "partner_row_type",
     "value_usd_m", "imf_flag", "unit", "source_sheet", "source_row"),
    ("year", "flow", "partner_name_imf", "partner_row_type", "value_usd_m", "unit"),
)
DOTS_ROW_TYPES = ("world", "aggregate", "memo_aggregate", "historical_economy", "not_specified", "economy")
DOTS_FLAGS = ("", "e")  # "e": an IMF estimate (1981–1984 in this download)
DOTS_UNITS = ("US$ million (current)",)
# GSO statistical database: goods exports by commodity group and by economic sector, value and share.
COMMODITY_GROUPS_FILE = Table(
    "sources/vnm_exports_by_commodity_group_gso_2017_2019.csv",
    ("year", "preliminary", "flow", "reporter_iso3", "breakdown", "item_vi", "item_en", "measure", "value", "unit",
     "source_line"),
    ("year", "preliminary", "flow", "breakdown", "item_vi", "measure", "value", "unit"),
)
COMMODITY_BREAKDOWNS = ("total", "by_economic_sector", "by_commodity_group", "by_commodity_group_subitem")
COMMODITY_MEASURES = {"value": "US$ million", "share": "percent of total exports"}  # measure -> its unit
TRADE_EXTRACT_COLUMNS = (("partner_row_type", DOTS_FILE), ("breakdown", COMMODITY_GROUPS_FILE))
TRADE_EXTRACTS = tuple(spec for _, spec in TRADE_EXTRACT_COLUMNS)
