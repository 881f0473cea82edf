"""The notes a load adds to its report, in both languages: the units of money headers, control characters
removed, how day/month dates and two-digit years were read, and optional values left empty."""

from __future__ import annotations

import re
from datetime import date

from core import schema
from core.ingest import clean
from core.ingest.header import Mapping


def count_text(n: int, one: str, many: str) -> str:
    """'1 date', '3 dates': a count and its noun (or noun and verb) in English."""
    return f"{n} {one if n == 1 else many}"


def rows_text(rows: list[int], count: int) -> str:
    """'2, 3, 5' for the first rows of a count, with … when there are more."""
    return ", ".join(str(r) for r in rows) + ("…" if count > len(rows) else "")


def unit_notes(mapping: Mapping) -> list[tuple[str, str]]:
    """A unit in a money header scales its values (header_units.header_unit): said once per column."""
    notes = []
    for name, unit in mapping.units.items():
        header = mapping.columns[name]
        notes.append(
            (
                f"「{header}」的单位是「{unit.word}」：每个值已乘以 {unit.factor:,}。",
                f"'{header}' is in {unit.word}: every value was multiplied by {unit.factor:,}.",
            )
        )
    return notes


def control_notes(cur, mapping: Mapping, cols: dict[str, str]) -> list[tuple[str, str]]:
    """Control characters (clean.CONTROL) in a mapped column's cells are removed by ka_text; say where."""
    headers = list(dict.fromkeys(mapping.columns.values()))
    if not headers:
        return []
    flags = ", ".join(f"regexp_matches({cols[h]}, '{clean.CONTROL}') as k{i}" for i, h in enumerate(headers))
    counts = ", ".join(
        f"count(*) filter (where k{i}), min(source_row, 5) filter (where k{i})" for i in range(len(headers))
    )
    found = cur.execute(f"select {counts} from (select source_row, {flags} from ka_raw)").fetchall()[0]
    notes = []
    for i, header in enumerate(headers):
        count, rows = found[2 * i], found[2 * i + 1]
        if count:
            rows = rows_text(rows, count)
            notes.append(
                (
                    f"「{header}」有 {count} 个单元格含不可见的控制字符，已删除这些字符、保留其余内容（行 {rows}）。",
                    f"{count_text(count, 'cell', 'cells')} in '{header}' held invisible control characters: they "
                    f"were removed and the rest of {'the value' if count == 1 else 'each value'} kept (rows {rows}).",
                )
            )
    return notes


def day_month_notes(header: str, ev: clean.Evidence, day_first: bool) -> list[tuple[str, str]]:
    """How the day/month dates of a date column were read, and why (the whole column decides)."""
    if ev.day_first or ev.month_first:
        deciding, against = (ev.day_first, ev.month_first) if day_first else (ev.month_first, ev.day_first)
        order_zh, order_en = ("日/月/年", "day/month/year") if day_first else ("月/日/年", "month/day/year")
        place_zh, place_en = ("第一个", "first") if day_first else ("第二个", "second")
        other_zh, other_en = ("第二个", "second") if day_first else ("第一个", "first")
        zh = f"「{header}」中的日期按 {order_zh} 解读：有 {deciding} 个日期的{place_zh}数大于 12，只能是日（依据整列判断）。"
        en = (
            f"Dates in '{header}' read as {order_en}: {count_text(deciding, 'date has', 'dates have')} a {place_en} "
            "number above 12, which can only be a day (decided from the whole column)."
        )
        if against:
            zh += f"另有 {against} 个日期的{other_zh}数大于 12，与此不符，无法识别。"
            en += (
                f" {count_text(against, 'other date has', 'other dates have')} a {other_en} number above 12 and "
                "cannot be read that way."
            )
        return [(zh, en)]
    if ev.day_month:
        example = ev.day_month_example
        read = _month_first(example)
        return [
            (
                f"「{header}」中的 {ev.day_month} 个日期（如 {example}）日和月都不大于 12，文件无法说明哪个在前："
                f"按 月/日/年 解读{f'，{example} 读作 {read}' if read else ''}。",
                (
                    f"All {ev.day_month} day/month dates in '{header}' (as {example}) have"
                    if ev.day_month > 1
                    else f"The one day/month date in '{header}' ({example}) has"
                )
                + " both numbers 12 or less, so "
                f"the file cannot say which comes first: read as month/day/year"
                f"{f', {example} as {read}' if read else ''}.",
            )
        ]
    return []


def _month_first(text: str | None) -> str | None:
    """A day/month date read month-first, as 2024-03-04, for a note; None when it is no such date."""
    found = re.match(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)", text or "")
    if not found:
        return None
    month, day, year = (int(g) for g in found.groups())
    try:
        return date(year + 2000 if year < 100 else year, month, day).isoformat()
    except ValueError:
        return None


def two_digit_year_notes(
    cur, mapping: Mapping, src: dict[str, str], evidence: dict[str, clean.Evidence]
) -> list[tuple[str, str]]:
    """Dates written with a two-digit year are read as 20xx (clean.YY_LAST, YY_FIRST): say how many, where
    (column_evidence counted them) and how the first of them reads."""
    notes = []
    for f in schema.FIELDS[mapping.table]:
        c = src.get(f.name)
        if f.kind != "date" or c is None or not evidence[c].two_digit_years:
            continue
        ev = evidence[c]
        example = ev.two_digit_example
        read = cur.execute(
            "select ka_date_text($t, $day_first)", {"t": example, "day_first": ev.day_first > ev.month_first}
        ).fetchall()[0][0]
        header, count, rows = (
            mapping.columns[f.name],
            ev.two_digit_years,
            rows_text(ev.two_digit_rows, ev.two_digit_years),
        )
        zh_example = f"如 {example} 读作 {read.isoformat()}；" if read else ""
        en_example = f"{example} as {read.isoformat()}; " if read else ""
        notes.append(
            (
                f"「{header}」有 {count} 个日期的年份只写了两位，按 20xx 年读取（{zh_example}行 {rows}）。",
                f"{count_text(count, 'date', 'dates')} in '{header}' {'has' if count == 1 else 'have'} a two-digit "
                f"year, read as 20xx ({en_example}rows {rows}).",
            )
        )
    return notes


def optional_warnings(cur, mapping: Mapping, cols: dict[str, str], plain_cells: bool = False) -> list[tuple[str, str]]:
    """Optional values that could not be read are left empty, and said so (nothing is lost silently)."""
    kinds = clean.field_kinds(mapping.table)
    # required values reject their row instead; so do quantity and unit price when they make the amount
    # (a pipeline's amount is optional: said here like any other)
    required = {f.name for f in schema.FIELDS[mapping.table] if f.required}
    if mapping.table == "orders" and "amount" not in mapping.columns:
        required |= {"quantity", "unit_price"}
    notes = []
    for name, header in mapping.columns.items():
        if kinds[name] not in ("date", "money", "number", "score", "count") or name in required:
            continue
        c = cols[header]
        text = f"nullif({c}, '')" if plain_cells else f"ka_text({c})"
        bad = cur.execute(
            f"select count(*), list(source_row order by source_row)[1:5] from ka_staged join ka_raw using (source_row) "
            f"where len(problems) = 0 and {name} is null and {text} is not null"
        ).fetchall()[0]
        if bad[0]:
            rows = ", ".join(str(r) for r in bad[1])
            notes.append(
                (
                    f"「{header}」有 {bad[0]} 个值无法识别，已留空（行 {rows}…）。",
                    f"{bad[0]} values in '{header}' could not be read and were left empty (rows {rows}…).",
                )
            )
    return notes
