"""The survey columns of an orders file (#14): the scale a satisfaction column is read on, the note saying so,
and the satisfaction or referral cells that cannot be read (the cell is left empty, the order loads)."""

from __future__ import annotations

from core import schema
from core.ingest import clean
from core.ingest.header import Mapping

# survey field -> the words of its unreadable cell (IngestReport.rejected_cells: the cell is empty, the order loads)
CELL_REASONS = {
    "satisfaction": (
        "满意度无法识别（应为评分或 满意/一般/不满意 等），已留空",
        "satisfaction cannot be read (a score, or words such as satisfied / neutral / dissatisfied); left empty",
    ),
    "referrals": (
        "转介绍无法识别（应为人数或 是/否），已留空",
        "referrals cannot be read (a count, or yes/no); left empty",
    ),
}

# the words of a satisfaction column's scale (clean.SCORE_SCALES), for the ingest notes
SCALE_WORDS = {
    "five": ("1–5 分制（5 分 = 1.0，4 分 = 0.8）", "a 1–5 scale (5 = 1.0, 4 = 0.8)"),
    "ten": ("0–10 分制（NPS 式，10 分 = 1.0，8 分 = 0.8）", "a 0–10 (NPS-style) scale (10 = 1.0, 8 = 0.8)"),
    "hundred": ("百分制（100 = 1.0，80 = 0.8）", "a 0–100 or percentage scale (100 = 1.0, 80 = 0.8)"),
    "unit": ("0–1 的比例", "shares from 0 to 1"),
    "words": (
        "文字（非常满意 = 1.0，满意 = 0.8，一般 = 0.6，不满意 = 0.4，非常不满意 = 0.2）",
        "words (very satisfied = 1.0, satisfied = 0.8, neutral = 0.6, dissatisfied = 0.4, very dissatisfied = 0.2)",
    ),
}


def score_scales(cur, mapping: Mapping, src: dict[str, str]) -> dict[str, str]:
    """The scale of each mapped satisfaction column with an answer (clean.score_scale), from all its cells:
    field -> scale."""
    scales = {}
    for f in schema.FIELDS[mapping.table]:
        if f.kind == "score" and f.name in src:
            numbers, lowest, highest, has_percent, words = cur.execute(
                clean.SCORE_EVIDENCE.format(col=src[f.name])
            ).fetchall()[0]
            if numbers or words:  # an empty column has no scale to speak of
                scales[f.name] = clean.score_scale(numbers, lowest, highest, has_percent)
    return scales


def scale_notes(mapping: Mapping, scales: dict[str, str]) -> list[tuple[str, str]]:
    """How each satisfaction column was read: its scale, decided from the whole column."""
    notes = []
    for name, scale in scales.items():
        header = mapping.columns[name]
        zh, en = SCALE_WORDS[scale]
        notes.append(
            (
                f"「{header}」按{zh}读取，换算为 0–1 的满意度（依据整列判断；满意/一般/不满意等文字同样换算，空白为未调研）。",
                f"'{header}' read as {en} and turned into a 0–1 satisfaction score (decided from the whole column; "
                "words such as satisfied / neutral / dissatisfied count too, a blank is not surveyed).",
            )
        )
    return notes


def rejected_cells(cur, mapping: Mapping, cols: dict[str, str]) -> list[tuple]:
    """Each satisfaction or referral cell of a loaded row that could not be read (REJECTED_CELL_COLUMNS), in row
    order: the order loads, the cell is empty. The column's header and the reason words are bound values."""
    found: list[tuple] = []
    for name in CELL_REASONS:
        header = mapping.columns.get(name)
        if mapping.table != "orders" or header is None:
            continue
        c = cols[header]
        zh, en = CELL_REASONS[name]
        found += cur.execute(
            f"select source_row::bigint, $header, regexp_replace(ka_text({c}), '{clean.CONTROL}', '', 'g'), $zh, $en "
            f"from ka_staged join ka_raw using (source_row) "
            f"where len(problems) = 0 and {name} is null and ka_text({c}) is not null",
            {"header": header, "zh": zh, "en": en},
        ).fetchall()
    return sorted(found)
