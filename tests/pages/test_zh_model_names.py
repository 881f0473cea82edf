"""Issue #11 (tables leftovers, item 5): a Chinese manager reads the forecast's model names in Chinese. Every zh
string on screen or in the brief that names BG/NBD or Gamma-Gamma says what the model is first, the English name
in brackets after it: "购买频次模型（BG/NBD）", "客单价模型（Gamma-Gamma）"."""

from __future__ import annotations

import re
from pathlib import Path

from core.brief import outlook_definitions
from ui.text import TEXT

BARE = {"BG/NBD": "购买频次模型（BG/NBD", "Gamma-Gamma": "客单价模型（Gamma-Gamma"}


def _bare_names(zh: str) -> list[str]:
    """The model names in a zh string not introduced by their Chinese name."""
    return [name for name, introduced in BARE.items() if zh.count(name) > zh.count(introduced)]


def test_every_zh_ui_string_names_the_forecast_models_in_chinese():
    bare = {key: _bare_names(zh) for key, (zh, _en) in TEXT.items() if _bare_names(zh)}
    assert bare == {}


def test_the_zh_brief_definitions_name_the_forecast_models_in_chinese():
    source = Path(outlook_definitions.__file__).read_text(encoding="utf-8")
    zh_literals = [s for s in re.findall(r'"([^"]*)"', source) if re.search(r"[\u4e00-\u9fff]", s)]
    assert zh_literals  # the brief still has its Chinese definitions
    assert [s for s in zh_literals if _bare_names(s)] == []


def test_the_bare_name_rule_flags_a_bare_name_and_passes_an_introduced_one():
    assert _bare_names("BG/NBD 模型：未来 90 天") == ["BG/NBD"]
    assert _bare_names("购买频次模型（BG/NBD）与客单价模型（Gamma-Gamma）") == []
