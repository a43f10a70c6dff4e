"""Write the dataset rows of data/observations.csv from the extracts in data/sources/.

    .venv/bin/python scripts/import_reference.py [DATA_DIR]           # rewrite the dataset rows
    .venv/bin/python scripts/import_reference.py --check [DATA_DIR]   # exit 1 if they are out of date

Reads sources.csv for the `dataset` sources and their files (tidy CSV: series_code, series_name,
year, value, unit). Every series code of a file must be listed in SERIES below, which files it
under its indicator; a series that is not listed stops the script rather than being skipped.
Each value is scaled to the indicator's unit by shifting the decimal point (`units.dataset_shift`, the
rule the validator checks against), so "1744152761.16778" current US$ is written "1.74415276116778"
(usd_bn): exact, no float arithmetic. A multi-economy extract (a `country_code` column: the Peers
page's), a partner extract and a trade extract (core/trade.py reads the DOTS and GSO commodity-group files) give no
observations and are passed over. A report extract (GSO quarterly reports: a `ytd_months` or
`quarter_end` column) gives figures year to date (months 3, 6, 9, 12), read by `datasets.report_figures`, the
validator's rule; each row's note cites its report's address.

observations.csv keeps its article rows byte for byte, in place; the dataset rows (those whose
source_id is a dataset source) are removed wherever they are and written afresh at the end,
sorted by indicator, source and year. Running it twice changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vnintegration.core.datasets import report_figures, shifted  # noqa: E402
from vnintegration.core.model import (  # noqa: E402
    OBSERVATIONS,
    PARTNER_EXTRACT_COLUMNS,
    REPORT_HEADLINES_FILE,
    TRADE_EXTRACT_COLUMNS,
    YTD_TRADE_FILE,
    dataset_spec,
    is_multi_economy,
)
from vnintegration.core.units import dataset_shift  # noqa: E402

EARLY = "Before 1986: a WDI value of limited comparability (sources/PROVENANCE.md, definition caveats)."
REG_BEFORE = ("Yearbook TOTAL row. Definition up to 2015: new plus supplementary registered capital, "
              "no capital contributions or share purchases (break in 2016).")
REG_FROM = ("Yearbook TOTAL row. From 2016 includes capital contributions and share purchases by foreign "
            "investors (definition break in 2016).")


@dataclass(frozen=True)
class Series:
    """How one series code of an extract becomes observations."""

    indicator: str
    at_year_end: bool = False  # a count at 31 December (as_of) instead of a full-year flow or rate (months 12)
    status: str = "actual"
    qualifiers: dict[int, str] = field(default_factory=dict)  # year -> qualifier other than exact
    note: object = ""  # text, or a function year -> text

    def note_for(self, year: int) -> str:
        return self.note(year) if callable(self.note) else self.note


def _early(year: int) -> str:
    return EARLY if year < 1986 else ""


SERIES: dict[str, Series] = {
    # World Bank WDI (sources/vnm_wdi_core.csv)
    "NY.GDP.MKTP.KD.ZG": Series("gdp_growth", note=_early),
    "NY.GDP.MKTP.CD": Series("gdp_usd", note=_early),
    "TX.VAL.MRCH.CD.WT": Series("exports", note=_early),
    "TM.VAL.MRCH.CD.WT": Series("imports", note=_early),
    "TG.VAL.TOTL.GD.ZS": Series("trade_turnover_pct_gdp", note=_early),
    "NE.EXP.GNFS.ZS": Series("exports_gnfs_pct_gdp"),
    "NE.IMP.GNFS.ZS": Series("imports_gnfs_pct_gdp"),
    "BX.KLT.DINV.CD.WD": Series("fdi_net_inflows_bop", note=_early),
    # WDI goods and services (sources/vnm_wdi_goods_services_trade.csv)
    "NE.EXP.GNFS.CD": Series("exports_gnfs"),
    "NE.IMP.GNFS.CD": Series("imports_gnfs"),
    # Derived from WDI (sources/vnm_derived_trade_balance.csv)
    "DERIVED.MRCH.TURNOVER": Series("trade_turnover", note=_early),
    "DERIVED.MRCH.BAL": Series("trade_balance", note=_early),
    "DERIVED.GNFS.BAL": Series("trade_balance_gnfs"),
    # GSO Statistical Yearbooks (sources/vnm_gso_fdi_registered_yearbook.csv)
    "GSO.FDI.REG.CAP": Series("fdi_registered", note=lambda year: REG_BEFORE if year < 2016 else REG_FROM),
    "GSO.FDI.REG.PROJ": Series("fdi_new_projects", note="Yearbook TOTAL row: newly licensed projects."),
    # GSO year-end reports (sources/vnm_gso_fdi_disbursed.csv): first estimates, stated "gần" in 2020 and 2022
    "GSO.FDI.DISB.FIRST": Series(
        "fdi_disbursed", status="estimate", qualifiers={2020: "nearly", 2022: "nearly"},
        note=lambda year: "First estimate in GSO's year-end report (\"ước đạt\"), not revised."
        + (" Stated as \"gần\" (nearly) in the report (sources/PROVENANCE.md §5)." if year in (2020, 2022) else "")),
    # FTA counts from the WTO RTA database (sources/vnm_fta_in_force_count.csv)
    "FTA.INFORCE.WTO": Series("ftas_in_force_wto", at_year_end=True),
    "FTA.INFORCE.INCL_RCEP": Series("ftas_in_force_incl_rcep", at_year_end=True,
                                    note=lambda year: "Includes RCEP (in force 1 January 2022)." if year >= 2022 else ""),
    "FTA.NEW.WTO": Series("ftas_new_wto"),
    # GSO quarterly reports, year to date (sources/vnm_trade_fdi_sector_quarterly_gso.csv): first estimates;
    # codes are "<direction>:<column>" (core/datasets.py report_figures), each row cites its report
    "export:total_ytd_usd_bn": Series("exports", status="estimate"),
    "import:total_ytd_usd_bn": Series("imports", status="estimate"),
    "trade:turnover_ytd_usd_bn": Series("trade_turnover", status="estimate"),
    "trade:balance_ytd_usd_bn": Series("trade_balance", status="estimate"),
    "export:fdi_sector_ytd_usd_bn": Series("fdi_sector_exports", status="estimate"),
    "import:fdi_sector_ytd_usd_bn": Series("fdi_sector_imports", status="estimate"),
    "export:fdi_share_pct": Series("fdi_sector_export_share", status="estimate"),
    "import:fdi_share_pct": Series("fdi_sector_import_share", status="estimate"),
    # GSO quarterly reports' headlines (sources/vnm_trade_headlines_gso_2024_2026.csv)
    "exports_to_largest_market:value_usd_bn": Series("exports_us", status="estimate"),
    "exports_processed_industrial_goods:share_of_total_pct": Series("exports_processed_share", status="estimate"),
    "imports_capital_goods:share_of_total_pct": Series("imports_capital_goods_share", status="estimate"),
}
# Report-extract codes left out on purpose: the groups' values in US$ (their shares carry the measure).
NOT_IMPORTED = {"exports_processed_industrial_goods:value_usd_bn", "imports_capital_goods:value_usd_bn"}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def dataset_rows(data: Path) -> list[list[str]]:
    """Every observation the dataset sources give, in observations.csv's columns, sorted."""
    units = {row["id"].strip(): row["unit"].strip() for row in _read_csv(data / "indicators.csv")}
    sources = [row for row in _read_csv(data / "sources.csv") if row["kind"].strip() == "dataset"]
    rows = []
    for source in sources:
        sid, path = source["id"].strip(), data / source["file"].strip()
        records = _read_csv(path)
        if records and (is_multi_economy(records[0].keys())
                        or any(column in records[0] for column, _ in PARTNER_EXTRACT_COLUMNS + TRADE_EXTRACT_COLUMNS)):
            continue  # the Peers, Partners and Trade pages' extracts give no observations (core/trade.py reads them)
        if records and dataset_spec(records[0].keys()) in (YTD_TRADE_FILE, REPORT_HEADLINES_FILE):
            rows += _report_rows(sid, path, records, units)
            continue
        for record in records:
            code, year = record["series_code"].strip(), int(record["year"])
            if code not in SERIES:
                raise SystemExit(f"{path}: series {code} is not in SERIES of {__file__}: file it under its indicator")
            series = SERIES[code]
            unit = units.get(series.indicator)
            shift = dataset_shift(record["unit"].strip(), unit) if unit else None
            if shift is None:
                raise SystemExit(f"{path}: {code} is in {record['unit']!r}, which does not scale to "
                                 f"{series.indicator}'s unit {unit!r}")
            rows.append({
                "indicator": series.indicator, "partner": "", "product": "", "year": str(year),
                "months": "" if series.at_year_end else "12",
                "as_of": f"{year}-12-31" if series.at_year_end else "",
                "value": shifted(record["value"], shift),
                "qualifier": series.qualifiers.get(year, "exact"), "status": series.status,
                "source_id": sid, "quote": code, "note": series.note_for(year),
            })
    rows.sort(key=lambda r: (r["indicator"], r["source_id"], int(r["year"]), int(r["months"] or 0), r["as_of"]))
    return [[r[c] for c in OBSERVATIONS.columns] for r in rows]


def _report_rows(sid: str, path: Path, records: list[dict[str, str]], units: dict[str, str]) -> list[dict]:
    """The observations of a report extract (core/datasets.py report_figures): one per figure, its period the
    year to date, its note citing its report (and saying how a derived figure is computed)."""
    headlines = dataset_spec(records[0].keys()) is REPORT_HEADLINES_FILE
    rows = []
    for figure in report_figures(records, range(2, len(records) + 2), headlines):
        if figure.code in NOT_IMPORTED:
            continue
        if figure.code not in SERIES:
            raise SystemExit(f"{path}: series {figure.code} is not in SERIES of {__file__}: file it under its indicator")
        series = SERIES[figure.code]
        shift = dataset_shift(figure.unit, units.get(series.indicator, ""))
        if shift is None:
            raise SystemExit(f"{path}: {figure.code} does not scale to {series.indicator}'s unit")
        report = re.sub(r"\s*\[[^\]]*\]", "", figure.source_name)  # bracketed notes are about FDI, not trade
        rows.append({
            "indicator": series.indicator, "partner": "", "product": "", "year": figure.year, "months": figure.months,
            "as_of": "",
            "value": shifted(figure.value, shift), "qualifier": "exact", "status": series.status,
            "source_id": sid, "quote": figure.code,
            "note": (f"derived: {figure.derived}. " if figure.derived else "") + f"{report}: {figure.url}",
        })
    return rows


def _records(text: str) -> list[str]:
    """The file's records as raw text, each with its line end (a quoted field may span lines)."""
    records, buffer = [], ""
    for line in text.splitlines(keepends=True):
        buffer += line
        if buffer.count('"') % 2 == 0:
            records.append(buffer)
            buffer = ""
    if buffer:
        records.append(buffer)
    return records


def rebuild(data: Path) -> str:
    """observations.csv with its article rows as they are and the dataset rows written afresh."""
    path = data / OBSERVATIONS.name
    text = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    records = _records(text[len(bom):])
    header, body = records[0], records[1:]
    newline = "\r\n" if header.endswith("\r\n") else "\n"
    columns = next(csv.reader([header]))
    source_col = columns.index("source_id")
    datasets = {row["id"].strip() for row in _read_csv(data / "sources.csv") if row["kind"].strip() == "dataset"}

    def is_dataset(record: str) -> bool:
        fields = next(csv.reader(io.StringIO(record)), [])
        return len(fields) > source_col and fields[source_col].strip() in datasets

    kept = [r for r in body if not is_dataset(r)]
    if kept and not kept[-1].endswith(("\n", "\r")):
        kept[-1] += newline
    while kept and not kept[-1].strip():  # blank lines at the end would sit between the two blocks
        kept.pop()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    for row in dataset_rows(data):
        writer.writerow([row[OBSERVATIONS.columns.index(c)] if c in OBSERVATIONS.columns else "" for c in columns])
    return bom + header + "".join(kept) + out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data"))
    parser.add_argument("--check", action="store_true", help="exit 1 when observations.csv is not up to date")
    args = parser.parse_args(argv)
    data = Path(args.data_dir)
    path = data / OBSERVATIONS.name
    new = rebuild(data)
    old = path.read_bytes().decode("utf-8")
    n = len(dataset_rows(data))
    if args.check:
        print(f"{path}: {'up to date' if new == old else 'out of date'} ({n} dataset rows)")
        return int(new != old)
    if new != old:
        path.write_bytes(new.encode("utf-8"))
    print(f"{path}: {n} dataset rows written{'' if new != old else ' (unchanged)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
