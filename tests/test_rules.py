"""One set of rules (issue #10): the settings a link and the CLI share, and the figures they change.

The data is tests/rules_files.py, worked by hand there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rules_files import ORDERS, orders_csv

from core import ingest, store
from core.analytics import abc, churn
from core.filters import Filters
from core.rules import SETTING, AbcRules, ChurnRules, LongTailRules, Rules, from_params, to_params, values
from core.summary import report_json

ROOT = Path(__file__).resolve().parent.parent
CUSTOM = Rules(
    abc=AbcRules(a_below=0.70, b_below=0.90),
    churn=ChurnRules(high_decline=0.70, medium_decline=0.45),
    long_tail=LongTailRules(tail_tiers=("B", "C")),
)


@pytest.fixture(scope="module")
def con():
    con = store.connect()
    ingest.load_file(con, orders_csv(), "orders.csv")
    return con


def test_the_file_has_the_hand_worked_window_revenue():
    assert {c: sum(a for _, a in o) for c, o in ORDERS.items()} == {
        "乙": 1200,
        "己": 1080,
        "甲": 1020,
        "丙": 700,
        "丁": 300,
        "戊": 100,
    }


def test_abc_cuts_of_70_and_90_move_the_fourth_customer_to_b_and_the_fifth_to_c(con):
    default = abc.abc_tiers(con, Filters())
    custom = abc.abc_tiers(con, Filters(), CUSTOM.abc)
    assert dict(zip(default["customer"], default["tier"])) == {
        "乙": "A",
        "己": "A",
        "甲": "A",
        "丙": "A",  # cum_before 3300 / 4400 = 75% < 80%
        "丁": "B",  # 4000 / 4400 = 90.9% < 95%
        "戊": "C",
    }
    assert dict(zip(custom["customer"], custom["tier"])) == {
        "乙": "A",
        "己": "A",
        "甲": "A",
        "丙": "B",
        "丁": "C",
        "戊": "C",
    }


def test_decline_thresholds_of_70_and_45_percent_turn_a_60_percent_drop_medium_and_a_40_percent_drop_ok(con):
    default = churn.churn_warnings(con, Filters())
    custom = churn.churn_warnings(con, Filters(), CUSTOM.churn)
    levels = dict(zip(default["customer"], default["level"]))
    assert {c: v for c, v in levels.items() if v != "ok"} == {"甲": "high", "己": "medium"}
    declines = dict(zip(default["customer"], default["decline"].round(4)))
    assert (declines["甲"], declines["己"]) == (0.6, 0.4)  # 1 − 120/300 and 1 − 180/300
    levels = dict(zip(custom["customer"], custom["level"]))
    assert {c: v for c, v in levels.items() if v != "ok"} == {"甲": "medium"}


# ---- the settings a link and the CLI share ------------------------------------------------------------------


def test_a_link_with_no_rule_is_the_product_defaults():
    assert from_params({}.get) == Rules()


def test_a_link_reads_each_rule_it_carries():
    link = {"abc_a": "0.70", "abc_b": "0.90", "churn_high_decline": "0.70", "churn_medium_decline": "0.45"}
    assert from_params({**link, "tail": "BC"}.get) == CUSTOM


@pytest.mark.parametrize(
    ("name", "text", "read"),
    [
        ("abc_a", "abc", 0.80),  # a word: the default
        ("abc_a", "", 0.80),  # empty: the default
        ("abc_a", "nan", 0.80),
        ("abc_a", "inf", 0.80),
        ("abc_a", "0.3", 0.50),  # below the range: its low edge
        ("abc_a", " 0.7 ", 0.70),
        ("abc_a", "0.7049", 0.70),  # two decimals, as the slider
        ("churn_lost", "99999", 1095),
        ("churn_lost", "400.6", 401),  # whole days
        ("churn_cycle", "-3", 7),
        ("churn_high_decline", "5", 1.0),  # a share, not a percent: at most 1
        ("abc_metric", "order_count", "order_count"),
        ("abc_metric", "<script>", "net_revenue"),
        ("abc_metric", "1", "net_revenue"),
        ("tail", "BC", ("B", "C")),
        ("tail", "ABC", ("C",)),  # not a choice: the default
        ("funnel_repeat", "2", 3),  # the stage after the second purchase needs 3 at least
    ],
)
def test_a_hand_edited_link_is_clamped_or_falls_back_to_the_default(name, text, read):
    assert SETTING[name].clamp(text) == read
    assert values(from_params({name: text}.get))[name] == read


def test_tier_b_always_ends_above_tier_a():
    rules = from_params({"abc_a": "0.90", "abc_b": "0.60"}.get)
    assert (rules.abc.a_below, rules.abc.b_below) == (0.90, 0.91)


def test_a_link_carries_only_the_rules_that_differ_from_the_defaults():
    assert to_params(Rules()) == {}
    assert to_params(CUSTOM) == {
        "abc_a": "0.70",
        "abc_b": "0.90",
        "churn_high_decline": "0.70",
        "churn_medium_decline": "0.45",
        "tail": "BC",
    }
    assert from_params(to_params(CUSTOM).get) == CUSTOM


def test_a_link_sets_the_growing_tail_thresholds():
    rules = from_params({"tail_growth": "0.50", "tail_growth_min": "5000"}.get).long_tail
    assert (rules.growth_min_share, rules.growth_min_amount) == (0.50, 5000)
    assert to_params(Rules(long_tail=rules)) == {"tail_growth": "0.50", "tail_growth_min": "5000"}


def test_every_setting_default_reads_back_as_itself():
    for s in SETTING.values():
        assert s.parse(s.text(s.default())) == s.default(), s.name


# ---- the report's JSON and the CLI ------------------------------------------------------------------------


def test_the_report_json_says_the_rules_it_used_and_applies_them(con):
    result = report_json(con, Filters(), _report(con), rules=CUSTOM)
    assert result["rules"]["abc_a"] == 0.70 and result["rules"]["churn_medium_decline"] == 0.45
    by_customer = {c["customer"]: (c["abc_tier"], c["churn_level"]) for c in result["customers"]}
    assert by_customer["丙"] == ("B", "ok")
    assert by_customer["丁"] == ("C", "ok")
    assert by_customer["甲"] == ("A", "medium")
    assert by_customer["己"] == ("A", "ok")


def test_the_report_json_lists_the_default_rules_when_none_are_given(con):
    result = report_json(con, Filters(), _report(con))
    assert result["rules"] == values(Rules())
    assert result["rules"]["abc_a"] == 0.80 and result["rules"]["churn_high_overdue"] == 3.0


def _report(con):
    return ingest.load_file(con, orders_csv(), "orders.csv")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_rule_flags_use_the_same_names_and_change_the_report(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_bytes(orders_csv())
    flags = ["--abc-a", "0.7", "--abc-b", "0.9", "--churn-high-decline", "0.7", "--churn-medium-decline", "0.45"]
    result = run("report", str(orders), *flags, "--json", "-")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {k: report["rules"][k] for k in ("abc_a", "abc_b", "churn_high_decline")} == {
        "abc_a": 0.7,
        "abc_b": 0.9,
        "churn_high_decline": 0.7,
    }
    tiers = {c["customer"]: c["abc_tier"] for c in report["customers"]}
    assert (tiers["丙"], tiers["丁"]) == ("B", "C")


def test_cli_rule_flag_out_of_range_is_refused_with_the_range(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_bytes(orders_csv())
    result = run("report", str(orders), "--abc-a", "abc")
    assert result.returncode == 2
    assert "argument --abc-a: abc_a: a number from 0.5 to 0.95, not 'abc'" in result.stderr
    result = run("report", str(orders), "--churn-lost", "5000")
    assert result.returncode == 2
    assert "argument --churn-lost: churn_lost: a number from 30 to 1095, not '5000'" in result.stderr


def test_cli_gross_profit_without_a_profit_column_is_one_line(tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_bytes(orders_csv())
    result = run("report", str(orders), "--abc-metric", "gross_profit")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "orders.csv: ABC by gross profit needs a profit (毛利) or cost (成本) column; this file has neither mapped."
    )
