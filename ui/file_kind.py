"""The file kind the upload screen proposes (core.ingest.kind), and the sentence saying why (issue #11)."""

from __future__ import annotations

from core.ingest.kind import FileKind
from ui.markdown import Markdown
from ui.text import lang, t

EXAMPLES_SHOWN = 6


def reason(found: FileKind) -> str:
    """'Read as a pipeline: the values of “Deal Stage” are sales stages (Prospecting, …); …'."""
    parts = [_clue_words(c) for c in found.clues]
    if not parts:
        return t("kind_why_orders_default") if found.kind == "orders" else t("kind_why_pipeline", why="")
    why = Markdown(t("kind_clue_sep").join(parts))
    return t(f"kind_why_{found.kind}", why=why)


def _clue_words(clue) -> str:
    if clue.code == "stage_values":
        sep = "、" if lang() == "zh" else ", "
        shown = sep.join(clue.examples[:EXAMPLES_SHOWN]) + (sep + "…" if len(clue.examples) > EXAMPLES_SHOWN else "")
        return t("kind_clue_stage_values", column=clue.column, examples=shown)
    if clue.column is None:
        return t(f"kind_clue_{clue.code}")
    return t(f"kind_clue_{clue.code}", column=clue.column)
