"""Overview: the latest figure of each headline indicator, as a card.

Each card: the figure as its source wrote it ("trên 514 tỷ USD") with its period in the label, the change
against the same period a year earlier (or "no comparable period"), a sparkline of the same span where the
series has several points (st.metric's own, no plotly on the landing page), and a link to the figure's
verbatim quote on the Sources page.
"""

from __future__ import annotations

import streamlit as st

from vnintegration.core import analysis
from vnintegration.core.periods import Period
from vnintegration.dashboard import caches, common, registry, state, views
from vnintegration.dashboard.about_box import about_popover
from vnintegration.dashboard.common import t
from vnintegration.present import about, i18n
from vnintegration.present.export import safe_text

CARD_PX = 240

lang = common.lang()
params = state.restore("overview", state.query())
url_view, notices = views.parse_overview(params)
ds = common.dataset()

common.header("app_title", "overview_intro")
common.show_notices(notices)

# The newest period (a part year against the same months a year earlier), or the latest full year: in the URL.
state.seed("overview", params, {"card_span": url_view.span})
span = st.segmented_control(t("card_span"), list(analysis.CARD_SPANS), key="card_span", required=True,
                            format_func=lambda x: t("card_span_" + x))
cards = caches.latest_cards(common.key(), span)


def change_text(card) -> tuple[str | None, str, str]:
    """(delta shown, its description, arrow) for a card."""
    row = card.row
    if card.change is None:
        return None, t("no_comparable"), "off"
    ch = card.change
    decimals = 1 if ch.unit == "rel" else None
    if ch.unit == "rel" and ch.relative is None:  # a base that is not positive: say the absolute change
        text = i18n.format_change(ch.absolute, "abs", row["unit"], lang, None, ch.approximate)
        value = ch.absolute
    else:
        text = i18n.format_change(ch.headline, ch.unit, row["unit"], lang, decimals, ch.approximate)
        value = ch.headline
    base = Period.of(card.previous)
    short = (str(base.year) if base.full_year else
             i18n.format_date(base.as_of, lang) if base.as_of is not None else base.label(lang))
    arrow = "off" if ch.unit == "rank" or round(value, 6) == 0 else ("up" if value > 0 else "down")
    return text, t("vs_period", period=short), arrow


def base_caption(card) -> str:
    """"năm 2024: 7,09%": the figure the change is computed against (the official one of that period), its source
    said when it is not the card's own."""
    if card.previous is None:
        return ""
    base = card.previous
    was = i18n.format_value(base["value"], card.row["unit"], base["qualifier"], lang)
    text = f"{Period.of(base).label(lang)}: {was}"
    if base["source_id"] != card.row["source_id"]:
        rows = common.frame()
        found = rows[rows["_line"] == base["_line"]]
        if len(found):
            text += f" ({about.citation(found.iloc[0], lang, code=False)})"
    return text


def beside_caption(card) -> str:
    """The same period from the other sources, labelled: "Ngân hàng Thế giới: 472,93 tỷ USD"."""
    return "; ".join(f"{about.publisher_name(str(b.get('publisher') or ''), lang) or about.citation(b, lang)}: "
                     f"{i18n.format_value(b['value'], card.row['unit'], b['qualifier'], lang)}" for b in card.beside)


def card_about(card):
    """"About this data" of a card: its figure and those beside it."""
    rows = common.frame()
    lines = [card.row["_line"]] + [b["_line"] for b in card.beside]
    meta = common.dataset().indicators.loc[card.indicator]
    return about.indicator_about(meta.to_dict() | {"id": card.indicator}, rows[rows["_line"].isin(lines)], lang,
                                 "level", (), str(meta.get("preferred_source") or ""))


def spark_caption(card) -> str:
    if not card.spark:
        return ""
    if card.spark_kind == "dates":
        return t("spark_dates", start=i18n.format_date(card.spark_start, lang), end=i18n.format_date(card.spark_end, lang))
    if card.spark_kind == "full" or card.row["months"] == 12:
        return t("spark_full", start=card.spark_start, end=card.spark_end)
    span = Period(2000, int(card.row["months"])).span_label(lang)
    return t("spark_same", span=span, start=card.spark_start, end=card.spark_end)


if not cards:
    st.info(t("no_headline"))
else:
    group_order = list(i18n.GROUPS)
    cards = sorted(cards, key=lambda c: (group_order.index(c.row["group"]) if c.row["group"] in group_order else 99))
    # Cards at least CARD_PX wide, sharing each row's width: one full-width card a row on a phone, several on a
    # desktop, none cut. (Our own constant style; Streamlit's widths are fixed or a share of the row, never a minimum.)
    st.html(f"<style>.st-key-cards > [data-testid='stLayoutWrapper'] {{flex: 1 1 {CARD_PX}px !important; "
            f"min-width: {CARD_PX}px !important;}}</style>")
    grid = st.container(horizontal=True, gap="small", key="cards")
    for card in cards:
        row = card.row
        name = row["name_vi"] if lang == "vi" else row["name_en"]
        period = Period.of(row).label(lang)
        status = "" if row["status"] == "actual" else f" · **{safe_text(i18n.status_word(row['status'], lang))}**"
        value = i18n.format_value(row["value"], row["unit"], row["qualifier"], lang)
        delta, description, arrow = change_text(card)
        source = about.citation(row, lang)
        if row["source_kind"] == "dataset":  # its series or report, never the locator the validator reads
            quote = source
        else:
            quote = t("quote_help", quote=row["quote"], source=source)
        # Names, quotes, periods and sources are data: every Markdown-rendering place gets them as text.
        with grid.container(border=True, width="stretch", height="stretch", gap="small", key=f"card_{card.indicator}"):
            # The quote's tooltip sits on the card's heading: the metric's own label (and its help icon) is hidden.
            st.markdown(f"**{safe_text(name)}**  \n:gray[{safe_text(period)}]{status}", help=safe_text(quote))
            st.metric(
                label=safe_text(f"{name}, {period}"), value=value, delta=delta, delta_description=description,
                delta_color="off" if delta is None else "blue", delta_arrow=arrow,
                chart_data=card.spark or None, chart_type="line", border=False, label_visibility="collapsed",
            )
            lines = [base_caption(card), spark_caption(card)]
            if card.beside:
                lines.insert(1, beside_caption(card))
            if card.change is not None and card.change.approximate:
                lines.append(t("approx_help"))
            if any(lines):
                st.caption("  \n".join(safe_text(line) for line in lines if line))
            st.page_link(registry.BY_NAME["sources"].file, label=safe_text(t("source_link", source=source)),
                         query_params={"fig": str(int(row["_line"]))} | ({"lang": lang} if lang != "vi" else {}))
            about_popover(card_about(card), f"card_{card.indicator}")

state.commit("overview", views.OverviewView(span).to_params())
common.footer(ds)
