"""The units an indicator is measured in: one metadata object per unit, everything about it in one place.

A unit says how it is labelled (vi, en), how a value is written in it, how many decimals a
full-precision value shows, how articles write it after a number (the extractor's patterns), and
which units of a dataset file scale to it. Units of one `family` (US dollars, đồng) differ by a
power of ten (`power`: the unit is 10**power of the family's base), so converting between them,
or from a dataset's unit, shifts the decimal point and never multiplies floats.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Unit:
    code: str  # as indicators.csv writes it
    label: tuple[str, str]  # (vi, en) for axes and column headers
    written: tuple[str, str]  # (vi, en) pattern of a value; {n} is the formatted number
    decimals: int  # most decimals shown for a value carried at full precision
    family: str  # what it counts: units of one family convert by powers of ten
    power: int = 0  # the unit is 10**power of its family's base (usd_bn: 9, a billion dollars)
    # How articles write the unit after a number: (regular expression, power of ten it adds to
    # this unit, the noun a count is of). "nghìn tỷ USD" is 10**3 usd_bn.
    words: tuple[tuple[str, int, str], ...] = ()
    # A dataset file's `unit` cell -> the power of ten of the family's base it is in.
    dataset_units: dict[str, int] = field(default_factory=dict)


_USD = r"(?:USD|US\$|đô la(?: Mỹ)?|đô)"
_VND = r"(?:đồng|VNĐ|VND)"

UNITS: dict[str, Unit] = {u.code: u for u in (
    Unit("percent", ("%", "%"), ("{n}%", "{n}%"), 2, "percent",
         words=((r"%|phần trăm", 0, ""),),
         dataset_units={"percent": 0, "percent of GDP": 0}),
    Unit("pp", ("điểm %", "pp"), ("{n} điểm %", "{n} pp"), 2, "pp",
         words=((r"điểm phần trăm|điểm %", 0, ""),)),
    Unit("usd_bn", ("tỷ USD", "USD bn"), ("{n} tỷ USD", "USD {n} bn"), 1, "usd", 9,
         words=((r"(?:nghìn|ngàn) t[ỷỉ] (?:USD|đô la(?: Mỹ)?)", 3, ""), (rf"t[ỷỉ] {_USD}", 0, "")),
         dataset_units={"current US$": 0, "million US$": 6, "billion US$": 9}),
    Unit("usd_mn", ("triệu USD", "USD mn"), ("{n} triệu USD", "USD {n} mn"), 0, "usd", 6,
         words=((rf"triệu {_USD}", 0, ""),),
         dataset_units={"current US$": 0, "million US$": 6}),
    Unit("vnd_trillion", ("nghìn tỷ đồng", "VND trn"), ("{n} nghìn tỷ đồng", "VND {n} trn"), 1, "vnd", 12,
         words=((rf"triệu t[ỷỉ] {_VND}", 3, ""), (rf"(?:nghìn|ngàn) t[ỷỉ] {_VND}", 0, ""), (rf"t[ỷỉ] {_VND}", -3, ""))),
    Unit("count", ("số lượng", "number"), ("{n}", "{n}"), 0, "count",
         words=((r"hiệp định thương mại tự do|hiệp định thương mại|hiệp định|FTA", 0, "FTA"),
                (r"đối tác", 0, "đối tác"),
                (r"quốc gia(?:,? (?:và )?vùng lãnh thổ)?|nước", 0, "nước"),
                (r"th[ỏo]a thuận", 0, "thỏa thuận"),
                (r"hoạt động", 0, "hoạt động"),
                (r"dự án", 0, "dự án")),
         dataset_units={"agreements": 0, "projects": 0}),
    Unit("rank", ("thứ hạng", "rank"), ("thứ {n}", "{n}"), 0, "rank"),  # English ordinal added when formatted
    Unit("years", ("năm", "years"), ("{n} năm", "{n} years"), 0, "years",
         words=((r"năm", 0, "năm"),)),
    # The Peers page's units (core/peers.py): the World Bank's WDI units, and what its transforms give.
    Unit("usd_per_person", ("USD/người", "USD per person"), ("{n} USD/người", "USD {n} per person"), 0,
         "usd_per_person", dataset_units={"current US$ per person": 0}),
    Unit("persons_mn", ("triệu người", "million people"), ("{n} triệu người", "{n} million people"), 2, "persons", 6,
         dataset_units={"persons": 0}),
    Unit("persons_th", ("nghìn người", "thousand people"), ("{n} nghìn người", "{n} thousand people"), 0,
         "persons", 3, dataset_units={"persons (net)": 0}),
    Unit("teu_mn", ("triệu TEU", "million TEU"), ("{n} triệu TEU", "{n} million TEU"), 2, "teu", 6,
         dataset_units={"TEU (20-foot equivalent units)": 0}),
    *(Unit(code, label, (f"{{n}} {label[0]}", f"{{n}} {label[1]}"), 2, code, dataset_units={wdi: 0})
      for code, label, wdi in (
          ("pct_gdp", ("% GDP", "% of GDP"), "percent of GDP"),
          ("pct_gni", ("% GNI", "% of GNI"), "percent of GNI"),
          ("pct_manuf_exports", ("% xuất khẩu hàng chế tạo", "% of manufactured exports"),
           "percent of manufactured exports"),
          ("pct_merch_exports", ("% xuất khẩu hàng hóa", "% of merchandise exports"), "percent of merchandise exports"),
          ("pct_total_exports", ("% tổng xuất khẩu", "% of total exports"), "percent of total exports"),
          ("pct_total_imports", ("% tổng nhập khẩu", "% of total imports"), "percent of total imports"),
          ("pct_exports_gspi", ("% xuất khẩu và thu nhập sơ cấp", "% of exports and primary income"),
           "percent of exports of goods, services and primary income"),
          ("pct_energy_use", ("% năng lượng sử dụng", "% of energy use"), "percent of energy use"),
      )),
    Unit("index_2015", ("chỉ số, 2015 = 100", "index, 2015 = 100"), ("{n}", "{n}"), 1, "index_2015",
         dataset_units={"index (2015 = 100)": 0}),
    Unit("score_1_5", ("điểm (1–5)", "score (1–5)"), ("{n}", "{n}"), 2, "score_1_5",
         dataset_units={"index (1 = low to 5 = high)": 0}),
    Unit("days", ("ngày", "days"), ("{n} ngày", "{n} days"), 1, "days", dataset_units={"days": 0}),
    # {base} in a label is the index's base year, filled where it is shown.
    Unit("index_base", ("chỉ số, {base} = 100", "index, {base} = 100"), ("{n}", "{n}"), 1, "index_base"),
    Unit("pct_change", ("% so với năm trước", "% on a year earlier"), ("{n}%", "{n}%"), 2, "pct_change"),
    Unit("points", ("điểm", "points"), ("{n} điểm", "{n} points"), 2, "points"),
)}


def shift(from_code: str, to_code: str) -> int | None:
    """The power of ten that takes a value in unit `from_code` to unit `to_code`; None when they
    measure different things (usd_mn -> usd_bn: -3; percent -> usd_bn: None)."""
    a, b = UNITS.get(from_code), UNITS.get(to_code)
    if a is None or b is None or a.family != b.family:
        return None
    return a.power - b.power


def dataset_shift(dataset_unit: str, code: str) -> int | None:
    """The power of ten that takes a dataset file's value in `dataset_unit` ("current US$") to
    the indicator's unit `code`; None when the unit does not scale to it."""
    unit = UNITS.get(code)
    if unit is None or dataset_unit not in unit.dataset_units:
        return None
    return unit.dataset_units[dataset_unit] - unit.power


def scale(value: float, power: int) -> float:
    """`value` times 10**power, rounded once (a division for a negative power: 5 / 1000 is 0.005)."""
    return value * 10**power if power >= 0 else value / 10**-power
