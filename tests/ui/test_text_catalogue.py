"""The zh/en catalogue (ui/text.py and its parts ui/text_<subject>.py): one definition per key, two sentences per
key with the same {placeholders}, and every key the UI asks for by name is there."""

from __future__ import annotations

import ast
import importlib
import string
from pathlib import Path

import pytest

from ui.text import TEXT, merged

ROOT = Path(__file__).resolve().parent.parent.parent
CALLERS = {"t", "t_raw"}


def _parts() -> dict[str, dict[str, tuple[str, str]]]:
    """Every ui/text_<subject>.py module's one *_TEXT dict, by file name."""
    parts = {}
    for path in sorted(ROOT.glob("ui/text_*.py")):
        module = importlib.import_module(f"ui.{path.stem}")
        (labels,) = [value for name, value in vars(module).items() if name.endswith("_TEXT")]
        parts[path.name] = labels
    return parts


def _placeholders(sentence: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(sentence) if name is not None}


def _asked_for(source: str) -> tuple[set[str], set[str]]:
    """The keys a source passes to t()/t_raw() as literals, and the prefixes of the keys it builds
    (t(f"metric_{m}"), t("rel_pick_" + name)). A key held in a variable is neither."""
    keys: set[str] = set()
    prefixes: set[str] = set()

    def collect(arg: ast.expr) -> None:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            keys.add(arg.value)
        elif isinstance(arg, ast.IfExp):
            collect(arg.body)
            collect(arg.orelse)
        elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
            prefixes.add(arg.values[0].value)
        elif isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant) and isinstance(arg.left.value, str):
            prefixes.add(arg.left.value)

    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name in CALLERS:
            collect(node.args[0])
    return keys, prefixes


def _unknown(source: str, text: dict[str, tuple[str, str]]) -> list[str]:
    keys, prefixes = _asked_for(source)
    missing = sorted(key for key in keys if key not in text)
    missing += sorted(f"{prefix}…" for prefix in prefixes if not any(key.startswith(prefix) for key in text))
    return missing


def _ui_sources() -> list[Path]:
    return [ROOT / "app.py", *sorted(ROOT.glob("ui/*.py")), *sorted(ROOT.glob("views/*.py"))]


# (a) one definition per key


def test_merging_refuses_a_key_that_two_parts_define_and_names_it_and_both_parts():
    parts = {
        "ui/text_a.py": {"kept": ("保留", "Kept"), "twice": ("甲", "A")},
        "ui/text_b.py": {"twice": ("乙", "B")},
    }
    with pytest.raises(ValueError, match=r"'twice' is defined in both ui/text_a\.py and ui/text_b\.py"):
        merged(parts)


def test_merging_parts_without_a_shared_key_keeps_every_label_as_it_is():
    parts = {"ui/text_a.py": {"one": ("一", "One")}, "ui/text_b.py": {"two": ("二", "Two"), "three": ("三", "Three")}}
    assert merged(parts) == {"one": ("一", "One"), "two": ("二", "Two"), "three": ("三", "Three")}


def test_every_part_file_is_merged_into_the_catalogue_with_its_own_labels():
    parts = _parts()
    assert len(parts) >= 2  # the catalogue is split, ui/text_access.py among the parts
    assert sum(len(labels) for labels in parts.values()) == len(TEXT)
    assert {key: value for labels in parts.values() for key, value in labels.items()} == TEXT


# (b) two sentences per key


def test_every_key_has_a_non_empty_chinese_and_english_sentence():
    bad = [
        key
        for key, value in TEXT.items()
        if not (isinstance(value, tuple) and len(value) == 2 and all(isinstance(s, str) and s.strip() for s in value))
    ]
    assert bad == []


# (c) every key the UI asks for by name exists


def test_every_key_app_ui_and_views_pass_to_t_by_name_is_in_the_catalogue():
    sources = _ui_sources()
    asked = [_asked_for(path.read_text(encoding="utf-8"))[0] for path in sources]
    assert sum(len(keys) for keys in asked) > 100  # the walk still finds the calls
    missing = [
        f"{path.relative_to(ROOT)}: {key}" for path in sources for key in _unknown(path.read_text("utf-8"), TEXT)
    ]
    assert missing == []


def test_the_key_check_finds_a_missing_literal_a_missing_branch_and_a_prefix_no_key_has():
    text = {"known": ("已知", "Known"), "metric_net_revenue": ("净销售额", "Net revenue")}
    source = (
        "t('known')\n"
        "t_raw('unknown')\n"
        "st.caption(text.t('known' if ok else 'other'))\n"
        "t(f'metric_{m}')\n"
        "t_raw(f'tier_{code}')\n"
        "t('rel_pick_' + name)\n"
        "t(key)\n"
    )
    assert _unknown(source, text) == ["other", "unknown", "rel_pick_…", "tier_…"]


# (d) the same placeholders in both languages


def test_zh_and_en_of_every_key_fill_the_same_placeholders():
    differ = {
        key: (sorted(_placeholders(zh)), sorted(_placeholders(en)))
        for key, (zh, en) in TEXT.items()
        if _placeholders(zh) != _placeholders(en)
    }
    assert differ == {}


def test_the_placeholder_check_reads_names_with_a_format_spec_and_ignores_doubled_braces():
    assert _placeholders("共 {n:,} 位客户，{{不是占位符}}，风险金额 {amount}") == {"n", "amount"}
    # a Plotly hover variable reads as a placeholder too, so both languages must name the same ones
    assert _placeholders("前 %{x:.1f}% 客户 → %{y:.1f}%") == {"x", "y"}
