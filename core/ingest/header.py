"""Header synonyms -> canonical fields, with a confidence per field (PRODUCT.md § Canonical data)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from core import schema

if TYPE_CHECKING:
    import pyarrow as pa

# Normalised synonyms (see normalize_header): lowercase, no spaces/_/-/punctuation, units dropped.
# The first fields listed win a contested column, so ids come before names.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "orders": {
        "customer": (
            "客户编号",
            "客户编码",
            "客户代码",
            "客户id",
            "customerid",
            "customerno",
            "customercode",
            "clientid",
            "accountid",
            "客户",
            "客户名称",
            "客户名",
            "客户全称",
            "单位名称",
            "公司名称",
            "购买方",
            "购货单位",
            "购方名称",
            "customer",
            "customername",
            "client",
            "clientname",
            "account",
            "accountname",
            "company",
        ),
        "customer_name": (),  # filled in when an id column takes `customer` and a name column is left
        "order_date": (
            "日期",
            "订单日期",
            "下单日期",
            "开票日期",
            "销售日期",
            "单据日期",
            "业务日期",
            "发货日期",
            "交易日期",
            "orderdate",
            "invoicedate",
            "date",
            "transactiondate",
            "saledate",
            "salesdate",
            "dateofsale",
        ),
        "amount": (
            "金额",
            "销售额",
            "销售金额",
            "含税金额",
            "价税合计",
            "订单金额",
            "成交金额",
            "实收金额",
            "收入",
            "销售收入",
            "净销售额",
            "总金额",
            "合计金额",
            "sales",
            "revenue",
            "amount",
            "salesamount",
            "netsales",
            "totalsales",
            "dollarvalue",
            "value",
            "total",
            "linetotal",
            "orderamount",
            "netamount",
            "grosssales",
        ),
        "order_id": (
            "订单号",
            "订单编号",
            "单号",
            "单据编号",
            "发票号",
            "发票号码",
            "销售单号",
            "orderid",
            "orderno",
            "ordernumber",
            "invoice",
            "invoiceno",
            "invoiceid",
            "invoicenumber",
            "salesorder",
            "documentno",
        ),
        # names before codes: a chart reads 'WHITE HANGING HEART' where '85123' says nothing (issue #11)
        "product": (
            "产品名称",
            "商品名称",
            "物料名称",
            "货品名称",
            "品名",
            "存货名称",
            "产品",
            "商品",
            "物料",
            "productname",
            "itemname",
            "productdescription",
            "itemdescription",
            "description",
            "product",
            "item",
            "sku",
            "stockcode",
            "productcode",
            "itemcode",
            "productid",
            "产品编号",
            "产品编码",
            "物料编码",
            "存货编码",
            "商品编码",
        ),
        "category": (
            "品类",
            "产品类别",
            "产品分类",
            "商品类别",
            "类别",
            "分类",
            "category",
            "productcategory",
            "productline",
        ),
        "quantity": ("数量", "销量", "销售数量", "件数", "quantity", "qty", "units", "unitssold"),
        "unit_price": ("单价", "含税单价", "销售单价", "价格", "unitprice", "price", "priceeach"),
        "cost": ("成本", "销售成本", "成本金额", "cost", "cogs", "totalcost"),
        "profit": ("毛利", "毛利额", "利润", "毛利润", "profit", "grossprofit", "margin", "grossmargin"),
        "region": (
            "区域",
            "大区",
            "地区",
            "片区",
            "销售区域",
            "region",
            "area",
            "territory",
            "salesregion",
            # a country is the region of an export that sells abroad (Online Retail's Country)
            "国家",
            "国家地区",
            "国别",
            "country",
            "countryregion",
            "countryname",
        ),
        "province": ("省份", "省", "province", "state"),
        "city": ("城市", "市", "city"),
        "industry": ("行业", "所属行业", "industry", "sector", "vertical"),
        "customer_type": ("客户类型", "客户类别", "客户分类", "客户性质", "customertype", "segment", "customersegment"),
        "account_manager": (
            "客户经理",
            "销售",
            "销售员",
            "销售人员",
            "业务员",
            "负责人",
            "销售代表",
            "accountmanager",
            "salesrep",
            "salesperson",
            "owner",
            "salesagent",
            "rep",
            "manager",
        ),
        "team": ("部门", "销售部门", "团队", "销售团队", "小组", "team", "department", "salesteam", "dept"),
        "channel": ("渠道", "销售渠道", "channel", "saleschannel"),
        "phone": (
            "电话",
            "手机",
            "联系电话",
            "手机号",
            "电话号码",
            "phone",
            "telephone",
            "mobile",
            "phonenumber",
            "tel",
        ),
        "tax_id": (
            "税号",
            "纳税人识别号",
            "统一社会信用代码",
            "信用代码",
            "taxid",
            "taxnumber",
            "taxno",
            "vatnumber",
            "vatid",
        ),
        "satisfaction": (
            "满意度",
            "客户满意度",
            "满意度评分",
            "满意度得分",
            "满意程度",
            "回访满意度",
            "调研满意度",
            "满意度调查",
            "csat",
            "csatscore",
            "nps",
            "npsscore",
            "satisfaction",
            "satisfactionscore",
            "customersatisfaction",
            "surveyscore",
        ),
        "referrals": (
            "转介绍",
            "转介绍数",
            "转介绍客户数",
            "推荐客户数",
            "推荐数",
            "推荐",
            "referrals",
            "referralcount",
            "referred",
            "referredcustomers",
            "referral",
        ),
    },
    "pipeline": {
        "opportunity_id": ("商机编号", "商机id", "机会编号", "opportunityid", "opportunityno", "dealid", "opportunity"),
        "customer": (
            "客户",
            "客户名称",
            "客户编号",
            "公司名称",
            "account",
            "accountname",
            "customer",
            "company",
            "client",
        ),
        "stage": ("阶段", "销售阶段", "商机阶段", "stage", "dealstage", "salesstage", "opportunitystage", "status"),
        "amount": (
            "预计金额",
            "商机金额",
            "金额",
            "预计成交金额",
            "closevalue",
            "amount",
            "dealvalue",
            "value",
            "expectedrevenue",
        ),
        "created_date": ("创建日期", "创建时间", "立项日期", "createddate", "createdate", "engagedate", "createdon"),
        "close_date": (
            "预计成交日期",
            "成交日期",
            "结单日期",
            "关闭日期",
            "closedate",
            "expectedclosedate",
            "closedon",
        ),
        "owner": (
            "负责人",
            "销售",
            "客户经理",
            "商机负责人",
            "owner",
            "salesagent",
            "salesrep",
            "opportunityowner",
            "accountmanager",
        ),
        "region": ("区域", "大区", "地区", "region", "territory", "国家", "国家地区", "country"),
        "team": ("部门", "销售部门", "团队", "team", "department", "regionaloffice"),
        "lost_stage": ("输单阶段", "丢单阶段", "流失阶段", "loststage", "lostatstage", "stagelost"),
    },
}

_UNITS = re.compile(r"[(（\[【].*?[)）\]】]")
_NOISE = re.compile(r"[\s_\-*:：.#/\\'\"`]+")
_UNIT_WORDS = re.compile(r"(rmb|cny|usd|元|万元|千元|百万元|亿元|¥|￥|\$)$")


def normalize_header(text: str) -> str:
    """'Sales Amount (USD)' -> 'salesamount', '客户名称*' -> '客户名称', '金额(元)' -> '金额'."""
    t = _UNITS.sub("", str(text)).strip().lower()
    t = _NOISE.sub("", t)
    return _UNIT_WORDS.sub("", t) or _NOISE.sub("", str(text).lower())


def _split_camel(text: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(text))


# Units a header names (PRODUCT.md § Canonical data): a scale multiplies the column's values, a currency
# does not. 金额(万元) is ×10,000, 销售额（千元） ×1,000; 金额(元), Amount (RMB), Sales (USD) name a currency.
SCALES = {
    "万": 10_000,
    "千": 1_000,
    "百万": 1_000_000,
    "亿": 100_000_000,
    "k": 1_000,
    "thousand": 1_000,
    "thousands": 1_000,
    "'000": 1_000,
    "000": 1_000,
    "000s": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mm": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
}
# The fields whose values are money: a unit in their header scales them (quantity is a count, never scaled).
SCALED_FIELDS = frozenset({"amount", "unit_price", "cost", "profit"})
_BRACKETED = re.compile(r"[(（\[【]([^)）\]】]*)[)）\]】]")
_CURRENCY_WORDS = re.compile(r"人民币|美元|港元|港币|欧元|元|rmb|cny|usd|hkd|eur|¥|￥|\$|\bin\b|[\s,，/、]+")
_UNIT_SUFFIX = re.compile(r"(?:(百万|万|千|亿)元|[/_\-\s:：](百万|万|千|亿)元?)$")


class HeaderUnit(NamedTuple):
    factor: int  # 10000 for 万元
    word: str  # the unit as the header writes it: 万元, 千元, USD thousands


def header_unit(header: str) -> HeaderUnit | None:
    """The scale a header's unit names, or None: '金额(万元)' -> (10000, '万元'), '销售额/千元' -> (1000, '千元'),
    'Sales (USD thousands)' -> (1000, 'USD thousands'); '金额(元)', 'Amount (USD)' -> None (a currency)."""
    text = str(header)
    for inner in _BRACKETED.findall(text):
        factor = SCALES.get(_CURRENCY_WORDS.sub("", inner.strip().lower()))
        if factor:
            return HeaderUnit(factor, inner.strip())
    suffix = _UNIT_SUFFIX.search(_BRACKETED.sub("", text).strip())
    if suffix:
        word = suffix.group(1) or suffix.group(2)
        return HeaderUnit(SCALES[word], word + "元")
    return None


ALL_SYNONYMS = frozenset(s for table in SYNONYMS.values() for syns in table.values() for s in syns)


def is_known_header(text: str) -> bool:
    return normalize_header(text) in ALL_SYNONYMS


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
    words = re.findall(r"[a-z0-9]+|[^\x00-\x7f]+", _split_camel(_UNITS.sub("", str(header))).lower())
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
