"""Words of the Brief page and of the share control (every page's), in Vietnamese and English (key -> (vi, en)),
merged into present/i18n.py's STRINGS (i18n.merged: no key may repeat one of another table). Pure: no Streamlit."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "page_brief": ("Bản tin tóm tắt", "Brief"),
    "brief_title": ("Hội nhập kinh tế quốc tế của Việt Nam: bản tin số liệu",
                    "Vietnam's international economic integration: a brief in figures"),
    "brief_intro": (
        "Tạo tự động từ dữ liệu của trang: số mới nhất, so với cùng kỳ năm trước (số liệu từng phần năm chỉ so với "
        "cùng số tháng). Mỗi con số dẫn tới dòng nguồn của nó.",
        "Generated from the dashboard's data: the latest figures against the same period a year earlier (a part-year "
        "figure only ever against the same months). Each number links to its source row.",
    ),
    "brief_span_latest": ("Kỳ mới nhất của từng chỉ tiêu", "The newest period of each indicator"),
    "brief_span_year": ("Cả năm gần nhất của từng chỉ tiêu", "The latest full year of each indicator"),
    "brief_headline": ("Số liệu chính", "Headline figures"),
    "brief_partners": ("Đối tác và hiệp định thương mại tự do, {date}", "Partners and free trade agreements, {date}"),
    "brief_investors": ("Nhà đầu tư lớn nhất năm {year} (vốn FDI đăng ký)",
                        "Largest investors in {year} (registered FDI)"),
    "brief_exports": ("Thị trường xuất khẩu lớn nhất năm {year}", "Largest export markets in {year}"),
    "brief_imports": ("Nguồn nhập khẩu lớn nhất năm {year}", "Largest import suppliers in {year}"),
    "brief_level_csp": ("Đối tác chiến lược toàn diện", "Comprehensive strategic partners"),
    "brief_level_sp": ("Đối tác chiến lược", "Strategic partners"),
    "brief_level_cp": ("Đối tác toàn diện", "Comprehensive partners"),
    "brief_fta_lines": ("FTA đang có hiệu lực", "FTAs in force"),
    "brief_fta_partners": ("Đối tác có FTA với Việt Nam", "Partners covered by an FTA"),
    "brief_levels_source": ("data/partnerships.csv, dẫn nguồn từng dòng", "data/partnerships.csv, cited row by row"),
    "brief_no_comparable": ("không có số cùng kỳ để so sánh", "no comparable period"),
    "brief_share": ("{share} tổng số", "{share} of the total"),
    "brief_sources": ("Nguồn", "Sources"),
    "brief_generated": ("Tạo từ dữ liệu đã kiểm tra của bảng điều khiển.", "Generated from the dashboard's validated data."),
    "brief_copy_text": ("Sao chép dạng văn bản", "Copy as text"),
    "brief_copy_markdown": ("Sao chép dạng Markdown", "Copy as Markdown"),
    "brief_copy_help": ("Nút sao chép ở góc trên bên phải khung.", "The copy button is at the top right of the box."),
    "brief_docx": ("Tải bản Word (.docx)", "Download as Word (.docx)"),
    "brief_print": ("In trang (Ctrl+P) cho bản A4 không có thanh bên.",
                    "Print the page (Ctrl+P) for an A4 copy without the sidebar."),
    "brief_empty": ("Chưa có số liệu để tóm tắt.", "No figures to summarise yet."),
    # the share control (dashboard/share.py), on every page
    "share_button": ("Chia sẻ", "Share"),
    "share_link": ("Đường dẫn tới đúng trang và lựa chọn này", "Link to this page as you see it"),
    "share_embed": ("Nhúng vào trang web khác (iframe)", "Embed in another web page (iframe)"),
    "share_help": (
        "Mọi lựa chọn (trang, chỉ tiêu, năm, ngôn ngữ) nằm trong đường dẫn: mở nó sẽ thấy đúng như bạn đang thấy.",
        "Every choice (page, indicators, years, language) is in the link: opening it shows what you see now.",
    ),
}
