"""The sections of a change between two datasets, as tables and bars: the headline figures, tier moves,
warnings, revenue by tier, region and manager, new and lost customers, and the funnel."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ui.charts import _layout
from ui.format import code_label, delta_style, field_label, money, pct
from ui.text import lang, t


def headline(result: dict) -> None:
    """Five metrics: tier moves, new A customers, new and cleared warnings, and the revenue change."""
    cols = st.columns(5)
    cols[0].metric(t("chg_tier_moves"), len(result["tier_moves"]))
    cols[1].metric(t("chg_new_a"), len(result["new_a_customers"]))
    cols[2].metric(t("chg_new_warnings"), len(result["new_warnings"]))
    cols[3].metric(t("chg_cleared_warnings"), len(result["cleared_warnings"]))
    total = result["revenue_change"]["total"]
    cols[4].metric(
        t("chg_revenue_change"),
        money(total["to_net_revenue"]),
        delta=money(total["change"]),
        **delta_style(round(total["change"])),  # ¥0 is no change: no arrow, no green
    )


def _tier(code) -> str:
    return code_label("tier", code) if code else t("chg_not_present")


def tier_moves(result: dict, *, key: str, only_new_a: bool = False) -> None:
    moves = result["new_a_customers"] if only_new_a else result["tier_moves"]
    if not moves:
        st.caption(t("chg_no_moves") if not only_new_a else t("chg_none"))
        return
    frame = pd.DataFrame(
        {
            t("customer"): [m["customer"] for m in moves],
            t("customer_name"): [m["customer_name"] or "" for m in moves],
            t("chg_col_from_tier"): [_tier(m["from_tier"]) for m in moves],
            t("chg_col_to_tier"): [_tier(m["to_tier"]) for m in moves],
            t("chg_col_from_revenue"): [money(m["from_net_revenue"]) for m in moves],
            t("chg_col_to_revenue"): [money(m["to_net_revenue"]) for m in moves],
        }
    )
    st.dataframe(frame, hide_index=True, key=key)


def warnings(rows: list[dict], *, empty: str, key: str, cleared: bool = False) -> None:
    """A warning list; a cleared warning carries its former level and reason, and is now ok."""
    if not rows:
        st.caption(empty)
        return
    reason = "reason_zh" if lang() == "zh" else "reason_en"
    frame = pd.DataFrame(
        {
            t("customer"): [w["customer"] for w in rows],
            t("chg_col_level"): [code_label("level", "ok" if cleared else w["level"]) for w in rows],
            t("chg_col_from_level"): [
                code_label("level", w["from_level"]) if w["from_level"] else t("chg_not_present") for w in rows
            ],
            t("chg_col_reason"): [w[reason] for w in rows],
            t("chg_col_at_risk"): [money(w["revenue_at_risk"]) for w in rows],
            t("chg_col_manager"): [w["account_manager"] or "" for w in rows],
        }
    )
    st.dataframe(frame, hide_index=True, key=key)


def revenue(rows: list[dict], column: str, *, key: str) -> None:
    """A table and a bar of the change per tier / region / manager."""
    names = [(code_label("tier", r[column]) if column == "tier" else r[column]) or t("chg_not_present") for r in rows]
    frame = pd.DataFrame(
        {
            (t("tier") if column == "tier" else field_label(column)): names,
            t("chg_col_customers_before"): [r["from_customers_count"] for r in rows],
            t("chg_col_customers_now"): [r["to_customers_count"] for r in rows],
            t("chg_col_from_revenue"): [money(r["from_net_revenue"]) for r in rows],
            t("chg_col_to_revenue"): [money(r["to_net_revenue"]) for r in rows],
            t("chg_col_change"): [money(r["change"]) for r in rows],
        }
    )
    left, right = st.columns([3, 2], gap="medium")
    left.dataframe(frame, hide_index=True, key=f"{key}_table")
    changes = [r["change"] for r in rows]
    fig = go.Figure(
        go.Bar(
            x=[html.escape(str(n)) for n in names],
            y=changes,
            marker_color=["#2e7d32" if c > 0 else "#c62828" if c < 0 else "#9e9e9e" for c in changes],
            hovertemplate="%{x}: ¥%{y:,.2f}<extra></extra>",
        )
    )
    fig.update_xaxes(type="category")
    right.plotly_chart(_layout(fig, t("chg_revenue_change")), key=f"{key}_chart")


def customers(rows: list[dict], title: str, *, key: str) -> None:
    st.markdown(f"**{title}** ({len(rows)})")
    if rows:
        st.dataframe(
            pd.DataFrame(
                {
                    t("customer"): [c["customer"] for c in rows],
                    t("customer_name"): [c["customer_name"] or "" for c in rows],
                }
            ),
            hide_index=True,
            key=key,
        )


def _count(n) -> str:
    return "—" if n is None else f"{n:,}"


def funnel(result: dict, sides: tuple[dict, dict] = (), names: dict[int, str] | None = None) -> None:
    """Reached per stage before and now, the win rate and the deals that moved. With a pipeline on one side
    only, the change is not shown: a missing file is not lost deals."""
    moved = result["funnel"]
    if moved is None:
        st.caption(t("chg_no_pipeline"))
        return
    without = [d for d in sides if not d["has_pipeline"]]
    for d in without:
        st.caption(t("chg_one_side_no_pipeline", name=(names or {}).get(d["id"], d["label"])))
    rate = moved["win_rate"]
    change = None if rate["change"] is None else round(rate["change"] * 100, 1)
    st.metric(
        t("chg_win_rate"),
        pct(rate["to"]),
        delta=None if change is None else f"{change:+.1f} pp",
        **({} if change is None else delta_style(change)),
    )
    st.dataframe(
        pd.DataFrame(
            {
                t("chg_col_stage"): [s["stage"] for s in moved["stages"]],
                t("chg_col_reached_before"): [_count(s["from_reached"]) for s in moved["stages"]],
                t("chg_col_reached_now"): [_count(s["to_reached"]) for s in moved["stages"]],
                t("chg_col_change"): [
                    "—" if without else f"{s['change']:+,}" if s["change"] else "0" for s in moved["stages"]
                ],
            }
        ),
        hide_index=True,
        key="chg_funnel_stages",
    )
    if moved["stage_moves"]:
        st.markdown(f"**{t('chg_stage_moves')}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("chg_col_opportunity"): [m["opportunity_id"] for m in moved["stage_moves"]],
                    t("customer"): [m["customer"] for m in moved["stage_moves"]],
                    t("chg_col_from_stage"): [m["from_stage"] for m in moved["stage_moves"]],
                    t("chg_col_to_stage"): [m["to_stage"] for m in moved["stage_moves"]],
                }
            ),
            hide_index=True,
            key="chg_stage_moves",
        )


REVENUE_TABS = (("by_tier", "tier", "chg_by_tier"), ("by_region", "region", "chg_by_region"))
REVENUE_TABS += (("by_account_manager", "account_manager", "chg_by_manager"),)


def revenue_tabs(change: dict) -> None:
    """The change per tier, region and manager; a region or manager tab only when the data has that column
    (a tab of one "none" bar said nothing), the missing columns named once."""
    shown = [tab for tab in REVENUE_TABS if tab[1] == "tier" or any(r[tab[1]] is not None for r in change[tab[0]])]
    for tab, (field, column, _) in zip(st.tabs([t(title) for *_, title in shown]), shown):
        with tab:
            revenue(change[field], column, key=f"rev_{field}")
    missing = [column for _, column, _ in REVENUE_TABS if all(column != c for _, c, _ in shown)]
    if missing:
        st.caption(
            t("chg_missing_columns", columns=("、" if lang() == "zh" else ", ").join(field_label(m) for m in missing))
        )
