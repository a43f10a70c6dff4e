"""Write data/partners.csv, data/agreements.csv and data/partnerships.csv from the extracts in data/sources/.

    .venv/bin/python scripts/build_partners.py          # rewrites the three tables
    .venv/bin/python scripts/build_partners.py --check  # exits 1 when one of them is out of date

Every value comes from an extract (data/sources/vnm_ftas.csv, vnm_fta_agreements.csv,
vnm_fdi_registered_by_partner.csv, vnm_fdi_position_imf_dip_by_counterpart.csv, vnm_partnerships.csv, and the economies
of vnm_trade_by_partner_imf_dots.csv) or from CLDR
through Babel (country names in Vietnamese and English; ISO alpha-3 -> alpha-2 from CLDR's territory aliases).
What is written here by hand is labels only: the agreements' Vietnamese and English names, the names of the
codes CLDR does not know (GSO's groups, the IMF's KOS) and of the blocs.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from babel import Locale
from babel.core import get_global

DATA = Path(__file__).resolve().parents[1] / "data"
SRC = DATA / "sources"

LEVELS = {"Comprehensive Strategic Partner": "csp", "Strategic Partner": "sp", "Comprehensive Partner": "cp",
          # the provenance counts Japan's 2014 extensive strategic partnership as a strategic partnership
          "Extensive Strategic Partnership": "sp"}

# Codes with no CLDR territory: (vi, en).
OWN_NAMES = {
    "XBWI": ("Quần đảo Tây Ấn thuộc Anh", "British West Indies"),
    "XCHI": ("Quần đảo Channel", "Channel Islands"),
    "KOS": ("Kosovo", "Kosovo"),
}
BLOCS = {
    "ASEAN": ("ASEAN", "ASEAN"),
    "EU": ("Liên minh châu Âu (EU)", "European Union (EU)"),
    "EAEU": ("Liên minh Kinh tế Á – Âu (EAEU)", "Eurasian Economic Union (EAEU)"),
    "CPTPP": ("CPTPP", "CPTPP"),
}
# WTO RTA id (or "RCEP") -> (id, Vietnamese name, English name).
AGREEMENTS = {
    "126": ("afta", "Khu vực Mậu dịch tự do ASEAN (AFTA/CEPT)", "ASEAN Free Trade Area (AFTA/CEPT)"),
    "1170": ("atiga", "Hiệp định Thương mại hàng hóa ASEAN (ATIGA)", "ASEAN Trade in Goods Agreement (ATIGA)"),
    "42": ("acfta", "Hiệp định Thương mại tự do ASEAN – Trung Quốc", "ASEAN–China Free Trade Agreement"),
    "176": ("ajcep", "Hiệp định Đối tác kinh tế toàn diện ASEAN – Nhật Bản", "ASEAN–Japan Comprehensive Economic Partnership"),
    "170": ("vjepa", "Hiệp định Đối tác kinh tế Việt Nam – Nhật Bản", "Japan–Viet Nam Economic Partnership Agreement"),
    "169": ("akfta", "Hiệp định Thương mại tự do ASEAN – Hàn Quốc", "ASEAN–Korea Free Trade Agreement"),
    "437": ("aanzfta", "Hiệp định Thương mại tự do ASEAN – Úc – New Zealand", "ASEAN–Australia–New Zealand Free Trade Agreement"),
    "438": ("aifta", "Hiệp định Thương mại tự do ASEAN – Ấn Độ", "ASEAN–India Free Trade Agreement"),
    "685": ("vcfta", "Hiệp định Thương mại tự do Việt Nam – Chile", "Chile–Viet Nam Free Trade Agreement"),
    "709": ("vkfta", "Hiệp định Thương mại tự do Việt Nam – Hàn Quốc", "Korea–Viet Nam Free Trade Agreement"),
    "973": ("vn_eaeu_fta", "Hiệp định Thương mại tự do Việt Nam – Liên minh Kinh tế Á – Âu", "EAEU–Viet Nam Free Trade Agreement"),
    "640": ("cptpp", "Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương (CPTPP)", "Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP)"),
    "994": ("ahkfta", "Hiệp định Thương mại tự do ASEAN – Hồng Kông (Trung Quốc)", "ASEAN–Hong Kong, China Free Trade Agreement"),
    "872": ("evfta", "Hiệp định Thương mại tự do Việt Nam – EU (EVFTA)", "EU–Viet Nam Free Trade Agreement (EVFTA)"),
    "1130": ("ukvfta", "Hiệp định Thương mại tự do Việt Nam – Vương quốc Anh (UKVFTA)", "UK–Viet Nam Free Trade Agreement (UKVFTA)"),
    "997": ("vifta", "Hiệp định Thương mại tự do Việt Nam – Israel (VIFTA)", "Israel–Viet Nam Free Trade Agreement (VIFTA)"),
    "1218": ("cptpp_uk", "CPTPP – Vương quốc Anh gia nhập", "CPTPP – accession of the United Kingdom"),
    "RCEP": ("rcep", "Hiệp định Đối tác Kinh tế Toàn diện Khu vực (RCEP)", "Regional Comprehensive Economic Partnership (RCEP)"),
}

PARTNERS_COLUMNS = ("code", "iso2", "kind", "name_vi", "name_en", "groups")
AGREEMENTS_COLUMNS = ("id", "short_name", "name_vi", "name_en", "form", "vn_party", "in_force", "status", "parties",
                      "wto_rta_id", "counted_line", "note")
PARTNERSHIPS_COLUMNS = ("partner", "level", "date", "previous_level", "previous_date", "source", "source_stored",
                        "quote")


def rows(name: str) -> list[dict]:
    with open(SRC / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(columns, records) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def partners_table(ftas, fdi, imf, levels, dots=()) -> str:
    aliases = get_global("territory_aliases")
    vi, en = Locale("vi").territories, Locale("en").territories
    codes = sorted({r["partner_iso3"] for r in ftas} | {r["partner_iso3"] for r in fdi if r["partner_iso3"]}
                   | {r["counterpart_iso3"] for r in imf} | {r["iso3"] for r in levels} | {"VNM"}
                   | {r["partner_iso3"] for r in dots if r["partner_row_type"] == "economy"})
    groups: dict[str, set[str]] = {c: set() for c in codes}
    for r in ftas:
        rta = r["wto_rta_id"]
        if rta in ("126", "1170"):
            groups[r["partner_iso3"]].add("ASEAN")
        elif rta == "872" and r["partner_iso3"] != "GBR":  # GBR: covered during the Brexit transition only
            groups[r["partner_iso3"]].add("EU")
        elif rta == "973":
            groups[r["partner_iso3"]].add("EAEU")
        elif rta == "640":
            groups[r["partner_iso3"]].add("CPTPP")
    groups["VNM"] |= {"ASEAN", "CPTPP"}
    records = []
    for code in codes:
        alpha2 = next((a for a in aliases.get(code, []) if len(a) == 2), "")
        if alpha2 and alpha2 in en:
            names = (vi[alpha2], en[alpha2])
            kind = "economy"
        else:
            names, alpha2, kind = OWN_NAMES[code], "", "economy"
        records.append({"code": code, "iso2": alpha2, "kind": kind, "name_vi": names[0], "name_en": names[1],
                        "groups": ";".join(sorted(groups[code]))})
    for code, (name_vi, name_en) in BLOCS.items():
        records.append({"code": code, "iso2": "", "kind": "group", "name_vi": name_vi, "name_en": name_en,
                        "groups": ""})
    return write(PARTNERS_COLUMNS, records)


def agreements_table(agreements) -> str:
    records = []
    for r in agreements:
        key = r["wto_rta_id"] or r["short_name"]
        ident, name_vi, name_en = AGREEMENTS[key]
        counted = r["counted_in_15_in_force"]
        note = ""
        if key == "126":
            note = "WTO date 1993-01-01 predates Viet Nam's ASEAN membership (1995); counted with ATIGA as one line"
        elif key == "1170":
            note = "successor to AFTA; counted with AFTA as one line"
        elif key == "1218":
            note = "repeats the GBR–CPTPP pair of CPTPP; not a new agreement line"
        elif key == "RCEP":
            note = "not notified to the WTO; partner list not in the data; date from news (data/sources/PROVENANCE.md)"
        records.append({
            "id": ident, "short_name": r["short_name"], "name_vi": name_vi, "name_en": name_en,
            "form": r["agreement_form"], "vn_party": r["vn_party"], "in_force": r["earliest_pair_in_force_date"],
            "status": "inactive" if r["status"] == "Inactive" else "in_force",
            "parties": r["partners_iso3"], "wto_rta_id": r["wto_rta_id"],
            "counted_line": "yes" if counted.startswith("yes") else "no", "note": note,
        })
    return write(AGREEMENTS_COLUMNS, records)


_PREVIOUS = re.compile(r"(?P<level>[^()]+?)\s*(?:\((?P<date>[0-9-]+)\))?")


def partnerships_table(levels) -> str:
    records = []
    for r in levels:
        previous = _PREVIOUS.fullmatch(r["previous_level"].strip()) if r["previous_level"].strip() else None
        records.append({
            "partner": r["iso3"], "level": LEVELS[r["level"]], "date": r["date"],
            "previous_level": LEVELS[previous["level"]] if previous else "",
            "previous_date": (previous["date"] or "") if previous else "",
            "source": r["source"], "source_stored": "no", "quote": r["quote"],
        })
    return write(PARTNERSHIPS_COLUMNS, records)


def main(argv: list[str]) -> int:
    ftas, levels = rows("vnm_ftas.csv"), rows("vnm_partnerships.csv")
    fdi, imf = rows("vnm_fdi_registered_by_partner.csv"), rows("vnm_fdi_position_imf_dip_by_counterpart.csv")
    outputs = {
        "partners.csv": partners_table(ftas, fdi, imf, levels, rows("vnm_trade_by_partner_imf_dots.csv")),
        "agreements.csv": agreements_table(rows("vnm_fta_agreements.csv")),
        "partnerships.csv": partnerships_table(levels),
    }
    stale = [name for name, text in outputs.items()
             if not (DATA / name).exists() or (DATA / name).read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for name in stale:
            print(f"data/{name} is out of date: run scripts/build_partners.py")
        return int(bool(stale))
    for name in stale:
        (DATA / name).write_text(outputs[name], encoding="utf-8")
        print(f"wrote data/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
