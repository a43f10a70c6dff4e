"""The word tables the extractor reads Vietnamese with: units, qualifiers, status words, indicator keywords.

Kept small on purpose, one line per idea, so a reviewer can see why a figure got its
indicator. Patterns are regular expressions matched case-insensitively on the
words around a figure (see `extract.score_indicators`).

To teach the extractor a new indicator, add its catalog id to `KEYWORDS` with a few
phrases that name it in articles, and, when a phrase is shared with a neighbour,
a `NEEDS` gate or a negative weight that tells them apart.
"""

from __future__ import annotations

import re

from vnintegration.core.units import UNITS

_I = re.IGNORECASE

# --- numbers and units --------------------------------------------------------------
# A number in Vietnamese notation ("11.511,9", "7,09", "786"), or a decimal written
# with a dot that cannot be Vietnamese grouping ("7.09"). Never part of a document
# code, date, range or word ("59-NQ/TW", "27/11/2001", "2011-2025", "P4G").
NUMBER = re.compile(
    r"(?<![\w.,/\-])"
    r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.(?:\d{1,2}|\d{4,})(?![\d.])|\d+(?:,\d+)?)"
    r"(?![\w/]|[.,]\d|-\w|\s*[-–]\s*\d)"
)

# Unit words after a number: (pattern, unit code, power of ten the words add, noun), from each
# unit's metadata (core/units.py): "nghìn tỷ USD" is 10**3 usd_bn.
UNIT_WORDS: list[tuple[re.Pattern, str, int, str]] = [
    (re.compile(pattern, _I), code, power, noun)
    for code, unit in UNITS.items() for pattern, power, noun in unit.words
]
# The unit a figure with no indicator is given in, per family: the family's first unit (usd_bn, vnd_trillion).
FAMILY_UNIT = {unit.family: code for code, unit in reversed(UNITS.items())}
UNIT_END = re.compile(r"(?!\w)")

# Words just before a number that make it a rank, an ordinal year count, or a bare count (a unit code).
PREFIXES: list[tuple[re.Pattern, str, str]] = [
    (re.compile(r"\btop\s*$", _I), "rank", "within"),
    (re.compile(r"\bnhóm\s+$", _I), "rank", "within"),  # only with "nước|nền kinh tế|quốc gia" after
    (re.compile(r"\b(?:đứng|xếp|xếp hạng|hạng|vị trí)\s+(?:thứ\s+)?$", _I), "rank", "exact"),
    (re.compile(r"\bthứ hạng\s+$", _I), "rank", "exact"),
    (re.compile(r"\bnăm thứ\s+$", _I), "years", "exact"),
    (re.compile(r"\bcon số\s+$", _I), "count", "exact"),
]
GROUP_AFTER = re.compile(r"\s+(?:nước|nền kinh tế|quốc gia)(?!\w)", _I)

# --- qualifier, sign, status -----------------------------------------------------------
# Scanned right to left over the few words before a number; fillers are skipped.
FILLERS = {"đạt", "mức", "ngưỡng", "mốc", "lên", "tới", "là", "ở", "được", "có", "với", "con", "số", "đến",
           "khoảng", "trên", "hơn", "vượt", "gần", "dưới", "chừng", "xấp", "xỉ", "ít", "nhiều", "chưa", "ước",
           "tương", "đương", "cao", "thấp", "tính", "lần", "lượt", "đã", "sẽ", "chỉ", "kỷ", "lục"}
QUALIFIER_WORDS = {"trên": "over", "hơn": "over", "vượt": "over", "khoảng": "about", "chừng": "about",
                   "xỉ": "about", "gần": "nearly", "dưới": "under"}
QUALIFIER_PAIRS = {("ít", "hơn"): "under", ("chưa", "tới"): "under", ("chưa", "đến"): "under",
                   ("cao", "hơn"): None, ("thấp", "hơn"): None, ("gần", "như"): None}
# "từ 10% trở lên": at least; "từ 5% trở xuống": at most.
QUALIFIER_AFTER = [(re.compile(r"\btừ\s+(?:mức\s+)?$", _I), re.compile(r"\s*trở lên\b", _I), "over"),
                   (re.compile(r"\btừ\s+(?:mức\s+)?$", _I), re.compile(r"\s*trở xuống\b", _I), "under")]
# A goal the text heads for ("hướng tới mốc 1.000 tỷ USD") is no figure of any period.
GOAL = re.compile(r"(?:hướng tới|hướng đến|nhắm tới|nhắm đến|tiến tới)\s+(?:(?:cột )?mốc|ngưỡng|con số)?\s*$", _I)
SIGN_WORDS = {"tăng": 1, "giảm": -1, "âm": -1}
# Indicators whose figure is negative when these words name it just before ("nhập siêu 2 tỷ USD").
NEGATIVE_WHEN = {"trade_balance": re.compile(r"(?:nhập siêu|thâm hụt)\W+(?:\w+\W+){0,4}$", _I)}

STATUS_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"dự kiến|dự báo|kỳ vọng|có thể đạt|dự tính|\bsẽ (?:là|đạt|vượt|tăng|giảm|lên|chạm)\b", _I),
     "forecast"),
    (re.compile(r"(?<!điều )(?<!mong )(?<!hiệp )\bước(?= (?:tính|đạt|tăng|giảm|khoảng|chừng|gần|trên|hơn|\d))", _I),
     "estimate"),
    (re.compile(r"mục tiêu|phấn đấu|chỉ tiêu|kế hoạch (?:đề ra|đặt ra)", _I), "target"),
]

# A clause after ";" with no status word of its own takes the status of the clause before when it is a
# part of it ("; trong đó xuất khẩu đạt ...") or on the same topic ("xuất khẩu ước đạt ...; nhập khẩu đạt ...").
STATUS_PART = re.compile(r"^\s*trong đó\b", _I)
STATUS_TOPICS = [re.compile(p, _I) for p in (
    r"xuất khẩu|nhập khẩu|xuất siêu|nhập siêu|cán cân|kim ngạch|\bXNK\b",
    r"\bFDI\b|đầu tư (?:trực tiếp )?nước ngoài|vốn (?:đăng ký|thực hiện|giải ngân)",
    r"\bGDP\b|tổng sản phẩm|tăng trưởng kinh tế",
    r"sản xuất (?:toàn ngành )?công nghiệp|\bIIP\b|chế biến")]

# --- indicator keywords ----------------------------------------------------------------
# (catalog id, pattern, weight). Weights: 4 names the indicator outright, 2–3 points at
# it, 1 is a hint; negative weights (checked only just before the figure) rule it out.
_TRADE_TOTAL = r"xuất,? nhập khẩu|\bXNK\b|kim ngạch thương mại|thương mại hai chiều"
_FDI = r"\bFDI\b|đầu tư (?:trực tiếp )?nước ngoài"
_AGRI = r"nông,? lâm(?: sản)?,? (?:và )?thủy sản|nông lâm thủy sản|nông sản|thủy sản|thuỷ sản|nông nghiệp"
KEYWORDS: list[tuple[str, str, float]] = [
    ("gdp_growth", r"\bGDP\b|tổng sản phẩm trong nước|tăng trưởng kinh tế|kinh tế tăng trưởng", 3),
    ("gdp_vnd", r"\bGDP\b|quy mô (?:nền )?kinh tế|tổng sản phẩm trong nước", 3),
    ("gdp_usd", r"\bGDP\b|quy mô (?:nền )?kinh tế|tổng sản phẩm trong nước", 3),
    ("trade_turnover", _TRADE_TOTAL, 3),
    ("trade_turnover_growth", _TRADE_TOTAL, 3),
    ("exports", r"xuất khẩu", 2),
    ("imports", r"(?<!xuất )(?<!xuất, )nhập khẩu", 2),
    ("trade_balance", r"cán cân thương mại|xuất siêu|nhập siêu|thặng dư thương mại|thâm hụt thương mại", 4),
    ("trade_surplus_years", r"xuất siêu", 3),
    ("fdi_registered", _FDI, 1.5),
    ("fdi_registered", r"đăng ký|thu hút", 2),
    ("fdi_disbursed", _FDI, 1),
    ("fdi_disbursed", r"thực hiện|giải ngân", 2),
    ("fdi_new_projects", r"dự án (?:FDI )?(?:mới|cấp mới)|cấp phép mới|được cấp phép", 4),
    # the capital of new projects is a part of the registered total
    ("fdi_registered", r"dự án (?:FDI )?mới|mới được cấp phép|cấp phép mới", -8),
    ("industrial_production_growth", r"sản xuất (?:toàn ngành )?công nghiệp|\bIIP\b|chỉ số công nghiệp", 3),
    ("manufacturing_contribution_pp", r"chế biến,? chế tạo", 3),
    ("agri_exports", _AGRI, 3),
    ("agri_output_growth", _AGRI, 2),
    ("agri_output_growth", r"giá trị sản xuất", 2),
    # "từ (mức) Đối tác toàn diện (trở lên)", not the comprehensive level alone ("Đối tác toàn diện với 12 nước")
    ("comprehensive_partners", r"từ (?:mức |cấp )?đối tác toàn diện|toàn diện trở lên", 4),
    ("upgraded_relations", r"nâng cấp", 4),
    ("diplomatic_relations", r"quan hệ ngoại giao", 4),
    ("ftas_signed", r"\bFTA\b|hiệp định thương mại", 2),
    ("ftas_signed", r"ký kết|tận dụng|thực thi|có hiệu lực", 1),
    ("ftas_signed", r"đang đàm phán", -6),
    ("ftas_network", r"\bFTA\b|hiệp định thương mại", 2),
    ("ftas_network", r"đàm phán", 2),
    ("ftas_network", r"đang đàm phán", -6),
    ("fta_partners", r"\bFTA\b|hiệp định thương mại", 2),
    ("fta_partners", r"đối tác", 1),
    ("high_level_activities", r"hoạt động đối ngoại|đối ngoại cấp cao", 4),
    ("agreements_signed", r"th[ỏo]a thuận", 4),
    ("rank_economy_size", r"nền kinh tế lớn nhất|quy mô (?:nền )?kinh tế|quy mô GDP", 4),
    ("rank_trade", r"thương mại", 4),
    ("rank_fdi", r"thu hút (?:đầu tư|FDI|vốn)|" + _FDI, 4),
    ("rank_fdi", r"đang phát triển", -8),
    ("rank_fdi_developing", r"thu hút (?:đầu tư|FDI|vốn)|" + _FDI, 4),
    ("rank_fdi_developing", r"đang phát triển", 2),
    ("rank_innovation", r"đổi mới sáng tạo|\bGII\b", 4),
    # A share ("chiếm 30%") or a rate of something else is not a growth figure.
    *[(ind, r"chiếm|tỷ lệ|tỉ lệ|tỷ trọng|lãi suất|lạm phát|\bCPI\b", -8)
      for ind in ("gdp_growth", "trade_turnover_growth", "industrial_production_growth", "agri_output_growth")],
]
KEYWORD_RULES = [(ind, re.compile(p, _I), w) for ind, p, w in KEYWORDS]

# Negative rules read over the whole clause before the figure, not only its last words:
# trade with one market ("thị trường xuất khẩu lớn nhất ... 109 tỷ USD", "xuất khẩu sang
# các thị trường có FTA") is not the country's total.
# Trade with one market or between two countries ("xuất siêu sang Hoa Kỳ", "thương mại hai chiều
# giữa Việt Nam và Hàn Quốc") is not the country's total either.
# With a partner or a product tied to the figure (extract/trade.py), it is kept as that partner's or product's.
_TRADE = ("exports", "imports", "trade_turnover", "trade_balance", "trade_turnover_growth")
ONE_MARKET = re.compile(r"thị trường|(?:xuất khẩu|xuất siêu|nhập siêu|thặng dư|thâm hụt) sang|"
                        r"(?:nhập khẩu|nhập siêu) từ|\bgiữa\b.{1,30}\bvà\b|song phương", _I)
FAR_NEGATIVES = [(ind, ONE_MARKET, -8) for ind in _TRADE]
# The FDI sector's (or the domestic sector's) exports and imports are parts of the totals, and not FDI
# capital: "khu vực có vốn đầu tư nước ngoài (kể cả dầu thô) đạt 278,3 tỷ USD".
_SECTOR = re.compile(r"khu vực (?:có vốn )?(?:đầu tư (?:trực tiếp )?nước ngoài|FDI)|khu vực kinh tế trong nước|"
                     r"doanh nghiệp (?:có vốn )?(?:FDI|đầu tư (?:trực tiếp )?nước ngoài)", _I)
FAR_NEGATIVES += [(ind, _SECTOR, -8) for ind in (*_TRADE, "fdi_registered", "fdi_disbursed")]
# Every catalog indicator is national: a province's or a city's figure is not one of them. Read over
# the whole sentence before the figure, unless the country is named after the province or city; where
# something was said ("Phát biểu tại thành phố Hải Phòng, ...") is not whose figure it is.
REGIONAL = re.compile(r"(?<!tại )(?<!ở )(?:\btỉnh\b|thành phố|\bTP\b)|trên địa bàn|\bGRDP\b", _I)
NATIONAL = re.compile(r"(?<!dẫn đầu )\bcả nước\b|toàn quốc|\bViệt Nam\b", _I)

# An indicator is suggested only when its gate words are near the figure.
NEEDS = {ind: re.compile(p, _I) for ind, p in {
    "fdi_registered": _FDI, "fdi_disbursed": _FDI, "fdi_new_projects": _FDI,
    "rank_fdi_developing": r"đang phát triển",
    "ftas_network": r"đàm phán",
    "trade_surplus_years": r"xuất siêu",
    "fta_partners": r"đối tác",
}.items()}

# A count is of the thing its unit names: "60 đối tác" is no count of FTAs, "19 FTA" no count of partners.
COUNT_NOUNS = {"ftas_signed": {"FTA"}, "ftas_network": {"FTA"}, "fta_partners": {"đối tác", "nước"},
               "diplomatic_relations": {"nước"}, "upgraded_relations": {"nước", "đối tác"},
               "comprehensive_partners": {"nước", "đối tác"}, "agreements_signed": {"thỏa thuận"},
               "high_level_activities": {"hoạt động"}, "fdi_new_projects": {"dự án"}}

# Words just before a figure that restate the quantity before it for another period ("cao hơn mức tăng
# 6,93% của quý I/2025", "(cùng kỳ năm 2025 đạt 23,6 tỷ USD)"): the figure takes that quantity's indicator.
RESTATED_BEFORE = re.compile(r"(?:cao hơn|thấp hơn|so với|bằng|gấp \w+)\s+(?:mức|tốc độ)(?: tăng(?: trưởng)?)?\s*$|"
                             r"\bcùng kỳ(?: (?:của )?năm (?:trước|ngoái|\d{4}))?\s+(?:đạt|là|ở mức)?\s*$", _I)

# Gates read over the whole sentence: the topic ("vốn FDI đăng ký ...; vốn giải ngân ...").
SENTENCE_NEEDS = {"fdi_registered", "fdi_disbursed"}
# ... and over the sentence before when this one opens "Trong đó" ("... vốn đầu tư nước ngoài ... Trong đó,
# có 3.702 dự án mới"); not for capital, where such a part is new or adjusted capital, not the total.
WHOLE_NEEDS = {"fdi_new_projects"}

# A growth rate said right after a level ("đạt 786 tỷ USD, tăng 15,08%") is that level's growth.
GROWTH_OF = {"trade_turnover": "trade_turnover_growth"}
# Figures an article may call exports or imports but that are total turnover.
TRADE_FAMILY = ("exports", "imports", "trade_turnover")
