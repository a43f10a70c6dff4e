"""Words of the Peers page in Vietnamese and English, and how its names read.

STRINGS has the one format of a table of words (core/words.py) and is merged into present/i18n.py's STRINGS:
pages look its keys up with i18n.t. Country names come from CLDR through Babel; the World Bank aggregates and
the series have their own (vi, en) tables here. Numbers and units read through present/formatting.py. Pure: no
Streamlit.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from vnintegration.core import peers
from vnintegration.core.words import lookup

STRINGS: dict[str, tuple[str, str]] = {
    "page_peers": ("So sánh khu vực", "Peers"),
    "peers_intro": (
        "Việt Nam bên cạnh ASEAN và các nền kinh tế châu Á, theo Chỉ số Phát triển Thế giới (WDI) của Ngân hàng Thế giới. Nhóm nước (đường nét đứt) không được xếp hạng.",
        "Viet Nam beside ASEAN and Asian economies, from the World Bank's World Development Indicators (WDI). Country groups (dashed lines) are never ranked.",
    ),
    "reason_unknown_country": ("không có nền kinh tế này trong dữ liệu", "no such economy in the data"),
    "reason_tf_unavailable": ("không áp dụng cho chỉ tiêu này; chỉ nhận {choices}", "not offered for this indicator; expected one of {choices}"),
    "peers_indicator": ("Chỉ tiêu", "Indicator"),
    "peers_countries": ("Nền kinh tế", "Economies"),
    "peers_countries_help": ("Chọn một hoặc nhiều nền kinh tế", "Pick one or more economies"),
    "peers_years": ("Khoảng năm", "Years"),
    "peers_transform": ("Cách tính", "Transform"),
    "ptf_level": ("Giá trị", "Level"),
    "ptf_index": ("Chỉ số", "Index"),
    "ptf_percap": ("Bình quân đầu người", "Per capita"),
    "ptf_pctgdp": ("% GDP", "% of GDP"),
    "ptf_yoy": ("So với năm trước", "Change on a year earlier"),
    "pdescribe_level": ("giá trị", "level"),
    "pdescribe_index": ("chỉ số, năm {base} = 100", "index, {base} = 100"),
    "pdescribe_percap": ("bình quân đầu người", "per capita"),
    "pdescribe_pctgdp": ("% GDP", "% of GDP"),
    "pdescribe_yoy": ("thay đổi so với năm trước", "change on a year earlier"),
    "peers_describe": ("{start}–{end}, {n} nền kinh tế, {transform}", "{start}–{end}, {n} economies, {transform}"),
    "peers_pick_country": ("Chọn ít nhất một nền kinh tế ở ô phía trên.", "Pick at least one economy above."),
    "peers_no_data": (
        "Không có số liệu cho lựa chọn này trong {start}–{end}. Hãy mở rộng khoảng năm hoặc chọn cách tính khác.",
        "There are no figures for this selection in {start}–{end}. Try a wider range of years or another transform.",
    ),
    "peers_left_out": ("Không hiển thị: {names} ({why}).", "Not shown: {names} ({why})."),
    "why_pctgdp": (
        "tỷ lệ của nhóm nước do WDI tính trên các nước có đủ số liệu, không tính lại từ tổng",
        "WDI computes a group's ratio over the members that report both figures; it is not recomputed from totals",
    ),
    "why_index": ("không có giá trị dương ở năm gốc {base}", "no positive value in the base year {base}"),
    "peers_no_values": ("Không có số liệu: {names}.", "No figures: {names}."),
    "peers_rank_heading": ("Xếp hạng năm {year}", "Ranking in {year}"),
    "peers_rank_intro": (
        "Xếp hạng trong các nước đã chọn có số liệu năm đó, giá trị cao nhất là hạng 1 (nhóm nước không xếp hạng).",
        "Rank among the chosen countries with a figure that year, the highest value first (groups are not ranked).",
    ),
    "peers_rank_home": (
        "Việt Nam xếp thứ {rank}/{of} năm {year} ({value}); 5 năm trước: {rank5}; 10 năm trước: {rank10}.",
        "Viet Nam ranks {rank} of {of} in {year} ({value}); 5 years earlier: {rank5}; 10 years earlier: {rank10}.",
    ),
    "peers_rank_no_home": ("Việt Nam không có số liệu năm {year} hoặc không được chọn.", "Viet Nam has no {year} figure or is not chosen."),
    "peers_rank_none": ("–", "–"),
    "peers_slope_heading": ("{a} và {b}", "{a} and {b}"),
    "peers_slope_same": ("Hãy chọn khoảng năm dài hơn một năm để so sánh hai năm.", "Pick more than one year to compare two years."),
    "peers_map_heading": ("Bản đồ năm {year}", "Map, {year}"),
    "peers_map_note": (
        "Các nước có số liệu năm {year} được tô màu; Singapore được vẽ bằng chấm tròn vì quá nhỏ ở tỷ lệ bản đồ này. Đường biên giới theo Natural Earth (tỷ lệ 1:110 triệu), chỉ để minh họa.",
        "Countries with a {year} figure are coloured; Singapore is a dot, too small at this map's scale. Borders from Natural Earth (1:110m), for illustration only.",
    ),
    "peers_map_scale": (
        "Màu theo thứ hạng (phân vị), không theo giá trị, để một nước có giá trị rất cao không làm mọi nước khác cùng một màu; các vạch trên thang màu là giá trị nhỏ nhất, các tứ phân vị và lớn nhất.",
        "Colours by rank (quantiles), not by value, so that one very high value does not leave every other country the same shade; the colour bar's ticks are the lowest value, the quartiles and the highest.",
    ),
    "peers_table": ("Xem bảng số liệu", "View the table"),
    "peers_download": ("Tải dữ liệu (CSV)", "Download the data (CSV)"),
    "peers_download_series": ("Tải chuỗi số liệu của biểu đồ (CSV)", "Download the chart's series (CSV)"),
    "peers_download_rank": ("Tải bảng xếp hạng {year} (CSV)", "Download the {year} ranking (CSV)"),
    "peers_download_slope": ("Tải bảng {a} và {b} (CSV)", "Download the {a} and {b} table (CSV)"),
    "peers_download_map": ("Tải số liệu bản đồ {year} (CSV)", "Download the {year} map's figures (CSV)"),
    "pcol_indicator": ("Chỉ tiêu", "Indicator"),
    "pcol_transform": ("Cách tính", "Transform"),
    "pcol_source": ("Nguồn", "Source"),
    "peers_source": ("Nguồn: {citation}.", "Source: {citation}."),
    "peers_from_trends": ("{name}: so với khu vực", "{name}: beside peers"),  # short: one line on a phone
    "pcol_code": ("Mã", "Code"),
    "pcol_country": ("Nền kinh tế", "Economy"),
    "pcol_year": ("Năm", "Year"),
    "pcol_value": ("Giá trị", "Value"),
    "pcol_unit": ("Đơn vị", "Unit"),
    "pcol_rank": ("Hạng", "Rank"),
    "pcol_rank_then": ("Hạng {year}", "Rank {year}"),
    "pcol_gain": ("Thay đổi hạng từ {year}", "Places gained since {year}"),
    "pcol_change": ("Thay đổi", "Change"),
    "group_suffix": (" (nhóm)", " (group)"),
}

AGGREGATE_NAMES: dict[str, tuple[str, str]] = {
    "EAS": ("Đông Á – Thái Bình Dương", "East Asia & Pacific"),
    "EAP": ("Đông Á – TBD (trừ thu nhập cao)", "East Asia & Pacific (excl. high income)"),
    "LMC": ("Thu nhập trung bình thấp", "Lower middle income"),
    "WLD": ("Thế giới", "World"),
}

SERIES_NAMES: dict[str, tuple[str, str]] = {
    "NY.GDP.MKTP.KD.ZG": ("Tăng trưởng GDP", "GDP growth"),
    peers.PCAP_GROWTH: ("Tăng trưởng GDP bình quân đầu người (tính từ GDP và dân số)", "GDP per capita growth (from GDP growth and population)"),
    "NY.GDP.MKTP.CD": ("GDP (giá hiện hành, USD)", "GDP (current US$)"),
    "NY.GDP.PCAP.CD": ("GDP bình quân đầu người (USD)", "GDP per capita (current US$)"),
    "SP.POP.TOTL": ("Dân số", "Population"),
    "TG.VAL.TOTL.GD.ZS": ("Thương mại hàng hóa (% GDP)", "Merchandise trade (% of GDP)"),
    "NE.EXP.GNFS.ZS": ("Xuất khẩu hàng hóa và dịch vụ (% GDP)", "Exports of goods and services (% of GDP)"),
    "NE.IMP.GNFS.ZS": ("Nhập khẩu hàng hóa và dịch vụ (% GDP)", "Imports of goods and services (% of GDP)"),
    "TX.VAL.MRCH.CD.WT": ("Xuất khẩu hàng hóa", "Merchandise exports"),
    "TM.VAL.MRCH.CD.WT": ("Nhập khẩu hàng hóa", "Merchandise imports"),
    "TX.VAL.TECH.MF.ZS": ("Xuất khẩu công nghệ cao (% xuất khẩu hàng chế tạo)", "High-technology exports (% of manufactured exports)"),
    "TX.VAL.TECH.CD": ("Xuất khẩu công nghệ cao", "High-technology exports"),
    "TX.MNF.TECH.ZS.UN": ("Xuất khẩu công nghệ trung bình và cao (% hàng chế tạo)", "Medium and high-tech exports (% of manufactured exports)"),
    "TX.VAL.FUEL.ZS.UN": ("Xuất khẩu nhiên liệu (% xuất khẩu hàng hóa)", "Fuel exports (% of merchandise exports)"),
    "TX.VAL.MMTL.ZS.UN": ("Xuất khẩu quặng và kim loại (% xuất khẩu hàng hóa)", "Ores and metals exports (% of merchandise exports)"),
    "TT.PRI.MRCH.XD.WD": ("Tỷ lệ trao đổi thương mại (2015 = 100)", "Net barter terms of trade (2015 = 100)"),
    "BX.KLT.DINV.CD.WD": ("FDI vào ròng (cán cân thanh toán)", "FDI net inflows (balance of payments)"),
    "BN.CAB.XOKA.CD": ("Cán cân vãng lai", "Current account balance"),
    "FI.RES.TOTL.CD": ("Dự trữ ngoại hối (gồm vàng)", "Total reserves (incl. gold)"),
    "BX.TRF.PWKR.CD.DT": ("Kiều hối nhận được", "Personal remittances received"),
    "DT.ODA.ODAT.CD": ("ODA ròng nhận được", "Net official development assistance received"),
    "DT.DOD.DECT.CD": ("Nợ nước ngoài", "External debt stocks"),
    "DT.DOD.DECT.GN.ZS": ("Nợ nước ngoài (% GNI)", "External debt stocks (% of GNI)"),
    "DT.TDS.DECT.EX.ZS": ("Trả nợ nước ngoài (% xuất khẩu và thu nhập sơ cấp)", "Total debt service (% of exports and primary income)"),
    "BX.GSR.ROYL.CD": ("Thu phí sở hữu trí tuệ", "Intellectual property charges, receipts"),
    "BM.GSR.ROYL.CD": ("Chi phí sở hữu trí tuệ", "Intellectual property charges, payments"),
    "LP.LPI.OVRL.XQ": ("Chỉ số hiệu quả logistics (1–5)", "Logistics performance index (1–5)"),
    "LP.EXP.DURS.MD": ("Thời gian xuất khẩu (ngày, trung vị)", "Lead time to export (days, median)"),
    "LP.IMP.DURS.MD": ("Thời gian nhập khẩu (ngày, trung vị)", "Lead time to import (days, median)"),
    "IS.SHP.GOOD.TU": ("Lưu lượng container qua cảng (TEU)", "Container port traffic (TEU)"),
    "ST.INT.RCPT.XP.ZS": ("Thu từ du lịch quốc tế (% tổng xuất khẩu)", "International tourism receipts (% of total exports)"),
    "ST.INT.XPND.MP.ZS": ("Chi cho du lịch quốc tế (% tổng nhập khẩu)", "International tourism expenditures (% of total imports)"),
    "SM.POP.TOTL": ("Số người nhập cư (tích lũy)", "International migrant stock"),
    "SM.POP.NETM": ("Di cư thuần", "Net migration"),
    "EG.IMP.CONS.ZS": ("Nhập khẩu năng lượng ròng (% sử dụng)", "Energy imports, net (% of energy use)"),
}

@lru_cache(maxsize=64)
def country_name(code: str, lang: str) -> str:
    """CLDR's name of a country (through Babel, from its alpha-2 code); our own for the World Bank groups."""
    if code in AGGREGATE_NAMES:
        return lookup(AGGREGATE_NAMES, code, lang)
    if code == peers.HOME and lang == "en":
        return "Viet Nam"  # the country's one English name across the app, as the UN writes it (CLDR: "Vietnam")
    alpha2 = peers.COUNTRIES.get(code)
    if alpha2 is None:
        return code
    return Locale(lang).territories.get(alpha2, code)


def series_name(code: str, lang: str, fallback: str = "") -> str:
    """The series' name in LANG; the file's English title (or the code) for a series with none here."""
    return lookup(SERIES_NAMES, code, lang) if code in SERIES_NAMES else (fallback or code)


def describe(year_from: int, year_to: int, n: int, tf: str, lang: str, base: int | None = None) -> str:
    """What is shown, in words: "2000–2024, 7 economies, index, 2000 = 100"."""
    how = lookup(STRINGS, "pdescribe_" + tf, lang, base=base) if tf == "index" else lookup(STRINGS, "pdescribe_" + tf, lang)
    return lookup(STRINGS, "peers_describe", lang, start=year_from, end=year_to, n=n, transform=how)

