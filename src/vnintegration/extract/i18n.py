"""Words of the Import page and of the extractor's notices, in Vietnamese and English."""

from __future__ import annotations

from vnintegration.extract.text import MAX_BYTES

NOTICES: dict[str, dict[str, str]] = {
    "empty": {"vi": "Văn bản trống: hãy dán nội dung một bài báo.",
              "en": "the text is empty: paste an article's text"},
    "not-vietnamese": {
        "vi": "Văn bản không giống tiếng Việt; bộ đọc chỉ đọc số liệu viết theo cách viết tiếng Việt.",
        "en": "the text does not look Vietnamese; figures are read only in Vietnamese notation",
    },
    "no-figures": {"vi": "Không tìm thấy số liệu nào có đơn vị (%, tỷ USD, nghìn tỷ đồng, số nước, FTA...).",
                   "en": "no figure with a unit (%, tỷ USD, nghìn tỷ đồng, counts of countries, FTAs ...) was found"},
    "html-stripped": {"vi": "Đã bỏ các thẻ HTML; trích dẫn lấy từ văn bản đã làm sạch (tải về cùng các dòng).",
                      "en": "HTML tags were stripped; quotes refer to the cleaned text (download it with the rows)"},
    "undated-counts": {
        "vi": "Có số đếm (số nước, số FTA...) chưa có ngày as_of: hãy nhập ngày của bài báo.",
        "en": "some counts (countries, FTAs ...) have no as_of date: give the article's date",
    },
    "too-large": {"vi": f"Văn bản quá dài (giới hạn {MAX_BYTES / 1e6:.0f} MB); hãy dán từng bài một.",
                  "en": f"the text is over the {MAX_BYTES / 1e6:.0f} MB cap; paste one article at a time"},
    "encoding": {"vi": "Tệp không phải văn bản UTF-8; hãy lưu lại dưới dạng UTF-8.",
                 "en": "the file is not UTF-8 text; re-save it as UTF-8"},
    "binary": {"vi": "Tệp không phải văn bản; hãy tải lên tệp .txt.",
               "en": "the file is not text; upload a .txt file"},
}

STRINGS: dict[str, dict[str, str]] = {
    "title": {"vi": "Nhập một bài báo", "en": "Import an article"},
    "intro": {
        "vi": "Dán nội dung bài báo hoặc tải lên tệp .txt. Các số liệu tìm được hiện trong bảng dưới đây để bạn "
              "đánh dấu giữ, sửa và tải về thành các dòng sẵn sàng nối vào observations.csv. "
              "Không có gì được lưu trên máy chủ.",
        "en": "Paste an article's text or upload a .txt file. The figures found appear in the table below for you "
              "to tick, correct and download as rows ready to append to observations.csv. "
              "Nothing is written on the server.",
    },
    "paste": {"vi": "Nội dung bài báo", "en": "Article text"},
    "paste_help": {"vi": "Văn bản thuần hoặc HTML (thẻ sẽ bị bỏ, không hiển thị).",
                   "en": "Plain text or HTML (tags are stripped, never rendered)."},
    "upload": {"vi": "… hoặc tải lên tệp .txt", "en": "… or upload a .txt file"},
    "upload_used": {"vi": "Đang dùng tệp tải lên; ô dán được bỏ qua.",
                    "en": "Using the uploaded file; the pasted text is ignored."},
    "source": {"vi": "Nguồn (một dòng của sources.csv)", "en": "Source (one row of sources.csv)"},
    "source_id": {"vi": "Mã nguồn (id)", "en": "Source id"},
    "source_id_help": {"vi": "Chữ thường, số, - _ . (ví dụ baophapluat-integration-2025-08)",
                       "en": "Lower-case letters, digits, - _ . (e.g. baophapluat-integration-2025-08)"},
    "source_title": {"vi": "Tiêu đề", "en": "Title"},
    "publisher": {"vi": "Cơ quan đăng", "en": "Publisher"},
    "author": {"vi": "Tác giả", "en": "Author"},
    "published": {"vi": "Ngày đăng (YYYY-MM-DD, YYYY-MM hoặc YYYY)", "en": "Published (YYYY-MM-DD, YYYY-MM or YYYY)"},
    "url": {"vi": "Địa chỉ (URL)", "en": "URL"},
    "article_date": {"vi": "Ngày bài báo nói tới (cho số đếm, xếp hạng)",
                     "en": "Date the article reports (for counts and ranks)"},
    "article_date_help": {"vi": "YYYY-MM-DD. Để trống: đọc từ văn bản nếu có (ví dụ \"Sáng 14/1\").",
                          "en": "YYYY-MM-DD. Blank: read from the text when it says (e.g. \"Sáng 14/1\")."},
    "date_guessed": {"vi": "Ngày bài báo: {date}, đọc từ \"{words}\". Sửa ở ô bên trên nếu sai.",
                     "en": "Article date: {date}, read from \"{words}\". Change it above if wrong."},
    "year_guessed": {"vi": "Năm lấy theo năm muộn nhất được nhắc trong bài; hãy nhập ngày đăng để chắc chắn.",
                     "en": "The year is the latest the text names; give the published date to be sure."},
    "bad_date": {"vi": "Ngày không hợp lệ (cần YYYY-MM-DD): {value}", "en": "Not a date YYYY-MM-DD: {value}"},
    "default_year": {"vi": "Năm mặc định (khi văn bản không nói)", "en": "Default year (when the text names none)"},
    "candidates": {"vi": "Số liệu đề xuất", "en": "Candidate figures"},
    "candidates_count": {"vi": "{n} số liệu; {kept} đang được giữ. Độ tin cậy thấp: đọc kỹ câu trích dẫn.",
                         "en": "{n} figures; {kept} kept. Low confidence: read the quote before keeping."},
    "hidden": {"vi": "{n} số liệu bị ẩn (không có chỉ tiêu phù hợp hoặc kỳ không biểu diễn được).",
               "en": "{n} figures hidden (no matching indicator, or a period the data model cannot hold)."},
    "show_all": {"vi": "Hiện cả số liệu bị ẩn", "en": "Show hidden figures too"},
    "no_candidates": {"vi": "Chưa có số liệu đề xuất.", "en": "No candidate figures."},
    "col_keep": {"vi": "Giữ", "en": "Keep"},
    "col_confidence": {"vi": "Tin cậy", "en": "Confidence"},
    "col_figure": {"vi": "Số liệu trong bài", "en": "As printed"},
    "col_indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "col_year": {"vi": "Năm", "en": "Year"},
    "col_months": {"vi": "Số tháng", "en": "Months"},
    "col_as_of": {"vi": "Tính đến ngày", "en": "As of"},
    "col_value": {"vi": "Giá trị", "en": "Value"},
    "col_qualifier": {"vi": "Mức độ", "en": "Qualifier"},
    "col_status": {"vi": "Trạng thái", "en": "Status"},
    "col_quote": {"vi": "Trích dẫn", "en": "Quote"},
    "col_note": {"vi": "Ghi chú", "en": "Note"},
    "col_row": {"vi": "Dòng", "en": "Row"},
    "col_table": {"vi": "Bảng", "en": "Table"},
    "col_column": {"vi": "Cột", "en": "Column"},
    "col_severity": {"vi": "Mức", "en": "Severity"},
    "col_message": {"vi": "Vấn đề", "en": "Problem"},
    "col_advice": {"vi": "Cách sửa (tiếng Anh)", "en": "What to do"},
    "col_period": {"vi": "Kỳ", "en": "Period"},
    "col_existing": {"vi": "Giá trị đã có", "en": "Value in the dataset"},
    "col_source_id": {"vi": "Nguồn", "en": "Source"},
    "events": {"vi": "Sự kiện đề xuất (events.csv)", "en": "Candidate events (events.csv)"},
    "col_date": {"vi": "Ngày", "en": "Date"},
    "col_kind": {"vi": "Loại", "en": "Kind"},
    "col_code": {"vi": "Số hiệu", "en": "Code"},
    "col_title_vi": {"vi": "Tên (tiếng Việt)", "en": "Title (Vietnamese)"},
    "col_title_en": {"vi": "Tên (tiếng Anh)", "en": "Title (English)"},
    "check": {"vi": "Kiểm tra các dòng được giữ", "en": "Check of the kept rows"},
    "check_caption": {
        "vi": "Cùng các quy tắc như bộ dữ liệu, với văn bản đã dán làm nguồn và danh mục chỉ tiêu hiện có.",
        "en": "The dataset's own rules, with the pasted text as the source and the bundled indicator catalog.",
    },
    "nothing_kept": {"vi": "Chưa giữ dòng nào: đánh dấu cột Giữ.", "en": "No row kept yet: tick the Keep column."},
    "valid": {"vi": "{n} dòng hợp lệ, sẵn sàng nối vào bộ dữ liệu.", "en": "{n} rows valid, ready to append."},
    "invalid": {"vi": "{errors} lỗi, {warnings} cảnh báo: sửa trong bảng trên rồi kiểm tra lại.",
                "en": "{errors} errors, {warnings} warnings: fix them in the table above."},
    "warnings_only": {"vi": "Hợp lệ, với {warnings} cảnh báo.", "en": "Valid, with {warnings} warnings."},
    "source_exists": {"vi": "Mã nguồn \"{id}\" đã có trong sources.csv: hãy chọn mã khác.",
                      "en": "Source id \"{id}\" is already in sources.csv: choose another."},
    "differs": {"vi": "Khác với số liệu đã có", "en": "Differs from figures already in the dataset"},
    "downloads": {"vi": "Tải về", "en": "Download"},
    "downloads_caption": {
        "vi": "Các tệp CSV không có dòng tiêu đề: nối vào cuối data/observations.csv, data/sources.csv, "
              "data/events.csv; lưu văn bản vào data/{file}.",
        "en": "The CSV files have no header row: append them to data/observations.csv, data/sources.csv and "
              "data/events.csv; save the text as data/{file}.",
    },
    "dl_observations": {"vi": "Dòng observations.csv", "en": "observations.csv rows"},
    "dl_source": {"vi": "Dòng sources.csv", "en": "sources.csv row"},
    "dl_events": {"vi": "Dòng events.csv", "en": "events.csv rows"},
    "dl_text": {"vi": "Văn bản nguồn (.txt)", "en": "Source text (.txt)"},
    "dl_zip": {"vi": "Tất cả (.zip)", "en": "Everything (.zip)"},
    "cleaned": {"vi": "Văn bản đã làm sạch (nguồn của các trích dẫn)", "en": "Cleaned text (where quotes come from)"},
    "error": {"vi": "Không đọc được văn bản: {message}", "en": "The text cannot be read: {message}"},
    "catalog_missing": {"vi": "Không tải được danh mục chỉ tiêu: {message}",
                        "en": "The indicator catalog cannot be loaded: {message}"},
}


def notice_text(code: str, lang: str = "en") -> str:
    entry = NOTICES.get(code)
    if entry is None:
        return code
    return entry.get(lang) or entry["en"]


def tr(key: str, lang: str = "en", **values) -> str:
    entry = STRINGS.get(key, {})
    text = entry.get(lang) or entry.get("en") or key
    return text.format(**values) if values else text
