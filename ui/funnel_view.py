"""The funnel page's widgets and figures: stage order editor, pipeline funnels, breakdowns, customer funnel."""

from __future__ import annotations

import hashlib
import html
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.analytics import funnel as funnel_analysis
from core.labels import FIELD_LABELS, FUNNEL_KIND_LABELS, customer_funnel_label, label
from core.rules import AbcRules, FunnelRules
from ui import grid
from ui import rules as ui_rules
from ui.charts import LEVEL_COLORS, PRIMARY, _layout
from ui.format import money
from ui.text import lang, t, t_raw

# The order a manager set, kept for the session so it survives page switches and filter changes.
STAGE_ORDER_KEY = "funnel_stage_order"
WON_COLOR = LEVEL_COLORS["ok"]


def _pct(share) -> str:
    return "—" if share is None or pd.isna(share) else f"{share:.1%}"


# Up to this many stages a bar is tall enough for its value over its conversion; a CRM's own funnel has more
# (Salesforce's default lists nine before Closed Lost): two lines in a 25-pixel bar shrank to unreadable type.
TWO_LINE_STAGES = 5


def stage_texts(shown: list[str], conversion) -> list[str]:
    """What each funnel bar says: its value and the conversion from the stage before, taken from core's
    `conversion` column, the number the brief and the report JSON give: one percentage basis on every screen
    (issue #11), not Plotly's own percent of the first stage. Below the value in a funnel of up to
    TWO_LINE_STAGES stages, beside it in a longer one."""
    joint = "<br>" if len(shown) <= TWO_LINE_STAGES else " · "
    return [v if c is None or pd.isna(c) else f"{v}{joint}{_pct(c)}" for v, c in zip(shown, conversion)]


def bar_texts(shown: list[str], conversion) -> dict:
    """A go.Funnel's text settings, the same on every funnel: stage_texts(), beside a bar too narrow for its
    text rather than shrunk inside it, and into the margin rather than cut at the plot's edge."""
    return dict(text=stage_texts(shown, conversion), textinfo="text", textposition="auto", cliponaxis=False)


def room_beside_bars(fig: go.Figure, texts: list[str], size: int = 15) -> go.Figure:
    """A right margin wide enough for the longest stage text of a funnel longer than TWO_LINE_STAGES: the
    narrow bars' texts go beside them (textposition auto) and ran off the figure's edge ("¥6,768万 · 73.7%"
    beside a bar at 1366 px). Widths estimated from the characters: a CJK one about the font size, others
    about 0.6 of it."""
    if len(texts) > TWO_LINE_STAGES:
        width = max(sum(size if ord(c) >= 0x2E80 else 0.6 * size for c in html.unescape(t)) for t in texts)
        fig.update_layout(margin_r=min(200, round(width)))
    return fig


def stage_editor(detected: list[dict]) -> list[str]:
    """The open stages in the order to use: the session's order, stages it lacks after it in detected order."""
    open_detected = [s["stage"] for s in detected if s["kind"] == "open"]
    stored = st.session_state.get(STAGE_ORDER_KEY) or []
    base = [s for s in stored if s in open_detected] + [s for s in open_detected if s not in stored]
    frame = pd.DataFrame({"order": range(1, len(base) + 1), "stage": base})
    # a new key whenever the base changes, so the editor's row edits never apply to a different order
    key = "funnel_editor_" + hashlib.sha1("\x1f".join(base).encode()).hexdigest()[:10]
    with st.expander(t("fnl_edit_order"), icon=":material/swap_vert:"):
        st.caption(t("fnl_edit_order_help"))
        edited = st.data_editor(
            frame,
            key=key,
            hide_index=True,
            disabled=["stage"],
            width=420,
            column_config={
                "order": st.column_config.NumberColumn(t("fnl_col_order"), min_value=1, step=1, required=True),
                "stage": st.column_config.TextColumn(t("fnl_col_stage")),
            },
        )
        terminal = [_terminal_word(s) for s in detected if s["kind"] != "open"]
        if terminal:
            st.caption(t("fnl_terminal_stages", stages="、".join(terminal) if lang() == "zh" else ", ".join(terminal)))
        if stored and st.button(t("fnl_reset_order"), key="funnel_reset_order"):
            st.session_state.pop(STAGE_ORDER_KEY, None)
            st.rerun()
    ranked = edited.assign(tie=range(len(edited)), order=edited["order"].fillna(len(edited) + 1))
    chosen = list(ranked.sort_values(["order", "tie"])["stage"])
    if chosen != base:
        st.session_state[STAGE_ORDER_KEY] = chosen
        st.rerun()
    return base


def _terminal_word(stage: dict) -> str:
    kind = label(FUNNEL_KIND_LABELS, stage["kind"], lang())
    if stage["stage"] == kind:
        return kind
    return f"{stage['stage']}（{kind}）" if lang() == "zh" else f"{stage['stage']} ({kind})"


def rule_line(funnel: pd.DataFrame) -> str:
    arrow = " → "
    return t("fnl_rule", order=arrow.join(funnel["stage"]))


def funnel_figure(funnel: pd.DataFrame, weighted: bool) -> go.Figure:
    """Reached per stage as a funnel, by count or by amount; the won stage in green."""
    values = funnel["reached_amount"] if weighted else funnel["reached"]
    conversion = funnel["amount_conversion"] if weighted else funnel["conversion"]
    stages = [html.escape(s) for s in funnel["stage"]]
    exact = [f"¥{v:,.0f}" if weighted else f"{int(v):,}" for v in values]
    hover = [
        f"{s}<br>{html.escape(t('fnl_reached'))}: {v}<br>{html.escape(t('fnl_conversion'))}: {_pct(c)}"
        for s, v, c in zip(stages, exact, conversion)
    ]
    # on the bars an amount in 万/亿 (K/M): "¥183,381,000 · 73.8%" beside a narrow bar ran off the chart
    shown = [money(v) for v in values] if weighted else exact
    fig = go.Figure(
        go.Funnel(
            y=stages,
            x=values,
            **bar_texts(shown, conversion),
            hovertext=hover,
            hoverinfo="text",
            marker=dict(color=[WON_COLOR if k == "won" else PRIMARY for k in funnel["kind"]]),
            connector=dict(fillcolor="#dfe7f1"),
        )
    )
    fig.update_yaxes(type="category")
    return room_beside_bars(_layout(fig, t("fnl_by_amount") if weighted else t("fnl_by_count")), fig.data[0].text)


def conversion_table(funnel: pd.DataFrame, amounts: bool = True) -> pd.DataFrame:
    """Stage by stage; without the amount columns when the amounts say nothing (amounts_meaningful)."""
    table = pd.DataFrame(
        {
            t("fnl_col_stage"): funnel["stage"],
            t("fnl_col_kind"): [label(FUNNEL_KIND_LABELS, k, lang()) for k in funnel["kind"]],
            t("fnl_reached"): funnel["reached"],
            t("fnl_conversion"): funnel["conversion"].map(_pct),
            t("fnl_reached_amount"): funnel["reached_amount"],
            t("fnl_amount_conversion"): funnel["amount_conversion"].map(_pct),
        }
    )
    return table if amounts else table.drop(columns=[t("fnl_reached_amount"), t("fnl_amount_conversion")])


def amounts_meaningful(rates: pd.DataFrame) -> bool:
    """Whether value-weighted figures say something: not when only won deals (or no deal) carry a value."""
    return funnel_analysis.amount_basis(rates) in ("all", None)


def amount_note(rates: pd.DataFrame, short: bool = False) -> str | None:
    """Why the amount figures are not shown, in words; None when they are (issue #11)."""
    basis = funnel_analysis.amount_basis(rates)
    if basis == "none":
        return t("fnl_amount_none")
    if basis != "won_only":
        return None
    if short:
        return t("fnl_amount_won_only_short")
    row = rates.iloc[0]
    return t(
        "fnl_amount_won_only",
        others=int(row["lost_count"]) + int(row["open_count"]),
        won_amount=money(row["won_amount"]),
    )


def after_as_of_note(found: dict, as_of) -> str | None:
    """The note for opportunities dated after the orders' as_of (core.analytics.funnel.pipeline_after_as_of)."""
    if not found["opportunities_count"]:
        return None
    return t(
        "fnl_after_as_of",
        n=found["opportunities_count"],
        as_of=as_of.isoformat(),
        latest=found["latest_date"].isoformat(),
    )


def conversion_config() -> dict:
    return {
        t("fnl_reached_amount"): st.column_config.NumberColumn(format="accounting"),
    }


def win_rate_metrics(rates: pd.DataFrame) -> None:
    """Win rate by count and by amount, won and lost; by count only when the amounts say nothing."""
    row = rates.iloc[0]
    if not amounts_meaningful(rates):
        a, c, d = st.columns(3)
        a.metric(t("fnl_win_rate"), _pct(row["win_rate"]), border=True, help=t("fnl_win_rate_help"))
        c.metric(t("fnl_won"), f"{int(row['won_count']):,}", border=True)
        d.metric(t("fnl_lost"), f"{int(row['lost_count']):,}", border=True)
        return
    a, b, c, d = st.columns(4)
    a.metric(t("fnl_win_rate"), _pct(row["win_rate"]), border=True, help=t("fnl_win_rate_help"))
    b.metric(t("fnl_amount_win_rate"), _pct(row["amount_win_rate"]), border=True)
    c.metric(
        t("fnl_won"),
        f"{int(row['won_count']):,}",
        money(row["won_amount"]),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    d.metric(
        t("fnl_lost"),
        f"{int(row['lost_count']):,}",
        money(row["lost_amount"]),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )


def group_conversion(by_group: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """One row per group: group (a word for a blank), first and won (reached the first and the last stage, which
    is the won stage when the data has one), conversion = won / first."""
    groups = by_group[dimension].astype(object).where(by_group[dimension].notna(), t("fnl_blank_group"))
    frame = by_group.assign(group=groups)
    first = frame[frame["position"] == frame["position"].min()].set_index("group")["reached"]
    won = frame[frame["position"] == frame["position"].max()].set_index("group")["reached"]
    out = pd.DataFrame({"first": first, "won": won.reindex(first.index, fill_value=0)}).reset_index()
    out["conversion"] = out["won"] / out["first"].where(out["first"] > 0)
    return out.sort_values(["conversion", "group"], ascending=[False, True], na_position="last", ignore_index=True)


def _dimension_word(dimension: str) -> str:
    word = label(FIELD_LABELS, dimension, lang())
    return word if lang() == "zh" else word.lower()  # read mid-sentence: "By owner: …"


def group_panel(by_group: pd.DataFrame, dimension: str, funnel: pd.DataFrame) -> None:
    """One breakdown column: first-to-last-stage conversion per group (the stage-by-stage table: group_table)."""
    dim_word = _dimension_word(dimension)
    if by_group.empty or by_group[dimension].isna().all():
        st.info(t("fnl_no_dimension", dim=dim_word))
        return
    groups = group_conversion(by_group, dimension)
    first, last = funnel["stage"].iloc[0], funnel["stage"].iloc[-1]
    st.plotly_chart(group_figure(groups, dimension, first, last), key=f"funnel_by_{dimension}")


def group_table(by_group: pd.DataFrame, dimension: str) -> None:
    """A breakdown stage by stage, in an expander across the page: in a third of a laptop's width its stage
    columns scrolled sideways (issue #11)."""
    if by_group.empty or by_group[dimension].isna().all():
        return
    with st.expander(t("fnl_stage_by_stage", dim=_dimension_word(dimension))):
        table = group_stage_table(by_group, dimension)
        st.dataframe(table, hide_index=True, **grid.fit(table, grid.MAIN))


def group_figure(groups: pd.DataFrame, dimension: str, first: str, won: str) -> go.Figure:
    names = [html.escape(str(g)) for g in groups["group"]]
    hover = [
        f"{n}<br>{html.escape(first)}: {int(f):,}<br>{html.escape(won)}: {int(w):,}<br>{_pct(c)}"
        for n, f, w, c in zip(names, groups["first"], groups["won"], groups["conversion"])
    ]
    fig = go.Figure(
        go.Bar(
            x=groups["conversion"],
            y=names,
            orientation="h",
            marker_color=PRIMARY,
            text=[_pct(c) for c in groups["conversion"]],
            # outside and level: inside a short bar the figure turned on its side or shrank (7.7%, issue #11)
            textposition="outside",
            textangle=0,
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    top = groups["conversion"].max()
    # room right of the longest bar for its figure
    fig.update_xaxes(tickformat=".0%", range=[0, 1.5 * (top if pd.notna(top) and top > 0 else 1)])
    dim_word = _dimension_word(dimension)
    fig = _layout(fig, t_raw("fnl_group_title", dim=dim_word, first=first, last=won))
    fig.update_layout(height=max(260, 90 + 30 * len(groups)), showlegend=False)
    return fig


def group_stage_table(by_group: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Stage-to-stage conversion per group, one column per stage after the first, as text."""
    groups = by_group[dimension].astype(object).where(by_group[dimension].notna(), t("fnl_blank_group"))
    later = by_group.assign(group=groups)[by_group["position"] > by_group["position"].min()]
    table = later.pivot_table(index="group", columns="stage", values="conversion", aggfunc="first", sort=False)
    table = table[[s for s in later["stage"].drop_duplicates()]]
    return table.map(_pct).rename_axis(index=label(FIELD_LABELS, dimension, lang()), columns=None).reset_index()


def repeat_control() -> FunnelRules:
    """Orders for the customer funnel's repeat stage, from and into the session's rules (ui.rules): the home
    page, the brief and a link use what is set here."""
    rules = ui_rules.current().funnel
    setting = ui_rules.setting("funnel_repeat")
    repeat = st.number_input(
        t("fnl_repeat_orders"),
        int(setting.low),
        int(setting.high),
        rules.repeat_orders,
        step=1,
        key="funnel_repeat",
        help=t("fnl_repeat_orders_help"),
        on_change=_repeat_changed,
        width=260,
    )
    return ui_rules.update(funnel=replace(rules, repeat_orders=int(repeat))).funnel


def _repeat_changed() -> None:
    """The number changed: the session's rules change before the rerun, so the page links carry it."""
    rules = ui_rules.current().funnel
    repeat = st.session_state.get("funnel_repeat", rules.repeat_orders)
    ui_rules.update(funnel=replace(rules, repeat_orders=int(repeat)))


def customer_funnel_figure(funnel: pd.DataFrame, repeat_orders: int = FunnelRules.repeat_orders) -> go.Figure:
    stages = [html.escape(customer_funnel_label(s, lang(), repeat_orders)) for s in funnel["stage"]]
    hover = [
        f"{s}<br>{html.escape(t('fnl_customers'))}: {int(r):,}<br>{html.escape(t('fnl_conversion'))}: {_pct(c)}"
        for s, r, c in zip(stages, funnel["reached"], funnel["conversion"])
    ]
    fig = go.Figure(
        go.Funnel(
            y=stages,
            x=funnel["reached"],
            **bar_texts([f"{int(r):,}" for r in funnel["reached"]], funnel["conversion"]),
            hovertext=hover,
            hoverinfo="text",
            marker=dict(color=[WON_COLOR if s == "tier_a" else PRIMARY for s in funnel["stage"]]),
            connector=dict(fillcolor="#dfe7f1"),
        )
    )
    fig.update_yaxes(type="category")
    return room_beside_bars(_layout(fig, t("fnl_customer_title")), fig.data[0].text)


def customer_funnel_table(funnel: pd.DataFrame, repeat_orders: int = FunnelRules.repeat_orders) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("fnl_col_stage"): [customer_funnel_label(s, lang(), repeat_orders) for s in funnel["stage"]],
            t("fnl_customers"): funnel["reached"],
            t("fnl_conversion"): funnel["conversion"].map(_pct),
        }
    )


def customer_rule_line(rules: FunnelRules = FunnelRules(), abc_rules: AbcRules = AbcRules()) -> str:
    return t("fnl_customer_rule", repeat=rules.repeat_orders, a=f"{abc_rules.a_below:.0%}")
