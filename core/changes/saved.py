"""What changed between saved datasets of a workspace: the pair compared (by id or label, else the default
pair) and the trend, one point per dataset."""

from __future__ import annotations

from datetime import date

from core import access
from core.changes.compare import changes
from core.changes.side import trend_point
from core.filters import Filters
from core.rules import Rules

PUBLIC_FIELDS = ("id", "label", "source", "uploaded_at", "as_of", "rows_loaded")


def dataset_changes(path, from_ref=None, to_ref=None, filters: Filters = Filters(), rules: Rules = Rules()) -> dict:
    """changes() between two saved datasets (ids or labels), each at its own as_of, both judged by the same
    rules (the session's, on screen). Default `to`: the latest dataset; default `from`: the latest one with
    an earlier as_of than `to` (default_from)."""
    from core import workspace

    old, new = _pair(path, from_ref, to_ref)
    con_from, con_to = workspace.open_dataset(path, old["id"]), workspace.open_dataset(path, new["id"])
    try:
        result = changes(
            con_from,
            con_to,
            filters,
            as_of_from=_date(old["as_of"]),
            as_of_to=_date(new["as_of"]),
            abc_rules=rules.abc,
            churn_rules=rules.churn,
            # a pipeline without an id column numbers opportunities by row: those numbers do not follow a deal
            has_opportunity_ids="opportunity_id" in old["mapping"].get("pipeline", {})
            and "opportunity_id" in new["mapping"].get("pipeline", {}),
        )
        if not filters.scope.unrestricted:  # a scoped user's lines, not every region's (issue #12)
            old = {**old, "rows_loaded": access.rows_in_scope(con_from, "orders", filters.scope)}
            new = {**new, "rows_loaded": access.rows_in_scope(con_to, "orders", filters.scope)}
    finally:
        con_from.close()
        con_to.close()
    names = workspace.dataset_names(workspace.list_datasets(path))
    # name (added in issue #11): the label, told apart from others of the same label by id and as_of
    result["from"] = {**{k: old[k] for k in PUBLIC_FIELDS}, "name": names.get(old["id"], old["label"])}
    result["to"] = {**{k: new[k] for k in PUBLIC_FIELDS}, "name": names.get(new["id"], new["label"])}
    return result


def default_from(datasets: list[dict], to: dict) -> dict | None:
    """The dataset `to` is compared with by default: the latest one (by as_of, then id) whose as_of is earlier
    than to's. Two uploads of the same week are never the default pair: their change says nothing (issue #11)."""
    earlier = [d for d in datasets if (d["as_of"] or "") < (to["as_of"] or "")]
    return earlier[-1] if earlier else None


def _pair(path, from_ref, to_ref) -> tuple[dict, dict]:
    from core import workspace

    datasets = workspace.list_datasets(path)
    new = workspace.resolve(path, to_ref) if to_ref is not None else (datasets[-1] if datasets else None)
    old = workspace.resolve(path, from_ref) if from_ref is not None else None
    if new is None or len(datasets) < 2:
        raise workspace.WorkspaceError(
            workspace.default_path(path),
            zh="需要至少两个数据集才能比较变化。请再导入一周的数据。",
            en="Two datasets are needed to show what changed; import another week first.",
        )
    old = old or default_from(datasets, new)
    if old is None:
        raise workspace.WorkspaceError(
            workspace.default_path(path),
            zh=f"没有截至日期早于 {new['as_of']} 的数据集可与「{new['label']}」比较（同一周导入了多次？）。"
            "请导入更早一周的数据，或用 --from 指定要比较的数据集。",
            en=f"No dataset has an as_of earlier than {new['as_of']} to compare '{new['label']}' with (the same "
            "week imported twice?). Import an earlier week, or name the dataset to compare with in --from.",
        )
    return old, new


def trend(path, filters: Filters = Filters(), rules: Rules = Rules()) -> list[dict]:
    """One point per dataset, oldest first: id, label and trend_point()'s figures at the dataset's as_of."""
    from core import workspace

    points = []
    for d in workspace.list_datasets(path):
        con = workspace.open_dataset(path, d["id"])
        try:
            points.append({"id": d["id"], "label": d["label"], **trend_point(con, filters, _date(d["as_of"]), rules)})
        finally:
            con.close()
    return points


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
