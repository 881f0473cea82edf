"""Header -> canonical field: the Mapping, and its proposal from the header words (synonyms.py), then from
the values for a required field no header names, with a confidence per field (PRODUCT.md § Canonical data)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core import schema
from core.ingest.header_units import SCALED_FIELDS, HeaderUnit, header_unit
from core.ingest.synonyms import SYNONYMS, UNITS_IN_BRACKETS, normalize_header

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass
class Mapping:
    """field -> source column, with a 0-1 confidence and why it was chosen."""

    table: str
    columns: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)

    def missing_required(self) -> list[str]:
        missing = [f.name for f in schema.FIELDS[self.table] if f.required and f.name not in self.columns]
        if self.table == "orders" and "amount" in missing and {"quantity", "unit_price"} <= self.columns.keys():
            missing.remove("amount")  # amount = quantity x unit_price
        return missing

    def unit(self, name: str) -> HeaderUnit | None:
        """The scale written in the header mapped to money field `name` (金额(万元): ×10,000), else None.
        It follows from the header, so a saved mapping ({field: header}) brings its scale back with it."""
        header = self.columns.get(name)
        return header_unit(header) if header is not None and name in SCALED_FIELDS else None

    @property
    def units(self) -> dict[str, HeaderUnit]:
        """unit() of every mapped field that has one, in the table's field order."""
        found = {f.name: self.unit(f.name) for f in schema.FIELDS[self.table]}
        return {name: unit for name, unit in found.items() if unit is not None}

    def to_json(self) -> dict[str, str]:
        return dict(self.columns)

    @classmethod
    def from_json(cls, table: str, data: dict, headers: list[str]) -> Mapping:
        known = {f.name for f in schema.FIELDS[table]}
        cols = {k: v for k, v in data.items() if k in known and v in headers}
        return cls(table, cols, {k: 1.0 for k in cols})


def _split_camel(text: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(text))


def _name_score(header: str, synonyms: tuple[str, ...]) -> float:
    norm = normalize_header(header)
    if not norm:
        return 0.0
    if norm in synonyms:
        return 1.0
    # 'Customer Name (Billing)', '本月销售额': the words are inside a longer header
    spaced = normalize_header(_split_camel(header))
    for syn in synonyms:
        if len(syn) >= 2 and (syn in norm or syn in spaced) and len(syn) >= len(norm) / 3:
            return 0.7
    return 0.0


def _value_kinds(data: pa.Table, column: str) -> dict[str, float]:
    """Share of a column's non-empty sample values that look like dates, money, or repeated names."""
    import pyarrow.compute as pc

    sample = data.column(column).slice(0, 500)
    values = pc.drop_null(pc.utf8_trim_whitespace(sample))
    values = values.filter(pc.not_equal(values, ""))
    n = len(values)
    if n == 0:
        return {}
    is_date = pc.match_substring_regex(
        values, r"^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{8}|\d{1,2}/\d{1,2}/\d{2,4})([ T]\d{1,2}:\d{2}(:\d{2})?)?$"
    )
    is_money = pc.match_substring_regex(values, r"^[-(]?[¥￥$]?-?[\d,]+(\.\d+)?\)?万?$")
    date_share = pc.sum(is_date).as_py() / n
    money_share = pc.sum(is_money).as_py() / n
    text_share = max(0.0, 1 - date_share - money_share)
    # customer names repeat (several orders each); order ids mostly do not
    repeats = len(pc.unique(values)) / n < 0.9
    return {"date": date_share, "money": money_share, "repeated_text": text_share if repeats else 0.0}


# What a column's values say about a required field when no header matched it.
VALUE_HINTS = {"order_date": "date", "amount": "money", "customer": "repeated_text", "created_date": "date"}


def propose_mapping(table: str, headers: list[str], data: pa.Table | None = None) -> Mapping:
    """Map source columns onto canonical fields by header words, then by values for required fields."""
    scores: list[tuple[float, int, str, str]] = []
    field_order = list(SYNONYMS[table])
    for col in headers:
        for _rank, (name, syns) in enumerate(SYNONYMS[table].items()):
            s = _name_score(col, syns)
            if s:
                # an exact synonym earlier in the list beats a later one (客户编号 before 客户名称)
                pos = syns.index(normalize_header(col)) if normalize_header(col) in syns else len(syns)
                scores.append((s, -pos, name, col))
    scores.sort(key=lambda t: (-t[0], field_order.index(t[2]), -t[1]))
    mapping = Mapping(table)
    used: set[str] = set()
    for s, _, name, col in scores:
        if name in mapping.columns or col in used:
            continue
        mapping.columns[name], mapping.confidence[name] = col, s
        used.add(col)
    if table == "orders" and "customer" in mapping.columns:
        _pair_customer_name(mapping, headers, used)
    if data is not None and "product" in mapping.columns:
        _prefer_named_product(mapping, data, [col for s, _, name, col in scores if name == "product"], used)
    if data is not None:
        for name, kind in VALUE_HINTS.items():
            if name in mapping.columns or name not in SYNONYMS[table]:
                continue
            if name == "amount" and {"quantity", "unit_price"} <= mapping.columns.keys():
                continue  # amount = quantity x unit price: no other column is guessed to be it
            # a header that says code or id (StockCode 85123, 客户编号) holds codes, never money or dates
            candidates = [c for c in headers if c not in used and not _names_a_code(c)]
            best = max(
                ((_value_kinds(data, c).get(kind, 0.0), c) for c in candidates),
                default=(0.0, None),
            )
            if best[0] >= 0.8:
                mapping.columns[name], mapping.confidence[name] = best[1], round(0.5 * best[0], 2)
                used.add(best[1])
    return mapping


_ID_WORDS = ("编号", "编码", "代码", "id", "no", "code")


def _names_a_code(header: str) -> bool:
    """'StockCode', 'Customer ID', 'invoice_no', '客户编号': the last word of the header names a code."""
    words = re.findall(r"[a-z0-9]+|[^\x00-\x7f]+", _split_camel(UNITS_IN_BRACKETS.sub("", str(header))).lower())
    if not words:
        return False
    last = words[-1]
    return last in ("id", "no", "code") or last.endswith(("编号", "编码", "代码"))


def _code_share(data: pa.Table, column: str) -> float:
    """Share of a column's non-empty sample values that are codes rather than names: digits with at most a
    trailing letter or two ('85123', '85123A', '0042'), no space."""
    import pyarrow.compute as pc

    values = pc.drop_null(pc.utf8_trim_whitespace(data.column(column).slice(0, 500)))
    values = values.filter(pc.not_equal(values, ""))
    if len(values) == 0:
        return 0.0
    return pc.sum(pc.match_substring_regex(values, r"^\d+(\.0)?[A-Za-z]{0,2}$")).as_py() / len(values)


def _prefer_named_product(mapping: Mapping, data: pa.Table, candidates: list[str], used: set[str]) -> None:
    """When the column chosen as product holds codes and another product column holds names, the names win:
    a chart of numeric product codes says nothing to a manager (issue #11)."""
    chosen = mapping.columns["product"]
    if _code_share(data, chosen) < 0.8:
        return
    for col in candidates:
        if col != chosen and col not in used and _code_share(data, col) < 0.5:
            used.discard(chosen)
            mapping.columns["product"] = col
            used.add(col)
            return


def _pair_customer_name(mapping: Mapping, headers: list[str], used: set[str]) -> None:
    """When `customer` is an id column, a remaining customer-name column becomes customer_name."""
    chosen = normalize_header(mapping.columns["customer"])
    if not any(chosen.endswith(w) for w in _ID_WORDS):
        return
    names = (
        "客户名称",
        "客户名",
        "客户",
        "客户全称",
        "单位名称",
        "公司名称",
        "customername",
        "customer",
        "clientname",
        "accountname",
    )
    for col in headers:
        if col not in used and normalize_header(col) in names:
            mapping.columns["customer_name"], mapping.confidence["customer_name"] = col, 0.9
            used.add(col)
            return
