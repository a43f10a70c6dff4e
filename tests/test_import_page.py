"""The Import page in AppTest: paste, candidates, check, downloads; bad input never raises."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from tests.conftest import DATA, ROOT
from tests.test_injection import as_read

PAGE = "src/vnintegration/dashboard/pages/import.py"
SEED = (DATA / "sources" / "002_33789e7f253b3a9b.txt").read_text(encoding="utf-8")


def open_page(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def paste(at: AppTest, text: str, published: str = "") -> AppTest:
    at.text_area(key="import_text").input(text)
    if published:
        at.text_input(key="import_published").input(published)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> list[str]:
    return [as_read(str(e.value)) for e in elements]  # data text is escaped: what a reader sees


def test_empty_page_asks_for_text():
    at = open_page()
    assert at.title[0].value == "Nhập một bài báo"
    assert any("Văn bản trống" in s for s in texts(at.info))
    assert len(at.get("download_button")) == 0


def test_seed_article_gives_candidates_a_clean_check_and_downloads():
    at = paste(open_page("en"), SEED, published="2025-08")
    assert at.title[0].value == "Import an article"
    table = at.dataframe[0].value
    found = set(zip(table["indicator"], table["year"].astype(str), table["value"]))
    assert ("gdp_growth", "2025", 7.52) in found and ("fdi_disbursed", "2025", 13.6) in found
    assert table["keep"].sum() >= 6
    assert any("rows valid" in s for s in texts(at.success)), texts(at.error) + texts(at.success)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["observations.csv rows", "sources.csv row", "events.csv rows", "Source text (.txt)",
                      "Everything (.zip)"]
    assert any("chiều 26/8" in s for s in texts(at.caption))


def test_html_paste_is_stripped_and_never_rendered():
    html = ("<div><p>Năm 2024, Việt Nam có mức tăng <b>GDP</b> đạt 7,09%, quy mô nền kinh tế đạt "
            "11.511,9 ngàn tỷ đồng.</p><script>alert('xss')</script><img src=x onerror=alert(1)></div>")
    at = paste(open_page("en"), html)
    assert any("HTML tags were stripped" in s for s in texts(at.info))
    assert list(at.dataframe[0].value["value"]) == [7.09, 11511.9]
    rendered = " ".join(texts(at.markdown) + texts(at.caption) + texts(at.info) + texts(at.warning))
    assert "<script" not in rendered and "onerror" not in rendered and "alert" not in rendered
    assert "<" not in at.code[0].value


@pytest.mark.parametrize(("text", "where", "words"), [
    ("The economy of Vietnam grew by 7.09 percent in 2024 while exports reached a record of 405 billion "
     "dollars, according to the statistics office and the customs department.", "warning", "does not look Vietnamese"),
    ("Hội nhập quốc tế là động lực quan trọng để phát triển đất nước trong giai đoạn mới.", "info", "no figure"),
    ("   \n\u00a0\t  ", "info", "the text is empty"),
])
def test_bad_text_is_a_message_not_a_traceback(text, where, words):
    at = paste(open_page("en"), text)
    assert any(words in s for s in texts(getattr(at, where)))


def test_over_the_cap_is_a_clear_error():
    at = paste(open_page("en"), "ă" * 1_500_000)  # within the box's character limit, over the 2 MB cap
    assert any("cap" in s for s in texts(at.error))
    assert len(at.get("download_button")) == 0


def test_nfd_paste_reads_like_nfc():
    import unicodedata

    nfc = paste(open_page("en"), SEED, published="2025-08").dataframe[0].value
    nfd = paste(open_page("en"), unicodedata.normalize("NFD", SEED), published="2025-08").dataframe[0].value
    assert nfc.equals(nfd)


@pytest.mark.parametrize("source_id", ["bad id", "x; rm -rf ~", "$(curl x)", "../up", "a/b", "Hoa", "-x", "a..b",
                                       "a" * 81, "đ", "a\nb", ""])
def test_only_slugs_are_source_ids(source_id):
    from vnintegration.extract import importer as ai

    assert not ai.is_safe_source_id(source_id)
    assert ai.is_safe_source_id("baophapluat-integration-2025-08") and ai.is_safe_source_id("wdi_2026.07")


def test_an_unsafe_source_id_is_a_clear_error_and_no_download(caplog):
    at = paste(open_page("en"), SEED, published="2025-08")
    box = next(box for box in at.text_input if box.label == "Source id")
    box.input("bad id").run()  # a space: it once logged an Arrow traceback on every rerun
    assert not at.exception, [e.value for e in at.exception]
    assert any("A source id holds only" in s for s in texts(at.error)), texts(at.error)
    assert len(at.get("download_button")) == 0
    assert "Traceback" not in caplog.text  # nothing logged, whatever the id


@pytest.mark.parametrize("source_id", ["con", "nul.txt", "NUL", "aux", "prn.2025", "com1", "com0", "lpt9.x",
                                       "Con.txt"])
def test_windows_device_names_are_not_source_ids(source_id):
    from vnintegration.extract import importer as ai

    assert ai.is_reserved_name(source_id) and not ai.is_safe_source_id(source_id)
    for fine in ("console", "con-so-2025", "com10", "nul_x", "a.con"):  # only the part before the first dot
        assert not ai.is_reserved_name(fine)
    assert ai.suggest_source_id("Con") == "con-article" and ai.is_safe_source_id(ai.suggest_source_id("NUL"))


@pytest.mark.parametrize("source_id", ["con", "nul.txt"])
def test_a_reserved_source_id_is_a_clear_error_and_no_download(source_id):
    at = paste(open_page("en"), SEED, published="2025-08")
    at.text_input(key="import_id").input(source_id).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"The source id {source_id} is a device name Windows reserves" in s for s in texts(at.error)), \
        texts(at.error)
    assert len(at.get("download_button")) == 0


def test_a_typed_source_id_is_never_replaced():
    """The id follows the title while it is the suggestion; once a person has typed one, editing the title or the
    date keeps it."""
    at = paste(open_page("en"), SEED, published="2025-08")
    title = next(box for box in at.text_input if box.label == "Title")
    suggested = at.text_input(key="import_id").value
    title.input("Một tiêu đề khác").run()
    assert at.text_input(key="import_id").value == "mot-tieu-de-khac-2025-08" != suggested  # follows the title
    at.text_input(key="import_id").input("my-own-id").run()
    title = next(box for box in at.text_input if box.label == "Title")
    title.input("Yet another title").run()
    at.text_input(key="import_published").input("2025-09").run()
    assert at.text_input(key="import_id").value == "my-own-id"
    assert not at.exception, [e.value for e in at.exception]


def test_pure_rule_keeps_what_was_typed():
    from vnintegration.extract.importer import source_id_to_show

    assert source_id_to_show(None, None, "new") == "new"
    assert source_id_to_show("", "old", "new") == "new"
    assert source_id_to_show("old", "old", "new") == "new"
    assert source_id_to_show("typed", "old", "new") == "typed"


def test_every_import_download_is_formula_safe():
    """The page's CSV rows go through present/export.py: a quote starting with = is neutralised."""
    import io
    import zipfile

    from vnintegration.core.model import OBSERVATIONS
    from vnintegration.extract import importer as ai
    from vnintegration.present.export import to_safe_rows

    row = {c: "" for c in OBSERVATIONS.columns} | {"indicator": "gdp_growth", "value": "-2.5", "quote": "=HYPERLINK(1)"}
    text = to_safe_rows([row], OBSERVATIONS.columns)
    assert "'=HYPERLINK(1)" in text and ",-2.5," in text and not text.startswith("\ufeff")
    source = ai.source_row({"id": "safe-id", "title": "T"})
    archive = zipfile.ZipFile(io.BytesIO(ai.bundle(source, "x", [row], [], to_safe_rows)))
    assert "'=HYPERLINK(1)" in archive.read("observations-safe-id.csv").decode()
    with pytest.raises(ValueError):
        ai.bundle(ai.source_row({"id": "x; rm -rf ~"}), "x", [row], [], to_safe_rows)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_show_all_after_a_download_never_reads_an_empty_language(lang):
    """The "unknown language None" traceback: the language switch (a segmented control with no default) holds
    None whenever its state is missing when it is drawn; the next run passed that None to every lookup. Here the
    switch's state is None, as Streamlit leaves it, and "show hidden figures" is toggled: the page stays in the
    session's language and shows no exception."""
    at = paste(open_page(lang), SEED)
    for flip in (True, False, True):
        at.session_state["lang"] = None
        at.toggle(key="import_show_all").set_value(flip).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.title[0].value == ("Nhập một bài báo" if lang == "vi" else "Import an article")
        assert at.session_state["lang"] == lang


def test_readers_never_see_a_stack_trace():
    """Streamlit's documented value that shows readers a generic message only (no type, message or traceback)."""
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
