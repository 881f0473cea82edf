"""Raw text cells -> typed canonical rows in DuckDB, every row loaded or rejected with its reasons.

All parsing is SQL over the whole column (macros below), so a million-line file never loops in Python.
Source columns reach DuckDB renamed c0..cN: no header text of the user's is ever part of SQL.
"""

from __future__ import annotations

from core import schema

WS = r"[\s\x{3000}\x{00A0}\x{FEFF}]"  # RE2's \s is ASCII only; exports pad with full-width spaces too

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
    # text: trimmed, runs of whitespace collapsed, empty -> null. Most cells hold no whitespace at all:
    # one regex test then, instead of two global replaces that copy every string (5x faster on 1M rows).
    f"""create or replace temp macro ka_text(s) as case when regexp_matches(s, '{WS}')
        then nullif(regexp_replace(regexp_replace(s, '^{WS}+|{WS}+$', '', 'g'), '{WS}+', ' ', 'g'), '')
        else nullif(s, '') end""",
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
        when day_first then try_strptime(t, ['%d/%m/%Y', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M',
            '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%y', '%d-%b-%Y', '%d %b %Y', '%b %d, %Y', '%d-%b-%y'])::date
        else try_strptime(t, ['%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m-%d-%Y',
            '%m/%d/%y', '%d-%b-%Y', '%d %b %Y', '%b %d, %Y', '%d-%b-%y'])::date
        end""",
    # The usual 2024-01-05: ten characters, a digit first, dashes 5th and 8th. DuckDB's own date cast reads
    # such a text only when it is exactly dddd-dd-dd (its year stops at the first dash, and any other text
    # fails), the same date ka_date_steps' first branch reads with strptime, ~4x slower; other texts, and
    # the ones it cannot read (2024-02-30), take the steps. The cast's other forms ('24-1-5', 'infinity',
    # '2024-01-05 (BC)') never pass the guard. tests/ingest/test_clean.py checks it on many forms.
    r"""create or replace temp macro ka_date_text(t, day_first) as case
        when length(t) = 10 and t[5] = '-' and t[8] = '-' and t[1] between '0' and '9'
            and try_cast(t as date) is not null then try_cast(t as date)
        else ka_date_steps(t, day_first) end""",
    "create or replace temp macro ka_date(s, day_first) as ka_date_text(ka_text(s), day_first)",
    # a cell that says it is a totals row: 合计, 合 计, Grand Total, TOTAL:
    r"""create or replace temp macro ka_total_word(s) as lower(regexp_replace(s, '[\s\x{3000}:：_-]', '', 'g'))""",
    # Whether a cell could be a totals word: a cell with any character outside the words' letters (either
    # case) and the separators ka_total_word removes can't be one. One regex test instead of a copy and a
    # lower() of every cell.
    f"""create or replace temp macro ka_total_candidate(s) as
        regexp_full_match(s, '[{"".join(sorted({ch for w in TOTALS_WORDS for ch in w + w.upper()}))}\\s\\x{{3000}}:：_-]+')""",
]

# Evidence for the column-wide decisions: 13/01/2024 can only be day-first, 01/13/2024 only month-first;
# 1.234,50 only a decimal comma, 1,234.50 only a decimal point.
_DAY_MONTH = r"'^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}'"
_DECIMAL_COMMA = r"'-?[¥￥$€£]?\d{1,3}(\.\d{3})*,\d{1,2}'"
_DECIMAL_POINT = r"'-?[¥￥$€£]?\d{1,3}(,\d{3})*\.\d{1,2}'"
COLUMN_EVIDENCE = f"""
select
    count(*) filter (where try_cast(regexp_extract(v, {_DAY_MONTH}, 1) as int) > 12)::bigint as day_first,
    count(*) filter (where try_cast(regexp_extract(v, {_DAY_MONTH}, 2) as int) > 12)::bigint as month_first,
    count(*) filter (where regexp_full_match(v, {_DECIMAL_COMMA}))::bigint as decimal_comma,
    count(*) filter (where regexp_full_match(v, {_DECIMAL_POINT}))::bigint as decimal_point
from (select ka_text({{col}}) as v from ka_raw)
"""


def evidence_sql(date_cols: list[str], number_cols: list[str]) -> str:
    """COLUMN_EVIDENCE's deciding counts of many raw columns in one scan of ka_raw: day_first and
    month_first of each date column, then decimal_comma of each date and number column; one row.

    Each count first tries a cheap test that every cell it counts passes: a day/month date starts with
    1-2 digits and a separator after any leading whitespace, a decimal comma needs a comma. The
    decimal_point count only matters against a non-zero decimal_comma: decimal_point_sql counts it then.
    """
    starts_day_month = "regexp_matches({c}, '^" + WS + r"*\d{1,2}[/.-]')"
    counts = []
    for c in date_cols:
        for part in (1, 2):
            counts.append(
                f"count(*) filter (where case when {starts_day_month.replace('{c}', c)} "
                f"then try_cast(regexp_extract(ka_text({c}), {_DAY_MONTH}, {part}) as int) > 12 else false end)::bigint"
            )
    for c in date_cols + number_cols:
        counts.append(
            f"count(*) filter (where case when contains({c}, ',') "
            f"then regexp_full_match(ka_text({c}), {_DECIMAL_COMMA}) else false end)::bigint"
        )
    return f"select {', '.join(counts) or '1'} from ka_raw"


def decimal_point_sql(cols: list[str]) -> str:
    """COLUMN_EVIDENCE's decimal_point count of each raw column, in one scan of ka_raw; one row."""
    counts = [f"count(*) filter (where regexp_full_match(ka_text({c}), {_DECIMAL_POINT}))::bigint" for c in cols]
    return f"select {', '.join(counts)} from ka_raw"


def parse_expression(kind: str, col: str, *, day_first: bool, decimal_comma: bool, is_text: bool = False) -> str:
    """SQL for one canonical field from raw column `col` (always one of our c0..cN names), or from its
    ka_text when is_text (the load computes that once per cell)."""
    text = col if is_text else f"ka_text({col})"
    if kind == "text":
        return text
    if kind == "id":
        return f"ka_id_text({text})"
    if kind == "date":
        return f"ka_date_text({text}, {'true' if day_first else 'false'})"
    if kind == "money":
        return f"cast(ka_num_text({text}, {'true' if decimal_comma else 'false'}) as decimal(18,2))"
    if kind == "number":
        return f"ka_num_text({text}, {'true' if decimal_comma else 'false'})"
    raise ValueError(kind)


def field_kinds(table: str) -> dict[str, str]:
    return {f.name: f.kind for f in schema.FIELDS[table]}
