"""Raw text cells -> typed canonical rows in DuckDB, every row loaded or rejected with its reasons.

All parsing is SQL over the whole column (macros below), so a million-line file never loops in Python.
Source columns reach DuckDB renamed c0..cN: no header text of the user's is ever part of SQL.
"""

from __future__ import annotations

from core import schema

WS = r"[\s\x{3000}\x{00A0}\x{FEFF}]"  # RE2's \s is ASCII only; exports pad with full-width spaces too

TOTALS_WORDS = ["合计", "总计", "小计", "总合计", "合计金额", "total", "totals", "grandtotal", "subtotal", "sum", "总额"]

MACROS = [
    # text: trimmed, runs of whitespace collapsed, empty -> null
    f"create or replace temp macro ka_text(s) as nullif(regexp_replace(regexp_replace(s, '^{WS}+|{WS}+$', '', 'g'), '{WS}+', ' ', 'g'), '')",
    # ids keep their text: ="00123" (Excel's keep-the-zeros trick) -> 00123, 17850.0 -> 17850
    r"""create or replace temp macro ka_id(s) as regexp_replace(regexp_replace(ka_text(s), '^="(.*)"$', '\1'), '^(-?\d+)\.0+$', '\1')""",
    # money/number text: full-width digits, currency marks, units, spaces removed
    r"""create or replace temp macro ka_num_strip(s) as regexp_replace(
        translate(ka_text(s), '０１２３４５６７８９．，－＋（）', '0123456789.,-+()'),
        '[\s¥￥$€£]|元|rmb|cny|usd|eur|hkd', '', 'gi')""",
    r"""create or replace temp macro ka_num_sep(t, decimal_comma) as
        case when decimal_comma then replace(replace(t, '.', ''), ',', '.') else replace(t, ',', '') end""",
    # (123) is an accountant's -123
    r"""create or replace temp macro ka_num_sign(t) as
        case when t like '(%)' then '-' || t[2:-2] else t end""",
    # 1.2万 = 12000, 3亿 = 300000000
    r"""create or replace temp macro ka_num_scale(t) as case
        when t like '%万' then try_cast(t[1:-2] as decimal(18,4)) * 10000
        when t like '%亿' then try_cast(t[1:-2] as decimal(18,4)) * 100000000
        else try_cast(t as decimal(18,4)) end""",
    r"""create or replace temp macro ka_num(s, decimal_comma) as
        cast(ka_num_scale(ka_num_sign(ka_num_sep(ka_num_strip(s), decimal_comma))) as decimal(18,4))""",
    # dates: Excel serials, 20240105, year-first forms (2024-01-05, 2024/1/5, 2024年1月5日, with a time),
    # and year-last slash dates whose day/month order was decided for the whole column
    r"""create or replace temp macro ka_date_ymd(t) as try_strptime(
        regexp_replace(replace(replace(replace(t, '年', '-'), '月', '-'), '日', ''), '^(\d{4})[/.](\d{1,2})[/.](\d{1,2})', '\1-\2-\3'),
        ['%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f',
         '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H时%M分', '%Y-%m-%d %H:%M:%S%z'])::date""",
    r"""create or replace temp macro ka_date(s, day_first) as case
        when ka_text(s) is null then null
        when regexp_full_match(ka_text(s), '\d{5}(\.\d+)?')
            then date '1899-12-30' + cast(floor(cast(ka_text(s) as double)) as integer)
        when regexp_full_match(ka_text(s), '\d{8}') then try_strptime(ka_text(s), '%Y%m%d')::date
        when regexp_full_match(ka_text(s), '\d{4}\D.*') then ka_date_ymd(ka_text(s))
        when day_first then try_strptime(ka_text(s), ['%d/%m/%Y', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M',
            '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%y', '%d-%b-%Y', '%d %b %Y', '%b %d, %Y', '%d-%b-%y'])::date
        else try_strptime(ka_text(s), ['%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m-%d-%Y',
            '%m/%d/%y', '%d-%b-%Y', '%d %b %Y', '%b %d, %Y', '%d-%b-%y'])::date
        end""",
    # a cell that says it is a totals row: 合计, 合 计, Grand Total, TOTAL:
    r"""create or replace temp macro ka_total_word(s) as lower(regexp_replace(s, '[\s\x{3000}:：_-]', '', 'g'))""",
]

# Evidence for the column-wide decisions: 13/01/2024 can only be day-first, 01/13/2024 only month-first;
# 1.234,50 only a decimal comma, 1,234.50 only a decimal point.
COLUMN_EVIDENCE = r"""
select
    count(*) filter (where try_cast(regexp_extract(v, '^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}', 1) as int) > 12)::bigint as day_first,
    count(*) filter (where try_cast(regexp_extract(v, '^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}', 2) as int) > 12)::bigint as month_first,
    count(*) filter (where regexp_full_match(v, '-?[¥￥$€£]?\d{1,3}(\.\d{3})*,\d{1,2}'))::bigint as decimal_comma,
    count(*) filter (where regexp_full_match(v, '-?[¥￥$€£]?\d{1,3}(,\d{3})*\.\d{1,2}'))::bigint as decimal_point
from (select ka_text({col}) as v from ka_raw)
"""


def parse_expression(kind: str, col: str, *, day_first: bool, decimal_comma: bool) -> str:
    """SQL for one canonical field from raw column `col` (always one of our c0..cN names)."""
    if kind == "text":
        return f"ka_text({col})"
    if kind == "id":
        return f"ka_id({col})"
    if kind == "date":
        return f"ka_date({col}, {'true' if day_first else 'false'})"
    if kind == "money":
        return f"cast(ka_num({col}, {'true' if decimal_comma else 'false'}) as decimal(18,2))"
    if kind == "number":
        return f"ka_num({col}, {'true' if decimal_comma else 'false'})"
    raise ValueError(kind)


def field_kinds(table: str) -> dict[str, str]:
    return {f.name: f.kind for f in schema.FIELDS[table]}
