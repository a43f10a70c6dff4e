"""Import an article: paste or upload its text, review the candidate figures, download the rows.

Thin: the extractor (vnintegration.extract) finds the candidates, vnintegration.article_import
turns the edited tables into checked CSV rows. Nothing is written on the server; every text
from the article (quotes, notes, titles) is shown as plain text in tables, never as Markdown.
"""

from __future__ import annotations

import hashlib
from datetime import date

import streamlit as st

from vnintegration.core import model
from vnintegration.core.model import EVENTS, SOURCES
from vnintegration.core.words import lookup
from vnintegration.dashboard import caches, common, state, views
from vnintegration.extract import importer as ai
from vnintegration.extract.figures import ROW_COLUMNS
from vnintegration.extract.i18n import STRINGS, notice_text
from vnintegration.extract.text import MAX_BYTES, ArticleError, clean_text, decode_article
from vnintegration.present.export import safe_text, to_safe_rows

lang = common.lang()


def t(key: str, **values) -> str:
    return lookup(STRINGS, key, lang, **values)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


st.title(t("title"))
st.caption(t("intro"))
common.show_notices(views.parse_page(state.query(), "import"))  # it reads no parameter but lang
state.commit("import", {})

ds = common.dataset()
if len(ds.indicators) == 0:
    st.error(t("catalog_missing", message="indicators.csv"))
    common.stop()

# ---------------------------------------------------------------------------------------- input
pasted = st.text_area(t("paste"), key="import_text", height=220, max_chars=MAX_BYTES, help=t("paste_help"))
upload = st.file_uploader(t("upload"), type=["txt"], key="import_file", max_upload_size=MAX_BYTES // 1_000_000)
text, error = pasted or "", None
if upload is not None:
    try:
        text = decode_article(upload.getvalue())
        st.caption(t("upload_used"))
    except ArticleError as exc:
        error = notice_text(exc.code, lang) if exc.code in ("too-large", "encoding", "binary") else exc.message

try:  # the cleaned text (HTML stripped, NFC) gives the default title; over the cap, say so here
    cleaned = clean_text(text).text if not error else ""
except ArticleError as exc:
    cleaned, error = "", notice_text(exc.code, lang)

with st.expander(t("source"), expanded=True):
    first_line = next((line.strip() for line in cleaned.splitlines() if line.strip()), "")[:200]
    c1, c2, c3 = st.columns([2, 3, 2])
    published = c3.text_input(t("published"), key="import_published").strip()
    # The title is keyed by its default: a new article proposes a new title. The id follows the title and date
    # while it holds the suggestion it was given; an id the person typed is theirs and never replaced.
    title = c2.text_input(t("source_title"), value=first_line, key=f"import_title_{_digest(first_line)}")
    suggested_id = ai.suggest_source_id(title, published)
    st.session_state["import_id"] = ai.source_id_to_show(st.session_state.get("import_id"),
                                                         st.session_state.get("import_id_suggested"), suggested_id)
    st.session_state["import_id_suggested"] = suggested_id
    source_id = c1.text_input(t("source_id"), key="import_id", help=t("source_id_help")).strip()
    c4, c5, c6 = st.columns([2, 3, 2])
    publisher = c4.text_input(t("publisher"), key="import_publisher")
    url = c5.text_input(t("url"), key="import_url")
    author = c6.text_input(t("author"), key="import_author")
    c7, c8 = st.columns(2)
    date_text = c7.text_input(t("article_date"), key="import_date", help=t("article_date_help")).strip()
    default_year = c8.number_input(t("default_year"), min_value=model.YEAR_MIN, max_value=model.YEAR_MAX,
                                   value=None, step=1, key="import_year")

article_date = None
if date_text:
    try:
        article_date = date.fromisoformat(date_text)
    except ValueError:
        st.warning(safe_text(t("bad_date", value=date_text)))

if error:
    st.error(safe_text(t("error", message=error)))
    common.stop()
if ai.is_reserved_name(source_id):  # sources/nul.txt: a file Windows cannot open
    st.error(safe_text(common.t("import_source_id_reserved", id=source_id)))
    common.stop()
if not ai.is_safe_source_id(source_id):  # it names files and stands in the README's shell commands
    st.error(t("bad_source_id"))
    common.stop()
if not text.strip():
    st.info(notice_text("empty", lang))
    common.stop()

show_all = st.toggle(t("show_all"), key="import_show_all")
try:
    result = caches.article_candidates(common.key(), text, article_date, published,
                                       int(default_year) if default_year else None, show_all)
except ArticleError as exc:
    st.error(t("error", message=notice_text(exc.code, lang)))
    common.stop()

for code in result.notices:
    (st.warning if code in ("not-vietnamese", "undated-counts") else st.info)(notice_text(code, lang))
if result.article_date and result.article_date_from and article_date is None:
    st.caption(safe_text(t("date_guessed", date=result.article_date.isoformat(), words=result.article_date_from)
                         + (" " + t("year_guessed") if result.article_year_guessed else "")))

# ---------------------------------------------------------------------------------------- candidates
digest = _digest(f"{result.text}|{article_date}|{published}|{default_year}|{show_all}")
st.subheader(t("candidates"))
if result.hidden and not show_all:
    st.caption(t("hidden", n=result.hidden))
table = ai.candidates_table(result)
ids = list(ds.indicators.index)
name_col = "name_vi" if lang == "vi" else "name_en"
names = {i: f"{i} · {ds.indicators.loc[i, name_col]}" for i in ids}
edited = st.data_editor(
    table, key=f"import_candidates_{digest}", hide_index=False, num_rows="fixed", width="stretch",
    column_order=list(ai.EDIT_COLUMNS),
    column_config={
        "keep": st.column_config.CheckboxColumn(t("col_keep"), width="small"),
        "confidence": st.column_config.ProgressColumn(t("col_confidence"), min_value=0.0, max_value=1.0,
                                                      format="%.2f", width="small"),
        "figure": st.column_config.TextColumn(t("col_figure"), disabled=True),
        "indicator": st.column_config.SelectboxColumn(t("col_indicator"), options=ids, width="medium",
                                                      format_func=lambda i: names.get(i, i)),
        "partner": st.column_config.TextColumn(t("col_partner"), validate=r"^[A-Z0-9]{0,8}$", width="small",
                                               help=t("col_partner_help")),
        "product": st.column_config.TextColumn(t("col_product"), validate=r"^[a-z0-9_]{0,40}$", width="small",
                                               help=t("col_product_help")),
        "year": st.column_config.NumberColumn(t("col_year"), min_value=model.YEAR_MIN, max_value=model.YEAR_MAX,
                                              step=1, format="%d", width="small"),
        "months": st.column_config.NumberColumn(t("col_months"), min_value=1, max_value=12, step=1, format="%d",
                                                width="small"),
        "as_of": st.column_config.TextColumn(t("col_as_of"), validate=r"^(\d{4}-\d{2}-\d{2})?$", width="small"),
        "value": st.column_config.NumberColumn(t("col_value"), format="%g"),
        "qualifier": st.column_config.SelectboxColumn(t("col_qualifier"), options=list(model.QUALIFIERS)),
        "status": st.column_config.SelectboxColumn(t("col_status"), options=list(model.STATUSES)),
        "quote": st.column_config.TextColumn(t("col_quote"), width="large"),
        "note": st.column_config.TextColumn(t("col_note"), width="medium"),
    },
)
kept_obs = ai.observation_rows(edited, source_id)
st.caption(t("candidates_count", n=len(table), kept=len(kept_obs)))

kept_events: list[dict] = []
events = ai.events_table(result)
if len(events):
    st.subheader(t("events"))
    edited_events = st.data_editor(
        events, key=f"import_events_{digest}", num_rows="fixed", width="stretch",
        column_config={
            "keep": st.column_config.CheckboxColumn(t("col_keep"), width="small"),
            "date": st.column_config.TextColumn(t("col_date"), validate=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"),
            "kind": st.column_config.SelectboxColumn(t("col_kind"), options=list(model.EVENT_KINDS)),
            "code": st.column_config.TextColumn(t("col_code")),
            "title_vi": st.column_config.TextColumn(t("col_title_vi"), width="medium"),
            "title_en": st.column_config.TextColumn(t("col_title_en"), width="medium"),
            "quote": st.column_config.TextColumn(t("col_quote"), width="large"),
        },
    )
    kept_events = ai.event_rows(edited_events, source_id)

# ---------------------------------------------------------------------------------------- check
source = ai.source_row({"id": source_id, "title": title, "publisher": publisher, "author": author,
                        "published": published, "url": url})
st.subheader(t("check"))
st.caption(t("check_caption"))
if source_id in set(ds.sources.index):
    st.warning(safe_text(t("source_exists", id=source_id)))
if not kept_obs and not kept_events:
    st.info(t("nothing_kept"))
else:
    indicators_csv = caches.data_files(common.key())["indicators.csv"]  # the upload's, when one is in use
    problems = ai.check(indicators_csv, source, result.text, kept_obs, kept_events)
    n_errors = ai.errors_in(problems)
    if n_errors:
        st.error(t("invalid", errors=n_errors, warnings=len(problems) - n_errors))
    elif len(problems):
        st.success(t("warnings_only", warnings=len(problems)))
    else:
        st.success(t("valid", n=len(kept_obs) + len(kept_events)))
    if len(problems):
        common.show_table(problems.rename(columns=lambda c: t("col_" + c)), hide_index=True, width="stretch",
                          key="import_problems")
    diffs = ai.differences(kept_obs, ds.observations)
    if len(diffs):
        st.caption(t("differs"))
        common.show_table(diffs.rename(columns=lambda c: t("col_" + c)), hide_index=True, width="stretch",
                          key="import_differences")

# ---------------------------------------------------------------------------------------- downloads
st.subheader(t("downloads"))
st.caption(safe_text(t("downloads_caption", file=source["file"])))
sid = source_id or "article"
d1, d2, d3, d4, d5 = st.columns(5)
# Every file through the formula-safe writer (present/export.py): rows opened in a spreadsheet stay data.
d1.download_button(t("dl_observations"), to_safe_rows(kept_obs, ROW_COLUMNS), f"observations-{sid}.csv",
                   "text/csv", key="dl_obs", on_click="ignore", disabled=not kept_obs)
d2.download_button(t("dl_source"), to_safe_rows([source], SOURCES.columns), f"sources-{sid}.csv", "text/csv",
                   key="dl_source", on_click="ignore")
d3.download_button(t("dl_events"), to_safe_rows(kept_events, EVENTS.columns), f"events-{sid}.csv", "text/csv",
                   key="dl_events", on_click="ignore", disabled=not kept_events)
d4.download_button(t("dl_text"), result.text, source["file"].rsplit("/", 1)[-1], "text/plain", key="dl_text",
                   on_click="ignore")
d5.download_button(t("dl_zip"), ai.bundle(source, result.text, kept_obs, kept_events, to_safe_rows), f"import-{sid}.zip",
                   "application/zip", key="dl_zip", on_click="ignore", type="primary")

with st.expander(t("cleaned")):
    st.code(result.text, language=None, wrap_lines=True, height=300)
