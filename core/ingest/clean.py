"""Raw text cells -> typed canonical rows in DuckDB, every row loaded or rejected with its reasons.

All parsing is SQL over the whole column (macros below), so a million-line file never loops in Python.
Source columns reach DuckDB renamed c0..cN: no header text of the user's is ever part of SQL.
"""

from __future__ import annotations

from typing import NamedTuple

from core import schema

WS = r"[\s\x{3000}\x{00A0}\x{FEFF}]"  # RE2's \s is ASCII only; exports pad with full-width spaces too
# C0 control characters but tab, line feed and carriage return (whitespace, collapsed by ka_text), and DEL:
# removed from every cell. They are invisible, and an xlsx cannot hold them (openpyxl refuses the cell).
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
# A two-digit year is 20xx (PRODUCT.md): a day/month date ending in one (1/5/24, 05.01.24, 5-1-24, 5-Jan-24,
# Jan 5, 24, with or without a time) gets "20" before it; a dash date of three short numbers whose first has two digits
# is year-month-day (24-1-5, as Chinese exports and ISO 8601 order it) and gets "20" in front.
YY_LAST = r"^(\d{1,2}[/.](?:\d{1,2}|[A-Za-z]{3,9})[/.]|\d-\d{1,2}-|\d{1,2}[- ][A-Za-z]{3,9}[- ]|[A-Za-z]{3,9} \d{1,2}, ?)(\d{2})(\D|$)"
YY_FIRST = r"\d{2}-\d{1,2}-\d{1,2}([ T]\d.*)?"
EARLIEST_DATE = "1900-01-01"  # PRODUCT.md: a year before 1900 is rejected with a reason

TOTALS_WORDS = [
    "合计",
    "总计",
    "小计",
    "总合计",
    "合计金额",
    "total",
    "totals",
    "grandtotal",
    "subtotal",
    "sum",
    "总额",
]
# Every totals word holds one of these characters (lower-cased: 't' or 'm'), so a row whose cells hold none
# of them, in either case, has no totals cell: one test of the row's joined text skips the per-cell tests.
TOTALS_KEYS = "计额tm"
assert all(any(k in w for k in TOTALS_KEYS) for w in TOTALS_WORDS)

MACROS = [
    # text: control characters removed, trimmed, runs of whitespace collapsed, empty -> null. Most cells hold
    # neither at all: one regex test then, instead of global replaces that copy every string (5x faster on
    # 1M rows); the test of both costs what the test of whitespace alone did.
    f"""create or replace temp macro ka_spaces(s) as
        nullif(regexp_replace(regexp_replace(s, '^{WS}+|{WS}+$', '', 'g'), '{WS}+', ' ', 'g'), '')""",
    f"""create or replace temp macro ka_text(s) as case when regexp_matches(s, '{WS[:-1]}{CONTROL[1:-1]}]')
        then ka_spaces(case when regexp_matches(s, '{CONTROL}') then regexp_replace(s, '{CONTROL}', '', 'g') else s end)
        else nullif(s, '') end""",
    # ka_text of a cell known to hold no control character (a CSV file's bytes said so): one test less for
    # each cell with whitespace
    f"""create or replace temp macro ka_text_no_controls(s) as
        case when regexp_matches(s, '{WS}') then ka_spaces(s) else nullif(s, '') end""",
    # The *_text macros take a cell already through ka_text, so the load computes ka_text once per cell;
    # ka_text is idempotent, so ka_id(s) = ka_id_text(ka_text(s)) and so on.
    # ids keep their text: ="00123" (Excel's keep-the-zeros trick) -> 00123, 17850.0 -> 17850
    # (either replace needs a leading = or a dot: other ids are returned as they are, uncopied)
    r"""create or replace temp macro ka_id_text(t) as case when t like '=%' or contains(t, '.')
        then regexp_replace(regexp_replace(t, '^="(.*)"$', '\1'), '^(-?\d+)\.0+$', '\1') else t end""",
    "create or replace temp macro ka_id(s) as ka_id_text(ka_text(s))",
    # money/number text: full-width digits, currency marks, units, spaces removed. translate() is slow and
    # rarely needed, so it only runs on cells with a full-width character; it maps no character into or
    # out of the removed set, so testing t before translating decides the same.
    r"""create or replace temp macro ka_num_strip_text(t) as case
        when regexp_matches(t, '[０-９．，－＋（）]') then regexp_replace(
            translate(t, '０１２３４５６７８９．，－＋（）', '0123456789.,-+()'),
            '[\s¥￥$€£]|元|rmb|cny|usd|eur|hkd', '', 'gi')
        when regexp_matches(t, '[\s¥￥$€£]|元|rmb|cny|usd|eur|hkd', 'i')
            then regexp_replace(t, '[\s¥￥$€£]|元|rmb|cny|usd|eur|hkd', '', 'gi')
        else t end""",
    "create or replace temp macro ka_num_strip(s) as ka_num_strip_text(ka_text(s))",
    r"""create or replace temp macro ka_num_sep(t, decimal_comma) as
        case when decimal_comma then replace(replace(t, '.', ''), ',', '.') else replace(t, ',', '') end""",
    # (123) is an accountant's -123
    r"""create or replace temp macro ka_num_sign(t) as
        case when t like '(%)' then '-' || t[2:-2] else t end""",
    # 1.2万 = 12000, 3亿 = 300000000. The multiplier keeps 10 places, to the cent for 亿 (1.23456789亿 is
    # 123456789, not 123460000), and at most 18 digits before the point, so the product always fits
    # decimal(38,10): a longer one is unreadable, not an overflow that fails the load.
    r"""create or replace temp macro ka_num_scale(t) as case
        when t like '%万' then try_cast(t[1:-2] as decimal(28,10)) * 10000
        when t like '%亿' then try_cast(t[1:-2] as decimal(28,10)) * 100000000
        else try_cast(t as decimal(18,4)) end""",
    # A text DuckDB casts to a number holds none of the marks the steps above remove or rewrite (currency,
    # units, spaces, commas, brackets, 万/亿, full-width digits): every step leaves it as it is and the last
    # one is the same cast. So without a decimal comma the cast comes first, and only the cells it cannot
    # read take the steps (a CASE evaluates them for those rows only; DuckDB's coalesce evaluates every
    # argument). tests/ingest/test_clean.py checks the shortcut against the steps on ~3,500 forms.
    r"""create or replace temp macro ka_num_steps(t, decimal_comma) as
        -- try_cast: 99999999999999万 is too large for the table, so unreadable, not a failed load
        try_cast(ka_num_scale(ka_num_sign(ka_num_sep(ka_num_strip_text(t), decimal_comma))) as decimal(18,4))""",
    r"""create or replace temp macro ka_num_text(t, decimal_comma) as case
        when decimal_comma then ka_num_steps(t, true)
        when try_cast(t as decimal(18,4)) is not null then try_cast(t as decimal(18,4))
        else ka_num_steps(t, false) end""",
    "create or replace temp macro ka_num(s, decimal_comma) as ka_num_text(ka_text(s), decimal_comma)",
    # A unit in the header (金额(万元)) scales a whole column exactly: the text is read to 10 decimals,
    # multiplied by the unit (times a 万/亿 of its own), and rounded once by the caller's cast (to the cent,
    # half away from zero, as DuckDB's decimal casts round), so 1.23456 万元 is 12345.60 and 0.0000005 万元
    # is 0.01. Unscaled money keeps its reading (4 decimals, then the cent). A value of 10^16 or more after scaling cannot be
    # held (DECIMAL(18,2)) and is unreadable, tested before multiplying (the product could overflow).
    r"""create or replace temp macro ka_num_times(n, factor) as
        case when abs(try_cast(n as decimal(26,10))) < 10000000000000000 // factor
            then try_cast(n as decimal(26,10)) * factor end""",
    r"""create or replace temp macro ka_num_unit_times(u, factor) as case
        when u like '%万' then ka_num_times(u[1:-2], factor::bigint * 10000)
        when u like '%亿' then ka_num_times(u[1:-2], factor::bigint * 100000000)
        else ka_num_times(u, factor) end""",
    r"""create or replace temp macro ka_num_scaled_text(t, decimal_comma, factor) as case
        when not decimal_comma and try_cast(t as decimal(26,10)) is not null then ka_num_times(t, factor)
        else ka_num_unit_times(ka_num_sign(ka_num_sep(ka_num_strip_text(t), decimal_comma)), factor) end""",
    # dates: Excel serials, 20240105, year-first forms (2024-01-05, 2024/1/5, 2024年1月5日, with a time),
    # and year-last slash dates whose day/month order was decided for the whole column
    # (the rewrite to 2024-01-05 only changes cells with 年/月/日 or a slash or dot after the year)
    r"""create or replace temp macro ka_date_ymd_local(t) as try_strptime(
        case when regexp_matches(t, '[年月日]|^\d{4}[/.]')
            then regexp_replace(replace(replace(replace(t, '年', '-'), '月', '-'), '日', ''), '^(\d{4})[/.](\d{1,2})[/.](\d{1,2})', '\1-\2-\3')
            else t end,
        ['%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f',
         '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H时%M分'])::date""",
    # No %z format: DuckDB 2.0's strptime with a zone in the list reads 2024-02-30 as 2024-03-01 and carries
    # one row's offset into the next rows. A trailing offset or Z is cut off instead: the local date stays.
    r"""create or replace temp macro ka_date_ymd(t) as ka_date_ymd_local(
        case when regexp_matches(t, '\d:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}(:?\d{2})?|Z)$')
            then regexp_replace(t, '([+-]\d{2}(:?\d{2})?|Z)$', '') else t end)""",
    # 1/5/24 -> 1/5/2024 (YY_LAST); other texts as they are
    f"""create or replace temp macro ka_date_yy(t) as case when regexp_matches(t, '{YY_LAST}')
        then regexp_replace(t, '{YY_LAST}', '\\120\\2\\3') else t end""",
    r"""create or replace temp macro ka_date_steps(t, day_first) as case
        when t is null then null
        -- a date has digits; DuckDB 2.0's strptime reads 'infinity' and 'epoch' as 1900-01-01 with any format
        when not regexp_matches(t, '[0-9]') then null
        -- the usual 2024-01-05 first: the ymd branch below reads it with its first format, the only one
        -- that can match; one format is several times faster than trying the list
        when regexp_full_match(t, '\d{4}-\d{1,2}-\d{1,2}') then try_strptime(t, '%Y-%m-%d')::date
        when regexp_full_match(t, '\d{5}(\.\d+)?')
            then date '1899-12-30' + cast(floor(cast(t as double)) as integer)
        when regexp_full_match(t, '\d{8}') then try_strptime(t, '%Y%m%d')::date
        when regexp_full_match(t, '\d{4}\D.*') then ka_date_ymd(t)
        when regexp_full_match(t, '{YY_FIRST}') then ka_date_ymd('20' || t)
        when day_first then try_strptime(ka_date_yy(t), ['%d/%m/%Y', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M',
            '%d-%m-%Y', '%d.%m.%Y', '%d-%b-%Y', '%d %b %Y', '%b %d, %Y'])::date
        else try_strptime(ka_date_yy(t), ['%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m-%d-%Y',
            '%d-%b-%Y', '%d %b %Y', '%b %d, %Y'])::date
        end""".replace("{YY_FIRST}", YY_FIRST),
    # The usual 2024-01-05: ten characters, a digit first, dashes 5th and 8th. DuckDB's own date cast reads
    # such a text only when it is exactly dddd-dd-dd (its year stops at the first dash, and any other text
    # fails), the same date ka_date_steps' first branch reads with strptime, ~4x slower; other texts, and
    # the ones it cannot read (2024-02-30), take the steps. The cast's other forms ('24-1-5', 'infinity',
    # '2024-01-05 (BC)') never pass the guard. tests/ingest/test_clean.py checks it on many forms.
    # The other usual form, 2024/1/5 (a year-first slash date, as Excel in Chinese writes it and many ERP
    # exports copy): the steps read it with 5 regex tests, a rewrite to 2024-1-5 and a list of formats, ~9x the
    # cost of one full match and one format. For exactly dddd/d(d)/d(d) the rewrite gives dddd-d(d)-d(d), which
    # the list's first format reads as strptime's %Y/%m/%d reads the slashes, and no later format can read a
    # text the first one cannot; so both give the same date, or both null (2024/2/30).
    r"""create or replace temp macro ka_date_text(t, day_first) as case
        when length(t) = 10 and t[5] = '-' and t[8] = '-' and t[1] between '0' and '9'
            and try_cast(t as date) is not null then try_cast(t as date)
        when regexp_full_match(t, '\d{4}/\d{1,2}/\d{1,2}') then try_strptime(t, '%Y/%m/%d')::date
        else ka_date_steps(t, day_first) end""",
    # a date read before 1900 is no date of a sales file (1/5/0024, a typo): null, and the load says why
    f"""create or replace temp macro ka_date_valid(d) as
        nullif(greatest(d, date '{EARLIEST_DATE}' - 1), date '{EARLIEST_DATE}' - 1)""",
    "create or replace temp macro ka_date(s, day_first) as ka_date_valid(ka_date_text(ka_text(s), day_first))",
    # a cell that says it is a totals row: 合计, 合 计, Grand Total, TOTAL: (control characters aside)
    f"""create or replace temp macro ka_total_word(s) as
        lower(regexp_replace(s, '[\\s\\x{{3000}}:：_{CONTROL[1:-1]}-]', '', 'g'))""",
    # Whether a cell could be a totals word: a cell with any character outside the words' letters (either
    # case) and the separators ka_total_word removes can't be one. One regex test instead of a copy and a
    # lower() of every cell.
    f"""create or replace temp macro ka_total_candidate(s) as
        regexp_full_match(s, '[{"".join(sorted({ch for w in TOTALS_WORDS for ch in w + w.upper()}))}\\s\\x{{3000}}:：_{CONTROL[1:-1]}-]+')""",
]

# Survey answers (docs/outlook.md § Satisfaction and referrals). A satisfaction cell is a number on its
# file's scale (SCORE_SCALES, decided from the whole column: score_scale) or a word of the five-point scale;
# either becomes a 0-1 score. A referral cell is a count or a yes/no (yes = one referral). Lower-cased, spaces
# removed before the lookup. Ours, never the user's: safe to write into the macros.
SATISFACTION_WORDS = {
    1.0: ("非常满意", "很满意", "十分满意", "特别满意", "verysatisfied", "extremelysatisfied"),
    0.8: ("满意", "比较满意", "较满意", "satisfied"),
    0.6: ("一般", "基本满意", "中立", "还行", "neutral", "average"),
    0.4: ("不满意", "不太满意", "较不满意", "dissatisfied", "unsatisfied"),
    0.2: ("非常不满意", "很不满意", "极不满意", "十分不满意", "verydissatisfied", "veryunsatisfied"),
}
YES_WORDS = ("是", "有", "y", "yes", "true", "t", "√", "✓", "✔")
NO_WORDS = ("否", "无", "没有", "n", "no", "false", "f", "×", "✗")
# scale code -> (lowest, highest) answer; the score is answer / highest. `words`: a column with no number.
SCORE_SCALES = {"five": (1, 5), "ten": (0, 10), "hundred": (0, 100), "unit": (0, 1), "words": (1, 5)}


def _words_sql(words) -> str:
    return "[" + ", ".join("'" + w + "'" for w in words) + "]"


_WORDS = [w for group in SATISFACTION_WORDS.values() for w in group]
_WORD_SCORES = [score for score, group in SATISFACTION_WORDS.items() for _ in group]
_SCALED = " ".join(
    f"when scale = '{k}' and ka_score_number(t) between {lo} and {hi} then round(ka_score_number(t) / {hi}, 4)"
    for k, (lo, hi) in SCORE_SCALES.items()
    if k != "words"
)
MACROS += [
    f"create or replace temp macro ka_word_key(t) as lower(regexp_replace(t, '{WS}', '', 'g'))",
    f"""create or replace temp macro ka_score_word(t) as
        list_extract([{", ".join(str(v) for v in _WORD_SCORES)}]::decimal(5,4)[],
            list_position({_words_sql(_WORDS)}, ka_word_key(t)))""",
    # 4.5, 85%, 8分: the number of the answer (a percent sign or 分 after it dropped)
    f"""create or replace temp macro ka_score_number(t) as
        try_cast(regexp_replace(t, '^(.*?){WS}*(分|[%％])$', '\\1') as decimal(18,4))""",
    "create or replace temp macro ka_is_percent(t) as regexp_matches(t, '[%％]$')",
    # the 0-1 score of a cell on `scale` (SCORE_SCALES): a word, or a number within the scale; else null
    f"""create or replace temp macro ka_score_text(t, scale) as
        coalesce(ka_score_word(t), case {_SCALED} end)::decimal(5,4)""",
    # 3, 3人, 是/否, Y/N, true/false: a count of referrals
    f"""create or replace temp macro ka_count_text(t) as case
        when regexp_full_match(t, '\\d{{1,9}}(\\.0+)?[人个家位]?') then try_cast(regexp_extract(t, '^\\d+') as integer)
        when list_contains({_words_sql(YES_WORDS)}, ka_word_key(t)) then 1
        when list_contains({_words_sql(NO_WORDS)}, ka_word_key(t)) then 0
        end""",
]

# A satisfaction column's numbers (words aside), the lowest and highest, whether one has a percent sign, and
# its word answers; one row. {col}: a raw column c0..cN.
SCORE_EVIDENCE = """
select
    count(n)::bigint as numbers,
    min(n) as lowest,
    max(n) as highest,
    coalesce(bool_or(ka_is_percent(t)) filter (where n is not null), false) as has_percent,
    count(*) filter (where ka_score_word(t) is not null)::bigint as words
from (select t, case when ka_score_word(t) is null then ka_score_number(t) end as n
    from (select ka_text({col}) as t from ka_raw))
"""


def score_scale(numbers: int, lowest, highest, has_percent: bool) -> str:
    """The scale of a satisfaction column (SCORE_SCALES) from its numbers: a percent sign says 0-100; all
    within 0-1 with one below 1 is a share; else the smallest of 1-5, 0-10, 0-100 that holds them (a 0-10
    file whose answers are all 1-5 reads as 1-5: nothing in the file says otherwise, and the note says so)."""
    if numbers == 0:
        return "words"
    if has_percent:
        return "hundred"
    if lowest >= 0 and highest <= 1 and lowest < 1:
        return "unit"
    if lowest >= 1 and highest <= 5:
        return "five"
    if lowest >= 0 and highest <= 10:
        return "ten"
    return "hundred"


# Evidence for the column-wide decisions: 13/01/2024 can only be day-first, 01/13/2024 only month-first
# (a dash date read year-first, 24-01-05, is no day/month date); 1.234,50 only a decimal comma, 1,234.50
# only a decimal point. And what the notes say: how many day/month dates there are, with one of them, and
# how many dates have a two-digit year.
_DAY_MONTH = r"'^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}'"
_DECIMAL_COMMA = r"'-?[¥￥$€£]?\d{1,3}(\.\d{3})*,\d{1,2}'"
_DECIMAL_POINT = r"'-?[¥￥$€£]?\d{1,3}(,\d{3})*\.\d{1,2}'"
# {v}: the cell's ka_text
_IS_DAY_MONTH = f"(regexp_matches({{v}}, {_DAY_MONTH}) and not regexp_full_match({{v}}, '{YY_FIRST}'))"
_TWO_DIGIT_YEAR = f"(regexp_matches({{v}}, '{YY_LAST}') or regexp_full_match({{v}}, '{YY_FIRST}'))"
_V_DAY_MONTH = _IS_DAY_MONTH.replace("{v}", "v")
COLUMN_EVIDENCE = f"""
select
    count(*) filter (where {_V_DAY_MONTH} and try_cast(regexp_extract(v, {_DAY_MONTH}, 1) as int) > 12)::bigint
        as day_first,
    count(*) filter (where {_V_DAY_MONTH} and try_cast(regexp_extract(v, {_DAY_MONTH}, 2) as int) > 12)::bigint
        as month_first,
    count(*) filter (where regexp_full_match(v, {_DECIMAL_COMMA}))::bigint as decimal_comma,
    count(*) filter (where regexp_full_match(v, {_DECIMAL_POINT}))::bigint as decimal_point,
    count(*) filter (where {_V_DAY_MONTH})::bigint as day_month,
    arg_min(v, source_row) filter (where {_V_DAY_MONTH}) as day_month_example,
    count(*) filter (where {_TWO_DIGIT_YEAR.replace("{v}", "v")})::bigint as two_digit_years,
    min(source_row, 5) filter (where {_TWO_DIGIT_YEAR.replace("{v}", "v")}) as two_digit_rows,
    arg_min(v, source_row) filter (where {_TWO_DIGIT_YEAR.replace("{v}", "v")}) as two_digit_example
from (select source_row, ka_text({{col}}) as v from ka_raw)
"""


class Evidence(NamedTuple):
    """COLUMN_EVIDENCE of one column; counts nothing asked for are 0."""

    day_first: int = 0
    month_first: int = 0
    decimal_comma: int = 0
    decimal_point: int = 0
    day_month: int = 0
    day_month_example: str | None = None
    two_digit_years: int = 0
    two_digit_rows: list[int] | None = None  # the first five rows of those
    two_digit_example: str | None = None  # the first of those


def evidence_sql(date_cols: list[str], number_cols: list[str]) -> str:
    """COLUMN_EVIDENCE's counts of many raw columns in one scan of ka_raw, one row: for each date column
    day_first, month_first, day_month, day_month_example, two_digit_years, two_digit_rows and
    two_digit_example, then decimal_comma of each date and number column.

    A date column's cell is looked at only when it passes a cheap test that every cell counted passes:
    1-2 digits and a separator, or a month's name and a digit, after any leading whitespace or control
    character. A decimal comma needs a comma. The decimal_point count only matters against a non-zero
    decimal_comma: decimal_point_sql counts it then.
    """
    lead = f"^[{WS[1:-1]}{CONTROL[1:-1]}]*"
    candidate = "regexp_matches({c}, '" + lead + r"(\d{1,2}[/.-]|[A-Za-z]{3,9} \d)')"
    # per date cell, once: its text (candidates only), its day/month parts, whether it is year-first
    texts, parts, two_digit, counts = [], [], [], []
    for i, c in enumerate(date_cols):
        texts.append(f"case when {candidate.replace('{c}', c)} then ka_text({c}) end as d{i}")
        parts.append(
            f"regexp_extract(d{i}, {_DAY_MONTH}, ['first', 'second']) as p{i}, "
            f"regexp_full_match(d{i}, '{YY_FIRST}') as y{i}"
        )
        two_digit.append(f"y{i} or regexp_matches(d{i}, '{YY_LAST}') as t{i}")  # _TWO_DIGIT_YEAR
        day_month = f"p{i}.first <> '' and not y{i}"  # _IS_DAY_MONTH
        counts += [
            f"count(*) filter (where {day_month} and try_cast(p{i}.first as int) > 12)::bigint",
            f"count(*) filter (where {day_month} and try_cast(p{i}.second as int) > 12)::bigint",
            f"count(*) filter (where {day_month})::bigint",
            f"arg_min(d{i}, source_row) filter (where {day_month})",
            f"count(*) filter (where t{i})::bigint",
            f"min(source_row, 5) filter (where t{i})",
            f"arg_min(d{i}, source_row) filter (where t{i})",
        ]
    for c in date_cols + number_cols:
        counts.append(
            f"count(*) filter (where case when contains({c}, ',') "
            f"then regexp_full_match(ka_text({c}), {_DECIMAL_COMMA}) else false end)::bigint"
        )
    if not counts:
        return "select 1"
    cells = f"(select *{''.join(', ' + t for t in texts)} from ka_raw)"
    if parts:
        cells = f"(select *, {', '.join(two_digit)} from (select *, {', '.join(parts)} from {cells}))"
    return f"select {', '.join(counts)} from {cells}"


def decimal_point_sql(cols: list[str]) -> str:
    """COLUMN_EVIDENCE's decimal_point count of each raw column, in one scan of ka_raw; one row."""
    counts = [f"count(*) filter (where regexp_full_match(ka_text({c}), {_DECIMAL_POINT}))::bigint" for c in cols]
    return f"select {', '.join(counts)} from ka_raw"


def parse_expression(
    kind: str,
    col: str,
    *,
    day_first: bool,
    decimal_comma: bool,
    is_text: bool = False,
    scale: int = 1,
    early_dates: bool = False,
    score_scale: str = "words",
) -> str:
    """SQL for one canonical field from raw column `col` (always one of our c0..cN names), or from its
    ka_text when is_text (the load computes that once per cell). scale: the unit its header names
    (header_units.header_unit), for money and number fields. A date before 1900 is null (ka_date_valid), unless
    early_dates: then the caller rejects its row, which costs less than ka_date_valid (its nullif reads
    the date twice). score_scale: the file's scale of a satisfaction column (SCORE_SCALES)."""
    text = col if is_text else f"ka_text({col})"
    comma = "true" if decimal_comma else "false"
    if kind == "text":
        return text
    if kind == "id":
        return f"ka_id_text({text})"
    if kind == "date":
        read = f"ka_date_text({text}, {'true' if day_first else 'false'})"
        return read if early_dates else f"ka_date_valid({read})"
    if kind in ("money", "number") and scale != 1:
        return f"try_cast(ka_num_scaled_text({text}, {comma}, {int(scale)}) as {schema.SQL_TYPES[kind]})"
    if kind == "money":
        return f"cast(ka_num_text({text}, {comma}) as decimal(18,2))"
    if kind == "number":
        return f"ka_num_text({text}, {comma})"
    if kind == "score":
        assert score_scale in SCORE_SCALES  # ours, never the user's
        return f"ka_score_text({text}, '{score_scale}')"
    if kind == "count":
        return f"ka_count_text({text})"
    raise ValueError(kind)


def field_kinds(table: str) -> dict[str, str]:
    return {f.name: f.kind for f in schema.FIELDS[table]}
