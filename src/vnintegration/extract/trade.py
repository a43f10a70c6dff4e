"""Trade with one partner or in one product: which partner code (data/partners.csv) and which product code
(data/products.csv) a trade figure is for.

The names are read from the catalogues themselves, so a new economy or product needs no code here:
partners.csv's `name_vi` (with its bracketed short form: "Liên minh châu Âu (EU)" -> both) and, where it is
written in Latin letters the press uses as is, its `name_en` ("Canada", "Mexico"); products.csv's `name_vi`.
`PARTNER_ALIASES` and `PRODUCT_ALIASES` add the names the press uses besides ("Mỹ", "Úc", "dệt may").

A partner is taken only where the words tie it to the figure: "xuất khẩu sang X", "nhập khẩu từ X",
"xuất siêu sang X", "nhập siêu từ X", "với X", "X là thị trường ... (lớn nhất) với", "Việt Nam - X",
"thị trường X", a list item "; X đạt ...". "thị trường này", "khối này", "hai nước" take the partner named
last before. A subset of several partners ("6 thị trường lớn nhất (gồm Trung Quốc, Mỹ, ASEAN, ...)") is no
partner. A product is taken from its name in the words before the figure ("điện thoại và linh kiện đạt ...",
"xuất khẩu dệt may ...") or from "nhóm hàng này" / "mặt hàng này" (the product named last before).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from pathlib import Path

_I = re.IGNORECASE
BUNDLED = Path(__file__).resolve().parents[3] / "data"

# Names the press uses besides the catalogue's own (code -> names). Matched case-sensitively, as written.
PARTNER_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("Hoa Kỳ", "Mỹ", "Hợp chủng quốc Hoa Kỳ"),
    "CHN": ("Trung Quốc",),
    "KOR": ("Hàn Quốc", "Đại Hàn Dân Quốc"),
    "JPN": ("Nhật Bản", "Nhật"),
    "EU": ("EU", "Liên minh châu Âu", "Liên minh Châu Âu", "EU27", "EU-27"),
    "ASEAN": ("ASEAN", "khối ASEAN", "Đông Nam Á"),
    "CPTPP": ("CPTPP", "các nước CPTPP", "khối CPTPP"),
    "GBR": ("Vương quốc Anh", "Anh"),
    "AUS": ("Úc", "Australia", "Ô-xtrây-li-a"),
    "TWN": ("Đài Loan",),
    "HKG": ("Hồng Kông", "Hong Kong"),
    "IND": ("Ấn Độ",),
    "RUS": ("Nga", "Liên bang Nga"),
    "NLD": ("Hà Lan",),
    "DEU": ("Đức",),
    "FRA": ("Pháp",),
    "CAN": ("Canada", "Ca-na-đa"),
    "MEX": ("Mexico", "Mê-hi-cô"),
    "THA": ("Thái Lan",),
    "IDN": ("Indonesia", "In-đô-nê-xi-a"),
    "MYS": ("Malaysia", "Ma-lai-xi-a"),
    "PHL": ("Philippines", "Phi-líp-pin"),
    "SGP": ("Singapore", "Xin-ga-po"),
    "KHM": ("Campuchia",),
    "LAO": ("Lào",),
    "NZL": ("New Zealand", "Niu Di-lân"),
    "CHL": ("Chile", "Chi-lê"),
    "PER": ("Peru", "Pê-ru"),
    "BRN": ("Brunei",),
    "ARE": ("UAE", "Các Tiểu vương quốc Ả Rập Thống nhất"),
    "SAU": ("Ả Rập Saudi", "Ả-rập Xê-út"),
    "BRA": ("Brazil", "Bra-xin"),
    "ITA": ("Italy", "I-ta-li-a"),
    "ESP": ("Tây Ban Nha",),
    "BEL": ("Bỉ",),
    "CHE": ("Thụy Sĩ",),
    "TUR": ("Thổ Nhĩ Kỳ",),
    "ISR": ("Israel", "I-xra-en"),
}
# Words that are a name in another sense right after the partner's ("Mỹ kim" is the dollar, "Anh ngữ" English).
_NOT_A_PARTNER_AFTER = re.compile(r"\s*(?:kim|phẩm|thuật|ngữ|văn|quốc|hóa|hoá)\b", _I)

# The products the catalogue (data/products.csv) has when its file is not there: code -> Vietnamese name.
DEFAULT_PRODUCTS: dict[str, str] = {
    "phones": "Điện thoại các loại và linh kiện",
    "electronics": "Máy vi tính, sản phẩm điện tử và linh kiện",
    "machinery": "Máy móc, thiết bị, dụng cụ, phụ tùng khác",
    "textiles": "Hàng dệt, may",
    "footwear": "Giày dép các loại",
    "wood": "Gỗ và sản phẩm gỗ",
    "agro_forestry_fishery": "Nông, lâm, thủy sản",
    "seafood": "Thủy sản",
    "rice": "Gạo",
    "coffee": "Cà phê",
    "steel": "Sắt thép",
    "crude_oil": "Dầu thô",
    "fabrics": "Vải các loại",
    "plastics": "Chất dẻo nguyên liệu",
}
# Shorter or other names the press uses (regular expressions, case-insensitive), by product code.
PRODUCT_ALIASES: dict[str, tuple[str, ...]] = {
    "phones": (r"điện thoại(?: di động)?(?: các loại)?(?:,? (?:và )?linh kiện)?",),
    "electronics": (r"máy vi tính,? (?:các )?sản phẩm điện tử(?:,? (?:và )?linh kiện)?",
                    r"(?<!thương mại )(?:sản phẩm |hàng |linh kiện )?điện tử(?:,? máy tính)?(?:,? (?:và )?linh kiện)?"),
    "machinery": (r"máy móc,? thiết bị,? dụng cụ(?:,? phụ tùng(?: khác)?)?", r"máy móc(?:,? thiết bị)?"),
    "textiles": (r"hàng dệt,? may", r"dệt,? may"),
    "footwear": (r"giày dép(?: các loại)?", r"giày,? dép"),
    "wood": (r"gỗ và (?:các )?sản phẩm (?:từ )?gỗ", r"(?:sản phẩm |đồ )?gỗ"),
    "agro_forestry_fishery": (r"nông,? lâm,? (?:và )?thủy sản", r"nông lâm thủy sản", r"nông\s*-\s*lâm\s*-\s*thủy sản",
                              r"nông,? lâm,? (?:và )?thuỷ sản"),
    "seafood": (r"thủy sản", r"thuỷ sản", r"hải sản"),
    "rice": (r"gạo",),
    "coffee": (r"cà phê",),
    "steel": (r"sắt thép", r"thép"),
    "crude_oil": (r"(?<!kể cả )dầu thô",),
    "fabrics": (r"vải(?: các loại)?(?:,? (?:và )?nguyên phụ liệu)?",),
    "plastics": (r"chất dẻo(?: nguyên liệu)?", r"nhựa nguyên liệu", r"hạt nhựa"),
}

# Trade indicators a partner or product is kept on.
PARTNER_INDICATORS = ("exports", "imports", "trade_balance", "trade_turnover", "trade_turnover_growth")
PRODUCT_INDICATORS = ("exports", "imports", "trade_balance")

# Before a partner's name: the words that tie it to a trade figure.
_TIE_BEFORE = re.compile(r"(?:\bsang|\btừ|\bvới|thị trường|\bkhối|\bgiữa Việt Nam và|Việt Nam\s*[-–—]|"
                         r"Việt\s*[-–—]|\bViệt Nam và|[;:(]|^|\bvà|,)\s*(?:các nước |các thị trường |nước |"
                         r"thành viên |thị trường )?$", _I)
# After it: the words that make it the subject of a trade figure ("Hoa Kỳ là thị trường ...", "Hàn Quốc tăng ...").
_TIE_AFTER = re.compile(r"\s*(?:\(\w+\)\s*)?(?:là|đạt|tăng|giảm|đứng|dẫn đầu|tiếp tục|tiếp theo|ước|với|:|\(|,\s*đạt)",
                        _I)
# "thị trường này", "khối này", "hai nước": the partner named last before.
BACK_REFERENCE = re.compile(r"thị trường (?:này|trên)|khối (?:này|trên)|nước (?:này|bạn)|quốc gia (?:này|trên)|"
                            r"hai nước|hai bên|song phương|hai chiều|đối tác này", _I)
# "nhóm hàng này", "mặt hàng này": the product named last before.
PRODUCT_BACK_REFERENCE = re.compile(r"(?:nhóm|mặt|ngành) hàng (?:này|trên)", _I)
# A subset of markets: never one partner's figure.
SUBSET = re.compile(r"\d+\s+(?:thị trường|đối tác|nước|quốc gia|nền kinh tế)|các thị trường(?! này)", _I)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


@functools.lru_cache(maxsize=8)
def partner_names(data_dir: str = str(BUNDLED)) -> tuple[tuple[str, str], ...]:
    """(name, code) pairs, longest name first, from DATA_DIR/partners.csv plus PARTNER_ALIASES."""
    names: dict[str, str] = {}
    rows = _read_csv(Path(data_dir) / "partners.csv")
    codes = {r.get("code", "").strip() for r in rows} - {""}
    for row in rows:
        code, vi, en = (row.get(k, "").strip() for k in ("code", "name_vi", "name_en"))
        if not code or code == "VNM":
            continue
        for name in re.split(r"\s*[()]\s*", vi):
            if len(name) > 2 or name.isupper():
                names.setdefault(name, code)
        if en and en.isascii() and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", en):
            names.setdefault(en, code)
    for code, aliases in PARTNER_ALIASES.items():
        if codes and code not in codes:
            continue
        for name in aliases:
            names[name] = code
    return tuple(sorted(names.items(), key=lambda kv: -len(kv[0])))


@functools.lru_cache(maxsize=8)
def partner_pattern(data_dir: str = str(BUNDLED)) -> tuple[re.Pattern, dict[str, str]]:
    table = dict(partner_names(data_dir))
    alternatives = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), table


@functools.lru_cache(maxsize=8)
def product_patterns(data_dir: str = str(BUNDLED)) -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, code) pairs: products.csv's names (else DEFAULT_PRODUCTS) and PRODUCT_ALIASES."""
    rows = _read_csv(Path(data_dir) / "products.csv")
    products = {r["code"].strip(): r.get("name_vi", "").strip() for r in rows if r.get("code", "").strip()} \
        or dict(DEFAULT_PRODUCTS)
    out = []
    for code, name in products.items():
        words = [re.escape(name)] if name else []
        words += [p for p in PRODUCT_ALIASES.get(code, ())]
        if words:  # "(kể cả dầu thô)" names a part of a sector's trade, not a product's figure
            out.append((re.compile(rf"(?<!\w)(?<!kể cả )(?:{'|'.join(words)})(?!\w)", _I), code))
    return tuple(out)


def partners_in(text: str, data_dir: str = str(BUNDLED)) -> list[tuple[int, int, str]]:
    """(start, end, code) of every partner name in TEXT, tied to trade or not."""
    pattern, table = partner_pattern(data_dir)
    out = []
    for found in pattern.finditer(text):
        if _NOT_A_PARTNER_AFTER.match(text, found.end()) and found.group() in ("Mỹ", "Anh", "Nhật", "Pháp"):
            continue
        out.append((found.start(), found.end(), table[found.group()]))
    return out


def tied(text: str, start: int, end: int) -> bool:
    """Is the partner name at TEXT[start:end] tied to a trade figure by the words around it?"""
    return bool(_TIE_BEFORE.search(text[max(0, start - 40):start]) or _TIE_AFTER.match(text, end))


def products_in(text: str, data_dir: str = str(BUNDLED)) -> list[tuple[int, int, str]]:
    """(start, end, code) of every product name in TEXT, longest match first where they overlap."""
    found = []
    for pattern, code in product_patterns(data_dir):
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), code))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[int, int, str]] = []
    for f in found:
        if out and f[0] < out[-1][1]:
            if f[1] - f[0] > out[-1][1] - out[-1][0]:
                out[-1] = f
            continue
        out.append(f)
    return out


# --- the ties of each figure, and the rules that read them ---------------------------------------------------

# "Với Hàn Quốc, ...", "Đối với thị trường EU, ...": the partner of every figure of the sentence.
_OPENER = re.compile(r"\s*(?:[\w\s,]{0,30}?,\s*)?(?:Với|Đối với|Riêng với|Riêng|Về|Trong thương mại với)\s+"
                     r"(?:thị trường\s+|khối\s+|các nước\s+)?$")
# Another economy's own figure ("thâm hụt thương mại của Hoa Kỳ", "nhập khẩu của Mỹ"), or a company's.
_OF_PARTNER = re.compile(r"(?:thâm hụt|thặng dư|xuất khẩu|nhập khẩu|cán cân)[^,;]{0,30}\bcủa\s*$", _I)
COMPANY = re.compile(r"\b(?:công ty|tập đoàn|Samsung|LG Display|Intel|Foxconn|một doanh nghiệp|doanh nghiệp này)\b|"
                     r"\b(?:Tập đoàn|Công ty)\b", _I)
# The FDI or the domestic sector's trade (extract/rules.py: no catalogue indicator takes it with a code).
SECTOR = re.compile(r"khu vực (?:có vốn )?(?:đầu tư (?:trực tiếp )?nước ngoài|FDI)|khu vực kinh tế trong nước|"
                    r"doanh nghiệp (?:có vốn )?(?:FDI|đầu tư (?:trực tiếp )?nước ngoài)", _I)
# Words that make a figure the country's total, not the partner's of the figure before it.
_NATIONAL_WORDS = re.compile(r"\btổng\b|cả nước|\bchung\b|toàn quốc|với thế giới|\bchiếm\b", _I)
# Words that say nothing of their own: the figure goes on with the one before ("tăng 8,2%, đạt 41,5 tỷ USD").
_BARE = re.compile(r"[\s,]*(?:ước |và |với |lên |tương ứng )?(?:đạt|lên mức|ở mức|mức|với|lên)?\s*", _I)
# A partner's tie after the figure: "để nhập khẩu hàng hóa từ Nhật Bản", "xuất khẩu sang Mỹ".
_AFTER_TIE = re.compile(r"(?:\bsang|\btừ|\bvới)\s*(?:thị trường\s*)?$", _I)
_AFTER_LEAD = re.compile(r"\s*(?:hàng hóa\s*)?(?:để\s+)?(?:nhập khẩu|xuất khẩu|mua|bán)\b[^,;]{0,30}$", _I)
# An increase ("tương ứng tăng 18,88 tỷ USD") is no level of a partner's or product's trade.
_CHANGE = re.compile(r"(?:tăng|giảm)(?: thêm| tới| mạnh| khoảng| gần| hơn| trên)?\s*$", _I)
# The trade quantity a clause names, nearest last: (pattern, indicator, sign).
DIRECTIONS = [
    (re.compile(r"xuất siêu|thặng dư", _I), "trade_balance", 1),
    (re.compile(r"nhập siêu|thâm hụt", _I), "trade_balance", -1),
    (re.compile(r"kim ngạch (?:xuất,? nhập khẩu|thương mại)|thương mại hai chiều|hai chiều|xuất,? nhập khẩu|"
                r"thương mại song phương|trao đổi thương mại|(?<!cán cân )(?<!thặng dư )(?<!thâm hụt )"
                r"\bthương mại\b(?! điện tử| tự do)", _I), "trade_turnover", 1),
    (re.compile(r"(?<!xuất )(?<!xuất, )nhập khẩu|\bmua\b", _I), "imports", 1),
    (re.compile(r"xuất khẩu|\bbán\b", _I), "exports", 1),
]
_DIRECTION_WORDS = re.compile("|".join(p.pattern for p, _, _ in DIRECTIONS), _I)


def _window_start(text: str, m, previous) -> int:
    """Where the words of figure M begin: as extract.score_indicators reads them."""
    clause = text.rfind(";", 0, m.start) + 1
    begin = clause
    if previous and previous.start >= clause:
        comma = text.find(",", previous.end, m.start)
        begin = comma + 1 if comma >= 0 else previous.end
    return begin


def _direction(text: str) -> tuple[str, int, int] | None:
    """(indicator, sign, where) of the trade quantity named last in TEXT."""
    best = None
    for pattern, ind, sign in DIRECTIONS:
        for found in pattern.finditer(text):
            if best is None or found.start() > best[2] or (found.start() == best[2] and ind == "trade_balance"):
                best = (ind, sign, found.start())
    return best


def find_trade_ties(sentences, by_sentence, data_dir=None) -> None:
    """Set each mention's `partner` and `product` (see the module docstring), walking the article in order."""
    d = str(data_dir or BUNDLED)
    last_partner, last_product, whole_partner = "", "", ""
    for s in sentences:
        text = s.text
        partners = [p for p in partners_in(text, d) if tied(text, p[0], p[1])]
        products = products_in(text, d)
        opener = next((code for a, b, code in partners if _OPENER.fullmatch(text[:a])
                       and re.match(r"\s*,", text[b:])), "")
        group = by_sentence.get(s.index, [])
        previous = None
        for m in group:
            begin = _window_start(text, m, previous)
            window = text[begin:m.start]
            own = [p for p in partners if p[0] >= begin and p[1] <= m.start]
            if _OF_PARTNER.search(text[begin:own[-1][0]] if own else "") or COMPANY.search(window):
                m.not_ours = True
            elif own and not SUBSET.search(window) and len({c for _, _, c in own}) < 3:
                m.partner = own[-1][2]
            elif not own and BACK_REFERENCE.search(window):
                before = [p for p in partners if p[1] <= begin]
                m.partner = before[-1][2] if before else last_partner
            elif not own and opener:
                m.partner = opener
            if not own and not m.partner and not m.not_ours:
                # after the figure, in its clause: "Việt Nam chi 16,1 tỷ USD để nhập khẩu hàng hóa từ Nhật Bản"
                stop = min([len(text)] + [i for i in (text.find(c, m.end) for c in ",;.") if i >= 0])
                after = text[m.end:stop]
                if _DIRECTION_WORDS.search(after):
                    later = [p for p in partners if m.end <= p[0] and p[1] <= stop
                             and _AFTER_TIE.search(text[max(m.end, p[0] - 20):p[0]])
                             and _AFTER_LEAD.match(text[m.end:p[0]])]
                    if SUBSET.search(after):
                        m.not_ours = True
                    elif later and len({c for _, _, c in later}) < 3:
                        m.partner = later[0][2]
            # "Trong đó, ..." opening a sentence: the parts of the whole the sentence before gave its partner to
            if not m.partner and not own and not m.not_ours and s.text.lower().startswith("trong đó") \
                    and whole_partner and not _NATIONAL_WORDS.search(window):
                m.partner = whole_partner
            mine = [p for p in products if p[0] >= begin and p[1] <= m.start and m.start - p[1] <= 90]
            if mine:
                m.product = mine[-1][2]
            elif PRODUCT_BACK_REFERENCE.search(window):
                before = [p for p in products if p[1] <= begin]
                m.product = before[-1][2] if before else last_product
            # a list carries its partner: "nhập khẩu từ Trung Quốc đạt 168,1 tỷ USD, trong đó điện tử 50,2 tỷ USD"
            if (not m.partner and not own and not m.not_ours and previous and previous.partner
                    and not _NATIONAL_WORDS.search(window)
                    and ((m.product or _DIRECTION_WORDS.search(window)) and m.family == previous.family
                         or _BARE.fullmatch(window) and ";" not in text[previous.end:m.start])):
                m.partner = previous.partner
            if (not m.product and previous and previous.product and re.search(r"\btrong đó\b", window, _I)
                    and m.family == previous.family):
                m.product = previous.product  # "dệt may ... đạt 40,2 tỷ USD, trong đó xuất khẩu sang Mỹ đạt 16,8"
            if SECTOR.search(text[:m.start]):  # a sector's trade: its words rule trade indicators out
                m.partner = m.product = ""
            previous = m
        whole_partner = next((m.partner for m in reversed(group) if m.partner), "")
        if partners:
            last_partner = partners[-1][2]
        if products:
            last_product = products[-1][2]


def _regional(text: str, start: int) -> bool:
    """A province's or city's figure (as extract.score_indicators reads it): no national trade figure."""
    from vnintegration.extract import rules as R

    regional = list(R.REGIONAL.finditer(text, 0, start))
    return bool(regional) and not R.NATIONAL.search(text, regional[-1].end(), start)


def trade_rules(sentences, by_sentence, catalog) -> None:
    """The indicator, sign and codes of the figures with a partner or product tie."""
    for s in sentences:
        group = by_sentence.get(s.index, [])
        text = s.text
        for j, m in enumerate(group):
            if (m.partner or m.product) and _regional(text, m.start):
                m.partner = m.product = ""
                continue
            if m.not_ours and m.indicator in PARTNER_INDICATORS:
                m.notes.append(f"indicator: another economy's or a company's own figure, not Viet Nam's "
                               f"({m.indicator} left out)")
                m.indicator, m.partner, m.product = "", "", ""
                continue
            if not (m.partner or m.product):
                continue
            if m.family == "usd" and _CHANGE.search(text[:m.start]):
                m.partner = m.product = ""
                if m.indicator in PARTNER_INDICATORS:
                    m.notes.append(f"indicator: a change, not a level ({m.indicator} left out)")
                    m.indicator = ""
                continue
            if m.family == "usd":
                _trade_indicator(m, group[:j], sentences, s, text, catalog)
            if m.indicator == "agri_exports" and m.product and m.product != "agro_forestry_fishery":
                m.indicator = "exports" if "exports" in catalog else m.indicator
            if m.indicator == "exports" and m.product == "agro_forestry_fishery" and not m.partner \
                    and "agri_exports" in catalog:
                m.indicator, m.product = "agri_exports", ""
                m.notes.append("indicator: agro-forestry-fishery exports are the catalogue's agri_exports")
            if m.indicator not in PARTNER_INDICATORS:
                m.partner = ""
            if m.indicator not in PRODUCT_INDICATORS:
                m.product = ""
            if m.partner or m.product:
                said = ", ".join(x for x in (m.partner and f"partner {m.partner}", m.product and
                                             f"product {m.product}") if x)
                m.notes.append(f"{said}: from the words before the figure")


def _trade_indicator(m, earlier, sentences, s, text, catalog) -> None:
    """A partner's or product's figure with no trade word of its own takes the quantity its list or
    sentence names ("xuất siêu sang Hoa Kỳ 30 tỷ USD; EU 10 tỷ USD"); a balance's sign is its last word's."""
    begin = _window_start(text, m, earlier[-1] if earlier else None)
    own = _direction(text[begin:m.start])
    if own and own[0] in catalog and own[0] != m.indicator:
        # the trade word nearest before the figure names it ("Về thị trường xuất, nhập khẩu ..., Hoa Kỳ là thị
        # trường xuất khẩu lớn nhất với kim ngạch 112,5 tỷ USD": exports)
        m.notes.append(f"indicator: {own[0]}, the trade word nearest before it")
        m.indicator, m.score = own[0], max(m.score, 2.0)
    clause = text.rfind(";", 0, m.start) + 1
    own = _direction(text[clause:m.start]) if m.indicator in PARTNER_INDICATORS else None
    if m.indicator not in PARTNER_INDICATORS or own is None:
        found = None
        for e in reversed(earlier):
            if e.indicator in PARTNER_INDICATORS and (e.partner or e.product) and e.family == m.family:
                found = (e.indicator, e.sign if e.indicator == "trade_balance" else 1, "the figure before it")
                break
        if found is None:
            d = _direction(text[:m.start])
            if d:
                found = (d[0], d[1], "the sentence")
        if found is None:
            for back in range(s.index - 1, max(-1, s.index - 4), -1):
                prior = sentences[back]
                if prior.paragraph != s.paragraph and not m.product:
                    break
                d = _direction(prior.text)
                if d:
                    found = (d[0], d[1], "the sentences before")
                    break
        if found is None and m.product:  # a product list with no trade word near: the press lists exports
            found = ("exports", 1, "no trade word near (a product's figure: exports)")
        if found is None or found[0] not in catalog:
            return
        if m.indicator != found[0]:
            m.indicator, m.score = found[0], max(m.score, 1.5)
            m.penalty *= 0.85
            m.notes.append(f"indicator: {found[0]}, from {found[2]}")
        m.sign = found[1] if found[0] == "trade_balance" else 1
        return
    if m.indicator == "trade_balance":
        d = _direction(text[:m.start])
        m.sign = d[1] if d and d[0] == "trade_balance" else m.sign


def carry_growth_partner(group) -> None:
    """Two-way trade's growth said right after it ("... với ASEAN đạt 41,2 tỷ USD, tăng 8,1%") is that
    partner's."""
    for previous, m in zip(group, group[1:]):
        if (m.indicator == "trade_turnover_growth" and not m.partner and previous.indicator == "trade_turnover"
                and previous.partner and ";" not in m.sentence.text[previous.end:m.start]):
            m.partner = previous.partner
            m.notes.append(f"partner {m.partner}: the growth of the figure before it")
