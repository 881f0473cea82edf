"""ui.markdown.plain, the one markdown escaper, and t(), which applies it to every value it interpolates."""

from __future__ import annotations

import pytest

from ui.markdown import WORD_JOINER as WJ
from ui.markdown import Markdown, plain
from ui.text import t, t_raw


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("[x](javascript:alert(1))", r"\[x\](javascript\:alert(1))"),
        ("**bold** _it_ ~del~ `code`", r"\*\*bold\*\* \_it\_ \~del\~ \`code\`"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("$x$ a|b &amp; C:\\x", r"\$x\$ a\|b \&amp; C\:\\x"),
        (":red[x]{foreground=red}", r"\:red\[x\]{foreground=red}"),  # no directive can start at \:
    ],
)
def test_inline_markdown_characters_get_a_backslash(text, escaped):
    assert plain(text) == escaped


@pytest.mark.parametrize(
    "text, escaped",
    [
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("## heading", r"\## heading"),
        ("---", r"\---"),
        ("===", r"\==="),
        ("1. first", r"1\. first"),
        ("2) second", r"2\) second"),
        ("  - indented", r"  \- indented"),
        ("line\n# heading on the next line", "line\n\\# heading on the next line"),
    ],
)
def test_a_block_marker_at_the_start_of_a_line_gets_a_backslash(text, escaped):
    assert plain(text) == escaped


@pytest.mark.parametrize("text", ["2024-01-05", "12.5%", "-¥30", "+86 138", "=1+1", "orders.csv", "1.5", "#hashtag"])
def test_dates_shares_signs_and_file_names_are_left_as_they_are(text):
    assert plain(text) == text


@pytest.mark.parametrize(
    "text, escaped",
    [
        (":smile:", rf"\:{WJ}smile\:"),  # emoji
        (":material/home:", rf"\:{WJ}material/home\:"),  # Material icon
        (":streamlit:", rf"\:{WJ}streamlit\:"),  # the logo image
        ("http://example.com", rf"http\:{WJ}//example.com"),
        ("www.example.com", f"www{WJ}.example.com"),
        ("a@b.com", f"a@{WJ}b.com"),
    ],
)
def test_patterns_matched_after_parsing_are_broken_by_a_word_joiner(text, escaped):
    assert plain(text) == escaped


def test_a_colon_or_at_sign_that_makes_no_pattern_gets_no_word_joiner():
    assert plain("12:30 @x") == r"12\:30 @x"


def test_escaping_twice_is_escaping_once():
    once = plain("**x**")
    assert isinstance(once, Markdown) and plain(once) == once


def test_t_escapes_the_text_values_it_interpolates_and_leaves_numbers_alone():
    assert t("ds_renamed", label="**x**") == r"已重命名为「\*\*x\*\*」。"
    assert t("churn_customers_n", n=1234) == "1234 位客户"


def test_t_leaves_a_sentence_it_interpolates_escaped_once():
    inner = t("ds_renamed", label="a_b")
    assert t("ds_renamed", label=inner) == r"已重命名为「已重命名为「a\_b」。」。"


def test_t_raw_interpolates_values_as_they_are_for_places_that_read_no_markdown():
    assert t_raw("ds_renamed", label="**x**") == "已重命名为「**x**」。"
