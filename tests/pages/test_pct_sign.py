"""Issue #11 (nothing misleading): a share that rounds to nothing prints without a sign. On the numeric export
the customers whose window nets a little below zero (a return) showed "-0.0%" of revenue on the relationships
page, in its tables and on its bars; a real negative share keeps its sign."""

from __future__ import annotations

from ui.format import pct


def test_a_tiny_negative_share_reads_zero_without_a_sign():
    assert pct(-38.25 / 139_871.15) == "0.0%"  # 中忠诚度's ¥-38.25 of ¥139,871.15: -0.027%
    assert pct(-0.004, 0) == "0%"


def test_a_negative_share_that_shows_keeps_its_sign():
    assert pct(-0.0051) == "-0.5%"
    assert pct(0.0004) == "0.0%"
