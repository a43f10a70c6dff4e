"""Words of the Import page and of the extractor's notices, in Vietnamese and English: tables in the format
of core/words.py, read with its `lookup`."""

from __future__ import annotations

from vnintegration.core.words import Words, lookup
from vnintegration.extract.text import MAX_BYTES

NOTICES: Words = {  # an extractor notice's code -> its words
    "empty": ("Văn bản trống: hãy dán nội dung một bài báo.", "the text is empty: paste an article's text"),
    "not-vietnamese": (
        "Văn bản không giống tiếng Việt; bộ đọc chỉ đọc số liệu viết theo cách viết tiếng Việt.",
        "the text does not look Vietnamese; figures are read only in Vietnamese notation",
    ),
    "no-figures": (
        "Không tìm thấy số liệu nào có đơn vị (%, tỷ USD, nghìn tỷ đồng, số nước, FTA...).",
        "no figure with a unit (%, tỷ USD, nghìn tỷ đồng, counts of countries, FTAs ...) was found",
    ),
    "html-stripped": (
        "Đã bỏ các thẻ HTML; trích dẫn lấy từ văn bản đã làm sạch (tải về cùng các dòng).",
        "HTML tags were stripped; quotes refer to the cleaned text (download it with the rows)",
    ),
    "undated-counts": (
        "Có số đếm (số nước, số FTA...) chưa có ngày as_of: hãy nhập ngày của bài báo.",
        "some counts (countries, FTAs ...) have no as_of date: give the article's date",
    ),
    "too-large": (
        f"Văn bản quá dài (giới hạn {MAX_BYTES / 1e6:.0f} MB); hãy dán từng bài một.",
        f"the text is over the {MAX_BYTES / 1e6:.0f} MB cap; paste one article at a time",
    ),
    "encoding": (
        "Tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng UTF-8.",
        "the file is not UTF-8 text; re-save it as UTF-8",
    ),
    "binary": ("Tệp không phải văn bản; hãy tải lên tệp .txt.", "the file is not text; upload a .txt file"),
}

STRINGS: Words = {  # the Import page's words
    "title": ("Nhập một bài báo", "Import an article"),
    "intro": (
        "Dán nội dung bài báo hoặc tải lên tệp .txt. Các số liệu tìm được hiện trong bảng dưới đây để bạn "
        "đánh dấu giữ, sửa và tải về thành các dòng sẵn sàng nối vào observations.csv. Không có gì được lưu "
        "trên máy chủ.",
        "Paste an article's text or upload a .txt file. The figures found appear in the table below for you "
        "to tick, correct and download as rows ready to append to observations.csv. Nothing is written on the "
        "server.",
    ),
    "paste": ("Nội dung bài báo", "Article text"),
    "paste_help": (
        "Văn bản thuần hoặc HTML (thẻ sẽ bị bỏ, không hiển thị).",
        "Plain text or HTML (tags are stripped, never rendered).",
    ),
    "upload": ("… hoặc tải lên tệp .txt", "… or upload a .txt file"),
    "upload_used": (
        "Đang dùng tệp tải lên; ô dán được bỏ qua.",
        "Using the uploaded file; the pasted text is ignored.",
    ),
    "source": ("Nguồn (một dòng của sources.csv)", "Source (one row of sources.csv)"),
    "source_id": ("Mã nguồn (id)", "Source id"),
    "source_id_help": (
        "Chữ thường, số, - _ . (ví dụ baophapluat-integration-2025-08)",
        "Lower-case letters, digits, - _ . (e.g. baophapluat-integration-2025-08)",
    ),
    "bad_source_id": (
        "Mã nguồn chỉ gồm chữ thường không dấu, số, - _ và dấu . giữa các phần, tối đa 80 ký tự "
        "(ví dụ baophapluat-integration-2025-08): hãy sửa mã trước khi tải về.",
        "A source id holds only lower-case letters a-z, digits, - _ and a . between parts, at most 80 characters "
        "(e.g. baophapluat-integration-2025-08): fix it before downloading.",
    ),
    "source_title": ("Tiêu đề", "Title"),
    "publisher": ("Cơ quan đăng", "Publisher"),
    "author": ("Tác giả", "Author"),
    "published": ("Ngày đăng (YYYY-MM-DD, YYYY-MM hoặc YYYY)", "Published (YYYY-MM-DD, YYYY-MM or YYYY)"),
    "url": ("Địa chỉ (URL)", "URL"),
    "article_date": ("Ngày bài báo nói tới (cho số đếm, xếp hạng)", "Date the article reports (for counts and ranks)"),
    "article_date_help": (
        'YYYY-MM-DD. Để trống: đọc từ văn bản nếu có (ví dụ "Sáng 14/1").',
        'YYYY-MM-DD. Blank: read from the text when it says (e.g. "Sáng 14/1").',
    ),
    "date_guessed": (
        'Ngày bài báo: {date}, đọc từ "{words}". Sửa ở ô bên trên nếu sai.',
        'Article date: {date}, read from "{words}". Change it above if wrong.',
    ),
    "year_guessed": (
        "Năm lấy theo năm muộn nhất được nhắc trong bài; hãy nhập ngày đăng để chắc chắn.",
        "The year is the latest the text names; give the published date to be sure.",
    ),
    "bad_date": ("Ngày không hợp lệ (cần YYYY-MM-DD): {value}", "Not a date YYYY-MM-DD: {value}"),
    "default_year": ("Năm mặc định (khi văn bản không nói)", "Default year (when the text names none)"),
    "candidates": ("Số liệu đề xuất", "Candidate figures"),
    "candidates_count": (
        "{n} số liệu; {kept} đang được giữ. Độ tin cậy thấp: đọc kỹ câu trích dẫn.",
        "{n} figures; {kept} kept. Low confidence: read the quote before keeping.",
    ),
    "hidden": (
        "{n} số liệu bị ẩn (không có chỉ tiêu phù hợp hoặc kỳ không biểu diễn được).",
        "{n} figures hidden (no matching indicator, or a period the data model cannot hold).",
    ),
    "show_all": ("Hiện cả số liệu bị ẩn", "Show hidden figures too"),
    "col_keep": ("Giữ", "Keep"),
    "col_confidence": ("Tin cậy", "Confidence"),
    "col_figure": ("Số liệu trong bài", "As printed"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_partner": ("Đối tác", "Partner"),
    "col_partner_help": ("Mã đối tác trong partners.csv (USA, CHN, EU, ASEAN ...); để trống = tất cả đối tác",
                         "A partner code of partners.csv (USA, CHN, EU, ASEAN ...); blank = all partners"),
    "col_product": ("Mặt hàng", "Product"),
    "col_product_help": ("Mã mặt hàng trong products.csv (phones, textiles ...); để trống = tất cả mặt hàng",
                         "A product code of products.csv (phones, textiles ...); blank = all products"),
    "col_year": ("Năm", "Year"),
    "col_months": ("Số tháng", "Months"),
    "col_as_of": ("Tính đến ngày", "As of"),
    "col_value": ("Giá trị", "Value"),
    "col_qualifier": ("Mức độ", "Qualifier"),
    "col_status": ("Trạng thái", "Status"),
    "col_quote": ("Trích dẫn", "Quote"),
    "col_note": ("Ghi chú", "Note"),
    "col_row": ("Dòng", "Row"),
    "col_table": ("Bảng", "Table"),
    "col_column": ("Cột", "Column"),
    "col_severity": ("Mức", "Severity"),
    "col_message": ("Vấn đề", "Problem"),
    "col_advice": ("Cách sửa (tiếng Anh)", "What to do"),
    "col_period": ("Kỳ", "Period"),
    "col_existing": ("Giá trị đã có", "Value in the dataset"),
    "col_source_id": ("Nguồn", "Source"),
    "events": ("Sự kiện đề xuất (events.csv)", "Candidate events (events.csv)"),
    "col_date": ("Ngày", "Date"),
    "col_kind": ("Loại", "Kind"),
    "col_code": ("Số hiệu", "Code"),
    "col_title_vi": ("Tên (tiếng Việt)", "Title (Vietnamese)"),
    "col_title_en": ("Tên (tiếng Anh)", "Title (English)"),
    "check": ("Kiểm tra các dòng được giữ", "Check of the kept rows"),
    "check_caption": (
        "Cùng các quy tắc như bộ dữ liệu, với văn bản đã dán làm nguồn và danh mục chỉ tiêu hiện có.",
        "The dataset's own rules, with the pasted text as the source and the bundled indicator catalog.",
    ),
    "nothing_kept": ("Chưa giữ dòng nào: đánh dấu cột Giữ.", "No row kept yet: tick the Keep column."),
    "valid": ("{n} dòng hợp lệ, sẵn sàng nối vào bộ dữ liệu.", "{n} rows valid, ready to append."),
    "invalid": (
        "{errors} lỗi, {warnings} cảnh báo: sửa trong bảng trên rồi kiểm tra lại.",
        "{errors} errors, {warnings} warnings: fix them in the table above.",
    ),
    "warnings_only": ("Hợp lệ, với {warnings} cảnh báo.", "Valid, with {warnings} warnings."),
    "source_exists": (
        'Mã nguồn "{id}" đã có trong sources.csv: hãy chọn mã khác.',
        'Source id "{id}" is already in sources.csv: choose another.',
    ),
    "differs": ("Khác với số liệu đã có", "Differs from figures already in the dataset"),
    "downloads": ("Tải về", "Download"),
    "downloads_caption": (
        "Các tệp CSV không có dòng tiêu đề: nối vào cuối data/observations.csv, data/sources.csv, "
        "data/events.csv; lưu văn bản vào data/{file}.",
        "The CSV files have no header row: append them to data/observations.csv, data/sources.csv and "
        "data/events.csv; save the text as data/{file}.",
    ),
    "dl_observations": ("Dòng observations.csv", "observations.csv rows"),
    "dl_source": ("Dòng sources.csv", "sources.csv row"),
    "dl_events": ("Dòng events.csv", "events.csv rows"),
    "dl_text": ("Văn bản nguồn (.txt)", "Source text (.txt)"),
    "dl_zip": ("Tất cả (.zip)", "Everything (.zip)"),
    "cleaned": ("Văn bản đã làm sạch (nguồn của các trích dẫn)", "Cleaned text (where quotes come from)"),
    "error": ("Không đọc được văn bản: {message}", "The text cannot be read: {message}"),
    "catalog_missing": (
        "Không tải được danh mục chỉ tiêu: {message}",
        "The indicator catalog cannot be loaded: {message}",
    ),
}


def notice_text(code: str, lang: str = "en") -> str:
    """An extractor notice (or ArticleError code) in words; the code itself when it has none."""
    return lookup(NOTICES, code, lang) if code in NOTICES else code
