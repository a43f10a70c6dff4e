"""Words the dashboard shows, in Vietnamese and English, and how a figure reads in each.

Pure: no Streamlit. Pages call `t(key, lang)`; numbers go through `format_value`,
which writes a figure the way its source wrote it, qualifier first and unit
where a reader of that language expects it:

    format_value(514, "usd_bn", "over", "vi")  -> "trên 514 tỷ USD"
    format_value(514, "usd_bn", "over", "en")  -> "over USD 514 bn"
    format_value(7.09, "percent", "exact", "vi") -> "7,09%"
    format_value(40, "rank", "within", "en")   -> "top 40"

English follows one pattern throughout: currency code before the number, scale
after it ("USD 514 bn", "VND 11,511.9 trn"), as the IMF and the Economist write.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from vnintegration.core.dates import parse_partial_date
from vnintegration.core.periods import Period
from vnintegration.core.units import UNITS
from vnintegration.core.words import Words, lookup
from vnintegration.core.words import language_index as _index
from vnintegration.present.brief.strings import STRINGS as _BRIEF_STRINGS
from vnintegration.present.formatting import MINUS, decimals, digits, signed, signed_digits
from vnintegration.present.partners.strings import STRINGS as _PARTNER_STRINGS
from vnintegration.present.peers.strings import STRINGS as _PEER_STRINGS
from vnintegration.present.trade.strings import STRINGS as _TRADE_STRINGS

DEFAULT_LANG = "vi"

# unit -> (vi pattern, en pattern) of a value ({n}: the formatted number): each unit's metadata, core/units.py.
_UNIT_PATTERN: dict[str, tuple[str, str]] = {code: unit.written for code, unit in UNITS.items()}


def merged(*tables: Words) -> dict[str, tuple[str, str]]:
    """One table of words from several (each in core/words.py's format); a key in two tables is an error, raised
    when the module that merges them is imported: the later table would silently replace the earlier's words."""
    out: dict[str, tuple[str, str]] = {}
    for table in tables:
        repeated = sorted(set(out) & set(table))
        if repeated:
            raise ValueError(f"words defined twice: {', '.join(repeated)}")
        out.update(table)
    return out

QUALIFIERS: dict[str, tuple[str, str]] = {
    "exact": ("", ""),
    "about": ("khoảng", "about"),
    "nearly": ("gần", "nearly"),
    "over": ("trên", "over"),
    "under": ("dưới", "under"),
    "within": ("top", "top"),
}

STATUSES: dict[str, tuple[str, str]] = {
    "actual": ("thực hiện", "actual"),
    "estimate": ("ước tính", "estimate"),
    "forecast": ("dự kiến", "forecast"),
    "target": ("mục tiêu", "target"),
}

GROUPS: dict[str, tuple[str, str]] = {
    "macro": ("Kinh tế vĩ mô", "Macroeconomy"),
    "trade": ("Thương mại", "Trade"),
    "investment": ("Đầu tư", "Investment"),
    "industry": ("Công nghiệp", "Industry"),
    "diplomacy": ("Đối ngoại", "Foreign relations"),
    "agreements": ("Hiệp định", "Agreements"),
    "rankings": ("Xếp hạng", "Rankings"),
}

EVENT_KINDS: dict[str, tuple[str, str]] = {
    "resolution": ("Nghị quyết", "Resolution"),
    "directive": ("Chỉ thị", "Directive"),
    "decision": ("Quyết định", "Decision"),
    "agreement": ("Hiệp định", "Agreement"),
    "congress": ("Đại hội Đảng", "Party Congress"),
    "conference": ("Hội nghị", "Conference"),
}

# A publisher as sources.csv writes it -> its name in the reader's language (present/about.py's citations).
PUBLISHERS: dict[str, tuple[str, str]] = {
    "General Statistics Office of Viet Nam (GSO/NSO)": ("Tổng cục Thống kê", "General Statistics Office (GSO)"),
    "World Bank": ("Ngân hàng Thế giới", "World Bank"),
    "World Trade Organization": ("Tổ chức Thương mại Thế giới (WTO)", "World Trade Organization (WTO)"),
    "International Monetary Fund": ("Quỹ Tiền tệ Quốc tế (IMF)", "International Monetary Fund (IMF)"),
}

SOURCE_KINDS: dict[str, tuple[str, str]] = {
    "article": ("bài báo", "article"),
    "dataset": ("bộ dữ liệu", "dataset"),
}

# key -> (vi, en), the format of core/words.py. Placeholders in {braces} must match between the two. The pages'
# own words (Peers, Partners) are merged in below.
_STRINGS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("Hội nhập kinh tế quốc tế của Việt Nam", "Viet Nam's international economic integration"),
    "app_tagline": (
        "Số liệu chính thức, mỗi con số dẫn về câu văn nêu nó.",
        "Official figures, each traceable to the sentence that states it.",
    ),
    "page_overview": ("Tổng quan", "Overview"),
    "page_trends": ("Xu hướng", "Trends"),
    "page_compare": ("So sánh hai năm", "Compare years"),
    "page_partners": ("Đối tác & hiệp định", "Partners & agreements"),
    "page_sources": ("Nguồn số liệu", "Sources"),
    "page_import": ("Nhập bài báo", "Import an article"),
    "language": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
    "lang_vi": ("Tiếng Việt", "Tiếng Việt"),
    "lang_en": ("English", "English"),
    "rows_set_aside": (
        "{n} dòng số liệu bị tách riêng vì có lỗi và không được hiển thị; xem trang Nguồn số liệu.",
        "{n} data rows were set aside because they have errors and are not shown; see the Sources page.",
    ),
    "notice_ignored": ("Đã bỏ qua tham số URL {param}={value}: {reason}.", "Ignored URL parameter {param}={value}: {reason}."),
    "reason_unknown_param": ("tham số không dùng ở trang này", "not a parameter of this page"),
    "reason_unknown_indicator": ("không có chỉ tiêu này", "no such indicator"),
    "reason_bad_year": ("không phải năm có số liệu", "not a year with data"),
    "reason_bad_choice": ("chỉ nhận {choices}", "expected one of {choices}"),
    "reason_swapped": ("năm bắt đầu sau năm kết thúc; đã đổi chỗ", "start year after end year; swapped"),
    "reason_unknown_source": ("không có nguồn này", "no such source"),
    "reason_too_long": ("quá dài", "too long"),
    # A script error, in place of Streamlit's own message (dashboard/common.script_error): one line, no detail.
    "script_error": (
        "Xin lỗi, trang này gặp lỗi và chưa hiển thị được. Lỗi đã được ghi lại; hãy tải lại trang hoặc mở trang khác.",
        "Sorry, this page hit an error and could not be shown. The error has been logged; reload the page or open "
        "another one.",
    ),
    # The Import page's source id names a file: Windows reserves these names (extract/importer.RESERVED_NAMES).
    "import_source_id_reserved": (
        "Mã nguồn {id} là tên thiết bị mà Windows dành riêng (CON, PRN, AUX, NUL, COM0–9, LPT0–9), kể cả khi "
        "có phần đuôi sau dấu chấm: tệp sources/{id}.txt không mở được trên Windows. Hãy chọn mã khác.",
        "The source id {id} is a device name Windows reserves (CON, PRN, AUX, NUL, COM0–9, LPT0–9), with or "
        "without a part after a dot: a file sources/{id}.txt cannot be opened on Windows. Choose another id.",
    ),
    "notices_more": ("… và {n} tham số URL khác đã bị bỏ qua.", "… and {n} more URL parameters ignored."),
    "data_footer": (
        "{obs} số liệu · {ind} chỉ tiêu · {src} nguồn · dữ liệu đã kiểm tra tự động khi tải.",
        "{obs} figures · {ind} indicators · {src} sources · data validated on load.",
    ),
    # overview
    "overview_intro": (
        "Số mới nhất của từng chỉ tiêu chính, so với cùng kỳ năm trước. Số liệu từng phần năm (ví dụ 7 tháng) chỉ so với cùng số tháng của năm trước.",
        "The latest figure of each headline indicator, against the same period a year earlier. A part-year figure (say January–July) is only ever compared with the same months of the year before.",
    ),
    "no_headline": ("Chưa có chỉ tiêu chính nào có số liệu.", "No headline indicator has a figure yet."),
    "vs_period": ("so với {period}", "vs {period}"),
    "no_comparable": ("không có kỳ so sánh", "no comparable period"),
    "source_link": ("Nguồn: {source}", "Source: {source}"),
    "spark_same": ("Diễn biến {span}, {start}–{end}", "Sparkline: {span}, {start}–{end}"),
    "spark_full": ("Diễn biến cả năm, {start}–{end}", "Sparkline: full years, {start}–{end}"),
    "spark_dates": ("Diễn biến tại các mốc {start}–{end}", "Sparkline: dates {start}–{end}"),
    "approx_help": (
        "≈: số nguồn là số làm tròn hoặc giới hạn (khoảng, trên…)",
        "≈: the source figures are rounded or bounded (about, over…)",
    ),
    "quote_help": ("“{quote}” — {source}", "“{quote}” — {source}"),
    "dataset_help": ("Mã chuỗi số liệu {quote} — {source}", "Series {quote} — {source}"),
    # trends
    "indicators": ("Chỉ tiêu", "Indicators"),
    "indicators_help": ("Chọn một hoặc nhiều chỉ tiêu", "Pick one or more indicators"),
    "years": ("Khoảng năm", "Years"),
    "transform": ("Biến đổi", "Transform"),
    "tf_level": ("Giá trị", "Level"),
    "tf_yoy": ("So với cùng kỳ", "Change on a year earlier"),
    "view": ("Hiển thị", "View"),
    "view_chart": ("Biểu đồ", "Chart"),
    "view_table": ("Bảng", "Table"),
    "events_toggle": ("Mốc chính sách", "Policy milestones"),
    "source_pick": ("Nguồn", "Source"),
    "source_pick_help": (
        "Chỉ tiêu có nhiều nguồn: mặc định vẽ nguồn được ưu tiên; chọn một nguồn để vẽ nguồn đó cho các chỉ tiêu "
        "nó có, hoặc vẽ tất cả các nguồn cạnh nhau (không bao giờ nối thành một đường).",
        "Indicators given by several sources: the preferred source is drawn; pick one source to draw it for the "
        "indicators it gives, or draw all sources side by side (never joined into one line).",
    ),
    "source_preferred": ("Nguồn ưu tiên", "Preferred source"),
    "source_all": ("Tất cả các nguồn", "All sources"),
    "pick_indicator": (
        "Chọn ít nhất một chỉ tiêu ở ô phía trên để vẽ biểu đồ.",
        "Pick at least one indicator above to draw a chart.",
    ),
    "no_data_in_range": (
        "Các chỉ tiêu đã chọn không có số liệu trong khoảng {start}–{end}. Hãy mở rộng khoảng năm.",
        "The indicators picked have no figures in {start}–{end}. Try a wider range of years.",
    ),
    "no_yoy": (
        "Không có số liệu nào có kỳ so sánh một năm trước trong lựa chọn này; xem giá trị thay vì thay đổi.",
        "No figure in this selection has a comparable period a year earlier; show the level instead.",
    ),
    "describe": ("{start}–{end}, {n} chỉ tiêu, {transform}", "{start}–{end}, {n} indicators, {transform}"),
    "describe_one": ("{start}–{end}, 1 chỉ tiêu, {transform}", "{start}–{end}, 1 indicator, {transform}"),
    "describe_level": ("giá trị", "level"),
    "describe_yoy": ("thay đổi so với cùng kỳ năm trước", "change on a year earlier"),
    "yoy_dropped": (
        "{n} số liệu không có kỳ so sánh nên không có trên biểu đồ thay đổi.",
        "{n} figures have no comparable period and are left out of the change view.",
    ),
    "partial_note": (
        "Điểm rỗng là số liệu một phần năm (ví dụ 7 tháng): không nối với đường cả năm.",
        "Hollow points are part-year figures (say January–July): never joined to full-year lines.",
    ),
    "download_csv": ("Tải dữ liệu đang xem (CSV)", "Download the data shown (CSV)"),
    "download_png_hint": (
        "Tải ảnh PNG: nút máy ảnh ở góc trên bên phải biểu đồ.",
        "PNG: use the camera button at the chart's top right.",
    ),
    "sources_under_chart": ("Nguồn: {sources}", "Sources: {sources}"),
    "series_articles": ("báo chí", "press"),
    "change_pp": ("thay đổi, điểm %", "change, pp"),
    "change_rel": ("thay đổi, %", "change, %"),
    "change_abs": ("thay đổi, {unit}", "change, {unit}"),
    "events_strip": ("Mốc", "Milestones"),
    # table columns
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_period": ("Kỳ", "Period"),
    "col_value": ("Giá trị", "Value"),
    "col_number": ("Số", "Number"),
    "col_qualifier": ("Mức độ chính xác", "Qualifier"),
    "exact": ("chính xác", "exact"),
    "col_status": ("Tình trạng", "Status"),
    "col_source": ("Nguồn", "Source"),
    "col_publisher": ("Đơn vị đăng", "Publisher"),
    "col_published": ("Ngày đăng", "Published"),
    "col_link": ("Liên kết", "Link"),
    "col_quote": ("Trích dẫn nguyên văn", "Verbatim quote"),
    "col_note": ("Ghi chú", "Note"),
    "col_line": ("Dòng", "Line"),
    "col_change": ("Thay đổi", "Change"),
    "col_base": ("So với", "Compared with"),
    "col_year": ("Năm", "Year"),
    "col_date": ("Ngày", "Date"),
    "col_kind": ("Loại", "Kind"),
    "col_code": ("Số hiệu", "Number"),
    "col_title": ("Tên", "Title"),
    # compare
    "year_a": ("Năm A", "Year A"),
    "year_b": ("Năm B", "Year B"),
    "compare_intro": (
        "Mỗi chỉ tiêu có số liệu ở một trong hai năm. Chỉ tính thay đổi khi hai kỳ khớp nhau (cùng số tháng, hoặc hai mốc thời điểm).",
        "Every indicator with a figure in either year. A change is computed only where the periods match (the same months, or two dates).",
    ),
    "col_abs_change": ("Thay đổi", "Change"),
    "col_rel_change": ("Thay đổi %", "Change %"),
    "col_why": ("So sánh", "Compared"),
    "comparable_dates": ("hai mốc", "two dates"),
    "same_year": ("Hai năm giống nhau: hãy chọn hai năm khác nhau.", "Both years are the same: pick two different years."),
    "no_years": ("Chưa có số liệu theo năm.", "There are no yearly figures yet."),
    "no_figure": ("thiếu số liệu {year}", "no {year} figure"),
    "definition_break": ("định nghĩa thay đổi từ năm {year}", "definition changed in {year}"),
    "break_note": (
        "Đường bị ngắt ở năm chỉ tiêu đổi định nghĩa ({years}): hai bên không so sánh trực tiếp được.",
        "Lines break where an indicator's definition changes ({years}): the two sides are not directly comparable.",
    ),
    "bars_rel": ("Thay đổi tương đối, {a} → {b}", "Relative change, {a} → {b}"),
    "bars_pp": ("Thay đổi của các tỷ lệ và tốc độ tăng, {a} → {b} (điểm %)", "Change in rates and shares, {a} → {b} (percentage points)"),
    "no_bars": ("Không có thay đổi tương đối nào so sánh được giữa hai năm này.", "No relative change is comparable between these two years."),
    "not_comparable_n": (
        "✓ kỳ được so sánh; ✗ vì sao không so sánh: {n} chỉ tiêu (khác kỳ, thiếu số liệu một năm, hoặc đổi định nghĩa).",
        "✓ the period compared; ✗ why not: {n} indicators (different periods, no figure for one year, or a change of definition).",
    ),
    "places_up": ("tăng {n} bậc", "up {n}"),
    "places_down": ("giảm {n} bậc", "down {n}"),
    "places_same": ("không đổi", "unchanged"),
    # partners
    "partners_intro": (
        "Số đối tác, quan hệ ngoại giao và hiệp định thương mại tự do tại từng mốc thời điểm, theo nguồn đã công bố. Mỗi định nghĩa là một chuỗi riêng.",
        "Partners, diplomatic relations and free trade agreements at each date, as published. Each definition is its own series.",
    ),
    "counts_heading": ("Số lượng tại từng mốc", "Counts at each date"),
    "timeline_heading": ("Dòng thời gian hiệp định và nghị quyết", "Timeline of agreements and resolutions"),
    "no_counts": ("Chưa có số liệu đếm theo mốc thời điểm.", "There are no counts at dates yet."),
    "no_events": ("Chưa có mốc sự kiện.", "There are no milestones yet."),
    # sources
    "sources_intro": (
        "Mọi số liệu kèm câu trích nguyên văn, nguồn và tình trạng. Tìm kiếm không phân biệt dấu.",
        "Every figure with its verbatim quote, source and status. Search ignores Vietnamese diacritics.",
    ),
    "search": ("Tìm kiếm", "Search"),
    "search_placeholder": ("ví dụ: kim ngạch, FDI, 2025", "e.g. exports, FDI, 2025"),
    "filter_indicators": ("Chỉ tiêu", "Indicators"),
    "filter_sources": ("Nguồn", "Sources"),
    "filter_status": ("Tình trạng", "Status"),
    "filter_year": ("Năm", "Year"),
    "all": ("Tất cả", "All"),
    "shown_n": ("{n} / {total} số liệu", "{n} of {total} figures"),
    "tab_figures": ("Số liệu", "Figures"),
    "tab_checks": ("Kiểm tra & xung đột", "Checks & conflicts"),
    "tab_sources": ("Danh mục nguồn", "Source list"),
    "no_match": ("Không có số liệu nào khớp với bộ lọc.", "No figure matches these filters."),
    "errors_n": ("{n} lỗi: các dòng có lỗi bị tách riêng.", "{n} errors: rows with errors are set aside."),
    "warnings_n": ("{n} cảnh báo.", "{n} warnings."),
    "no_problems": ("Dữ liệu hợp lệ: không có lỗi hay cảnh báo.", "The data is valid: no errors or warnings."),
    "conflicts_heading": ("Xung đột giữa các nguồn", "Conflicts between sources"),
    "conflicts_intro": (
        "Cùng chỉ tiêu, cùng kỳ, hai nguồn cho số khác nhau. Trang web dùng số được ưu tiên (★).",
        "The same indicator and period with different values from two sources. The dashboard uses the preferred one (★).",
    ),
    "no_conflicts": ("Không có xung đột giữa các nguồn.", "No conflicts between sources."),
    "rejected_heading": ("Các dòng bị tách riêng", "Rows set aside"),
    "problems_heading": ("Vấn đề khi kiểm tra", "Validation problems"),
    "download_valid": ("Tải observations.csv đã kiểm tra", "Download the validated observations.csv"),
    "download_shown": ("Tải các dòng đang xem (CSV)", "Download the rows shown (CSV)"),
    "col_severity": ("Mức", "Severity"),
    "col_file": ("Tệp", "File"),
    "col_column": ("Cột", "Column"),
    "col_message": ("Vấn đề", "Problem"),
    "col_advice": ("Cách sửa", "What to do"),
    "col_preferred": ("Ưu tiên", "Preferred"),
    "col_kind_source": ("Loại nguồn", "Source kind"),
    "col_author": ("Tác giả", "Author"),
    "col_licence": ("Giấy phép", "Licence"),
    "col_n_figures": ("Số liệu", "Figures"),
    "close": ("Đóng", "Close"),
    "focus_heading": ("Số liệu được dẫn tới", "The figure you followed"),
    # the Overview cards' choice of period, and Trends' year-to-date view
    "card_span": ("Kỳ số liệu", "Period"),
    "card_span_latest": ("Kỳ mới nhất", "Newest period"),
    "card_span_year": ("Cả năm gần nhất", "Latest full year"),
    "tf_ytd": ("Lũy kế từ đầu năm", "Year to date"),
    "describe_ytd": ("lũy kế từ đầu năm", "year to date"),
    "ytd_axis": ("Số tháng từ đầu năm", "Months from January"),
    "ytd_subtitle": (
        "Lũy kế từ đầu năm theo quý, mỗi năm một đường, {years}; năm chưa đủ 12 tháng dừng ở tháng cuối có số liệu",
        "Year to date by quarter, one line per year, {years}; a year not yet complete stops at its last month",
    ),
    "no_ytd": (
        "Các chỉ tiêu đã chọn không có số liệu lũy kế theo quý trong {start}–{end}.",
        "The chosen indicators have no year-to-date figures by quarter in {start}–{end}.",
    ),
    "col_months_ytd": ("Số tháng", "Months"),
    # "About this data" (present/about.py) under every chart, on every Overview card and figure detail
    "about_heading": ("Về số liệu này", "About this data"),
    "about_definition": ("Định nghĩa", "Definition"),
    "about_unit": ("Đơn vị", "Unit"),
    "about_source": ("Nguồn", "Source"),
    "about_series": ("Mã chuỗi số liệu", "Series code"),
    "about_vintage": ("Bản số liệu", "Vintage"),
    "about_computed": ("Trang này tính", "Computed here"),
    "about_coverage": ("Phạm vi", "Coverage"),
    "about_beside": ("Nguồn khác, cùng kỳ", "Other sources, same period"),
    "about_official_label": ("Số chính thức", "Official figure"),
    "about_official": (
        "Số được hiển thị là số của nguồn chính thức ({source}); các nguồn khác ở bên cạnh, ghi rõ nguồn.",
        "The figure shown is the official source's ({source}); other sources stay beside it, labelled.",
    ),
    "about_level": ("không tính gì thêm: số liệu như nguồn công bố", "nothing: the figures as published"),
    "about_yoy": (
        "thay đổi so với cùng kỳ năm trước (điểm phần trăm cho tỷ lệ, % cho giá trị), chỉ giữa các kỳ cùng số tháng",
        "the change on the same period a year earlier (percentage points for rates, % for values), like months only",
    ),
    "about_ytd": ("lũy kế từ đầu năm như nguồn công bố, mỗi năm một đường", "the year to date as published, one line per year"),
    "about_change": ("thay đổi giữa hai kỳ: điểm phần trăm cho tỷ lệ, % cho giá trị", "the change between the two periods: percentage points for rates, % for values"),
    "about_derived_trade_balance": ("cán cân = xuất khẩu − nhập khẩu, từ số của nguồn", "balance = exports − imports, from the source's figures"),
    "about_derived_trade_turnover": ("tổng kim ngạch = xuất khẩu + nhập khẩu, từ số của nguồn", "turnover = exports + imports, from the source's figures"),
    "about_derived": ("một số số liệu được tính từ số của nguồn (cách tính ở trang Nguồn số liệu)", "some figures are computed from the source's figures (how: the Sources page)"),
    "about_break": ("định nghĩa thay đổi từ năm {years}: hai bên không so sánh trực tiếp", "the definition changes in {years}: the two sides are not directly comparable"),
    "about_partial": ("có số liệu một phần năm (từ tháng 1 đến tháng ghi)", "includes part-year figures (January to the month stated)"),
    "about_estimates": ("có số ước tính lần đầu, có thể được điều chỉnh sau", "includes first estimates, which may be revised"),
    "about_open": ("Mở nguồn: {label}", "Open the source: {label}"),
    "about_figures": ("{years} ({n} số liệu)", "{years} ({n} figures)"),
    "about_quarterly": ("báo cáo quý", "quarterly report"),
    "trends_title": ("{names} của Việt Nam, {start}–{end}", "{names}, Viet Nam, {start}–{end}"),
    "trends_title_many": ("{n} chỉ tiêu của Việt Nam, {start}–{end}", "{n} indicators of Viet Nam, {start}–{end}"),
    "trends_title_yoy": ("{title}: thay đổi so với cùng kỳ", "{title}: change on a year earlier"),
    "trends_title_ytd": ("{title}: lũy kế từ đầu năm", "{title}: year to date"),
    "compare_title_rel": ("Chỉ tiêu của Việt Nam: thay đổi {a} → {b}, %", "Viet Nam's indicators: change {a} → {b}, %"),
    "compare_title_pp": ("Tỷ lệ và tốc độ tăng của Việt Nam: thay đổi {a} → {b}, điểm %", "Viet Nam's rates and shares: change {a} → {b}, percentage points"),
    "events_heading": ("Mốc chính sách trong khoảng năm", "Policy milestones in these years"),
    "col_unit": ("Đơn vị", "Unit"),
    "csv_period": ("Kỳ {year}", "Period {year}"),
    "csv_value": ("Giá trị {year}", "Value {year}"),
    "csv_qualifier": ("Mức độ chính xác {year}", "Qualifier {year}"),
    "csv_status": ("Tình trạng {year}", "Status {year}"),
    "csv_source": ("Nguồn {year}", "Source {year}"),
    "cite_partner_fdi": (
        "Tổng cục Thống kê, Niên giám Thống kê 2006–2025 (dự án FDI được cấp phép theo đối tác chính)",
        "General Statistics Office (GSO), Statistical Yearbook of Viet Nam 2006–2025 (FDI projects licensed by main counterpart)",
    ),
    "cite_partner_imf": (
        "Quỹ Tiền tệ Quốc tế (IMF), Vị thế đầu tư trực tiếp theo nền kinh tế đối tác (DIP), số liệu đối ứng, bản 10/12/2025",
        "International Monetary Fund (IMF), Direct Investment Positions by Counterpart Economy (DIP), mirror data, release 10 Dec 2025",
    ),
    "cite_partner_fta": (
        "Tổ chức Thương mại Thế giới (WTO), Cơ sở dữ liệu Hiệp định thương mại khu vực (RTA)",
        "World Trade Organization (WTO), Regional Trade Agreements Database",
    ),
    "cite_partner_levels": (
        "Thông cáo chính thức và báo chí, dẫn nguồn cho từng đối tác",
        "Official statements and news reports, cited partner by partner",
    ),
}

STRINGS: dict[str, tuple[str, str]] = merged(_STRINGS, _PEER_STRINGS, _PARTNER_STRINGS, _TRADE_STRINGS, _BRIEF_STRINGS)


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The string `key` of STRINGS in `lang`, with {placeholders} filled from `values`."""
    return lookup(STRINGS, key, lang, **values)


def pick(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    """One entry of a (vi, en) table such as GROUPS or STATUSES; the code itself if unknown."""
    return lookup(table, code, lang) if code in table else str(code)


def qualifier_word(qualifier: str, lang: str) -> str:
    return pick(QUALIFIERS, qualifier, lang)


def status_word(status: str, lang: str) -> str:
    return pick(STATUSES, status, lang)


def _ordinal(n: str) -> str:
    if not n.isdigit():
        return n
    k = int(n)
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return n + suffix


def auto_decimals(value: float, unit: str) -> int | None:
    """None (keep the digits as written) for a value with at most two decimals, as articles write them;
    otherwise the unit's usual precision (`units.Unit.decimals`): a dataset's full-precision value is
    rounded for reading (8.01883 -> 8,02%)."""
    if value is None or not math.isfinite(value) or round(value, 2) == round(value, 9):
        return None
    return decimals(unit)


def format_value(value: float, unit: str, qualifier: str = "exact", lang: str = DEFAULT_LANG,
                 decimals: int | None = None) -> str:
    """A figure as its source wrote it: "trên 514 tỷ USD" / "over USD 514 bn", "7,09%", "top 40".

    `decimals=None` keeps an article's digits (7,09; 11.511,9) and rounds a full-precision dataset
    value to the unit's usual precision (see auto_decimals)."""
    places = decimals
    i = _index(lang)
    if value is None or (isinstance(value, float) and not math.isfinite(value)) or pd.isna(value):
        return "–"
    if places is None:
        places = auto_decimals(float(value), unit)
    number = signed_digits(float(value), lang, places)
    if unit == "rank":
        if qualifier == "within":
            return f"top {number}"
        body = f"thứ {number}" if lang == "vi" else _ordinal(number)
    elif unit == "years" and lang == "en" and number == "1":
        body = "1 year"
    else:  # the sign goes before the whole figure: "−5,2 tỷ USD", "−USD 5.2 bn"
        magnitude = number.removeprefix(MINUS)
        body = number[: len(number) - len(magnitude)] + _UNIT_PATTERN.get(unit, ("{n}", "{n}"))[i].format(n=magnitude)
    word = QUALIFIERS.get(qualifier or "exact", ("", ""))[i]
    return f"{word} {body}" if word else body


def format_change(change: float, change_unit: str, unit: str, lang: str = DEFAULT_LANG,
                  decimals: int | None = None, approximate: bool = False) -> str:
    """A change: "+7,2%" (relative), "+0,43 điểm %" (rates), "+4" (counts), "tăng 2 bậc" (ranks).

    `change_unit` is "rel" (percent change), "pp", "abs" (in the indicator's `unit`) or "rank".
    """
    if change is None or pd.isna(change) or not math.isfinite(change):
        return "–"
    prefix = "≈ " if approximate else ""
    places = decimals
    if places is None:
        places = {"rel": 1, "pp": 2}.get(change_unit, auto_decimals(float(change), unit))
    if change_unit == "rank":
        moved = digits(abs(change), lang, 0)
        key = "places_same" if round(change) == 0 else ("places_up" if change < 0 else "places_down")
        return prefix + t(key, lang, n=moved)
    magnitude = digits(abs(change), lang, places)
    sign = signed(magnitude, change, plus="+").removesuffix(magnitude)
    if change_unit == "rel":
        return f"{prefix}{sign}{magnitude}%"
    pattern = _UNIT_PATTERN["pp"] if change_unit == "pp" else _UNIT_PATTERN.get(unit, ("{n}", "{n}"))
    if unit == "rank" and change_unit != "pp":
        pattern = ("{n}", "{n}")
    return prefix + sign + pattern[_index(lang)].format(n=magnitude)


def format_date(value, lang: str = DEFAULT_LANG, precision: str = "day") -> str:
    """26/08/2025 / 26 Aug 2025; precision "month" gives 08/2025 / Aug 2025, "year" 2025."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    ts = pd.Timestamp(value)
    if precision == "year":
        return str(ts.year)
    if precision == "month":
        return ts.strftime("%m/%Y") if lang == "vi" else ts.strftime("%b %Y")
    return ts.strftime("%d/%m/%Y") if lang == "vi" else f"{ts.day} {ts.strftime('%b %Y')}"


def format_partial_date(text, lang: str = DEFAULT_LANG) -> str:
    """An ISO date as printed, possibly partial ("2021-01", "2021"), in the reader's form."""
    if not isinstance(text, str):
        text = "" if text is None or pd.isna(text) else str(text)
    return _format_partial_date(text, lang)


@lru_cache(maxsize=4096)
def _format_partial_date(text: str, lang: str) -> str:
    """The date as `core.dates.parse_partial_date` reads it, at its precision; text that is no date as written."""
    parsed = parse_partial_date(text)
    if parsed is None:
        return text.strip()
    day, precision = parsed
    return format_date(pd.Timestamp(day), lang, precision)


@lru_cache(maxsize=16384)
def _period_label(year: int, months: int | None, as_of, lang: str) -> str:
    return Period(year, months, as_of).label(lang)


def period_label(row, lang: str = DEFAULT_LANG) -> str:
    """ "7 tháng 2025" / "Jan–Jul 2025" for anything with year, months and as_of (memoised)."""
    period = Period.of(row)
    return _period_label(period.year, period.months, period.as_of, lang)


def source_label(row, lang: str = DEFAULT_LANG) -> str:
    """Publisher and date: "Pháp Luật VN, 08/2025", "World Bank, 07/2026"; a short form when long."""
    get = row.get if hasattr(row, "get") else lambda k: getattr(row, k, None)
    title = str(get("publisher") or get("source_title") or get("source_id") or "")
    short = re.search(r"\(([^()]{2,20})\)\s*$", title)
    if len(title) > 28 and short:  # "General Statistics Office of Viet Nam (GSO/NSO)" -> "GSO/NSO"
        title = short.group(1)
    elif len(title) > 40:  # an article with no publisher: its title, cut
        title = title[:38].rstrip(" ,:;") + "…"
    published = format_partial_date(str(get("published") or ""), lang)
    return f"{title}, {published}" if published else title


def short_span(months: int, lang: str = DEFAULT_LANG) -> str:
    """The label drawn beside a part-year point: "7 tháng" / "Jan–Jul"."""
    if lang == "vi":
        return f"{months} tháng"
    return Period(2000, months).span_label("en")

