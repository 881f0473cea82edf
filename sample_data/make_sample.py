#!/usr/bin/env python3
"""Generate the bundled sample data: orders.xlsx (ERP order-line export) and pipeline.xlsx (CRM opportunities).

Deterministic (random.Random(42), fixed workbook timestamps, fixed zip entry times): running it twice
gives byte-identical files.

    .venv/bin/python sample_data/make_sample.py            # write both files next to this script
    .venv/bin/python sample_data/make_sample.py --check    # ... and read them back (python_calamine) and print checks
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import random
import zipfile
from collections import defaultdict
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

SEED = 42
START = dt.date(2023, 12, 1)
END = dt.date(2025, 11, 28)  # the latest order date = the default as_of
FIXED_TIMESTAMP = dt.datetime(2025, 11, 30, 9, 0, 0)
OUT_DIR = Path(__file__).resolve().parent

N_CUSTOMERS = 1200
N_PROSPECTS = 130
N_OPPORTUNITIES = 900
RETURN_LINE_SHARE = 0.02

ORDERS_TITLE = "2023年12月—2025年11月 销售订单明细（ERP导出）"
ORDERS_SHEET = "销售明细"
ORDERS_HEADER = [
    "订单编号",
    "订单日期",
    "客户名称",
    "客户类型",
    "行业",
    "大区",
    "省份",
    "城市",
    "客户经理",
    "销售部门",
    "产品名称",
    "产品类别",
    "数量",
    "单价",
    "金额(元)",
    "成本(元)",
]
PIPELINE_SHEET = "商机"
PIPELINE_HEADER = [
    "商机编号",
    "客户名称",
    "商机名称",
    "销售阶段",
    "预计金额",
    "创建日期",
    "预计成交日期",
    "负责人",
    "大区",
    "销售部门",
    "输单阶段",
]

# region -> [(province, weight, [(city, weight), ...]), ...]
GEOGRAPHY = {
    "华东": [
        ("上海市", 5, [("上海", 1)]),
        ("江苏省", 6, [("苏州", 4), ("南京", 3), ("无锡", 3), ("常州", 2), ("南通", 1)]),
        ("浙江省", 5, [("杭州", 4), ("宁波", 3), ("温州", 2), ("嘉兴", 1), ("绍兴", 1)]),
        ("山东省", 3, [("青岛", 3), ("济南", 3), ("烟台", 1), ("潍坊", 1)]),
        ("安徽省", 2, [("合肥", 3), ("芜湖", 1)]),
        ("福建省", 2, [("厦门", 2), ("福州", 2), ("泉州", 1)]),
    ],
    "华南": [
        ("广东省", 8, [("深圳", 4), ("广州", 4), ("东莞", 3), ("佛山", 3), ("珠海", 1), ("中山", 1), ("惠州", 1)]),
        ("广西壮族自治区", 1, [("南宁", 2), ("柳州", 1)]),
        ("海南省", 0.5, [("海口", 1)]),
    ],
    "华北": [
        ("北京市", 4, [("北京", 1)]),
        ("天津市", 2, [("天津", 1)]),
        ("河北省", 2, [("石家庄", 2), ("唐山", 1), ("保定", 1)]),
        ("山西省", 1, [("太原", 1)]),
        ("内蒙古自治区", 0.5, [("呼和浩特", 1), ("包头", 1)]),
    ],
    "华中": [
        ("湖北省", 3, [("武汉", 4), ("宜昌", 1), ("襄阳", 1)]),
        ("湖南省", 2, [("长沙", 3), ("株洲", 1)]),
        ("河南省", 2, [("郑州", 3), ("洛阳", 1)]),
        ("江西省", 1, [("南昌", 1)]),
    ],
    "西南": [
        ("四川省", 3, [("成都", 4), ("绵阳", 1)]),
        ("重庆市", 2, [("重庆", 1)]),
        ("云南省", 1, [("昆明", 1)]),
        ("贵州省", 1, [("贵阳", 1)]),
    ],
}
REGION_WEIGHTS = {"华东": 35, "华南": 25, "华北": 15, "华中": 14, "西南": 11}

# team -> (regions it covers, managers; the first one is the senior manager who gets most strategic accounts)
TEAMS = {
    "销售一部": (["华东"], ["张伟", "王芳", "李强", "刘洋"]),
    "销售二部": (["华南"], ["陈静", "杨帆", "赵磊"]),
    "销售三部": (["华北"], ["黄敏", "周杰", "吴婷"]),
    "销售四部": (["华中", "西南"], ["徐鹏", "孙丽", "马超", "朱琳"]),
}
REGION_TEAM = {region: team for team, (regions, _) in TEAMS.items() for region in regions}
MANAGER_TEAM = {m: team for team, (_, managers) in TEAMS.items() for m in managers}

INDUSTRY_WEIGHTS = {"制造业": 24, "电子": 15, "汽车配件": 12, "零售": 12, "医药": 10, "物流": 10, "食品": 9, "建筑": 8}
INDUSTRY_WORDS = {
    "制造业": ["精密机械", "机械制造", "重工", "装备制造", "五金制品", "塑胶制品", "包装材料", "模具"],
    "电子": ["电子科技", "微电子", "光电科技", "智能科技", "电气", "半导体"],
    "汽车配件": ["汽车零部件", "汽车配件", "汽车电子", "车桥", "汽车部件", "橡塑制品"],
    "零售": ["百货", "连锁超市", "商业连锁", "便利店连锁", "家居卖场", "电器连锁"],
    "医药": ["医药", "生物医药", "制药", "医疗器械", "药业", "医药连锁"],
    "物流": ["物流", "供应链管理", "国际货运代理", "仓储物流", "运输", "快运"],
    "食品": ["食品", "乳业", "调味品", "饮料", "粮油", "冷冻食品"],
    "建筑": ["建设工程", "建筑安装工程", "装饰工程", "市政工程", "建材", "幕墙工程"],
}
DEALER_WORDS = ["商贸", "贸易", "科技发展", "信息技术", "实业", "供应链"]
BRAND_FIRST = "恒华金宏鑫瑞博盛永天新嘉中东海长信德汇联凯泰佳同安振明兴科创远润"
BRAND_SECOND = "瑞泰达源丰鼎诚利通盛远宇辉昌润和力华隆信康越正顺峰安晟航"

CUSTOMER_TYPES = ["战略客户", "重点客户", "普通客户", "经销商"]

# name, category, list price (yuan), cost ratio range, quantity step for large lots
PRODUCTS = [
    ("工业平板电脑 T10", "硬件设备", 6850.00, (0.72, 0.80), 1),
    ("条码扫描枪 S200", "硬件设备", 1280.00, (0.70, 0.78), 1),
    ("标签打印机 P300", "硬件设备", 3460.00, (0.70, 0.78), 1),
    ("手持数据终端 PDA-X5", "硬件设备", 4980.00, (0.72, 0.80), 1),
    ("WMS仓储管理系统授权", "软件授权", 58000.00, (0.60, 0.66), 1),
    ("ERP用户许可(年)", "软件授权", 2400.00, (0.60, 0.66), 5),
    ("热敏标签纸(箱)", "耗材配件", 186.50, (0.66, 0.76), 10),
    ("碳带(盒)", "耗材配件", 92.80, (0.66, 0.76), 10),
    ("设备电池组", "耗材配件", 268.00, (0.68, 0.78), 5),
    ("年度运维服务", "技术服务", 36000.00, (0.60, 0.70), 1),
    ("现场实施服务(人天)", "技术服务", 2800.00, (0.60, 0.70), 1),
]
HARDWARE_PRICE_RISE_2025 = 1.03  # list prices of hardware rose 3% on 2025-01-01

# Chinese public holidays (orders falling inside move to the next working day)
HOLIDAYS = [
    (dt.date(2023, 12, 30), dt.date(2024, 1, 1)),
    (dt.date(2024, 2, 10), dt.date(2024, 2, 17)),
    (dt.date(2024, 4, 4), dt.date(2024, 4, 6)),
    (dt.date(2024, 5, 1), dt.date(2024, 5, 5)),
    (dt.date(2024, 10, 1), dt.date(2024, 10, 7)),
    (dt.date(2025, 1, 1), dt.date(2025, 1, 1)),
    (dt.date(2025, 1, 28), dt.date(2025, 2, 4)),
    (dt.date(2025, 5, 1), dt.date(2025, 5, 5)),
    (dt.date(2025, 10, 1), dt.date(2025, 10, 8)),
]
# month -> seasonal factor on order value (Spring Festival dip, mid-year and year-end pushes)
SEASON = {1: 0.95, 2: 0.70, 3: 1.05, 4: 1.00, 5: 0.98, 6: 1.12, 7: 0.95, 8: 0.93, 9: 1.05, 10: 0.92, 11: 1.08, 12: 1.25}


# ---------------------------------------------------------------------------------------------------------------
# helpers


def weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def in_holiday(d: dt.date) -> dt.date | None:
    for a, b in HOLIDAYS:
        if a <= d <= b:
            return b
    return None


def to_working_day(rng: random.Random, d: dt.date) -> dt.date:
    """Move a date off holidays and (mostly) off weekends, as B2B orders are entered on working days."""
    for _ in range(3):
        end = in_holiday(d)
        if end is not None:
            d = end + dt.timedelta(days=1 + rng.randint(0, 2))
            continue
        wd = d.weekday()
        if wd == 5 and rng.random() < 0.88:  # Saturday -> Friday or Monday
            d += dt.timedelta(days=-1 if rng.random() < 0.5 else 2)
        elif wd == 6 and rng.random() < 0.95:  # Sunday -> Monday
            d += dt.timedelta(days=1)
        else:
            break
    return d


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=round(n))


# ---------------------------------------------------------------------------------------------------------------
# customers


def make_name(rng: random.Random, city: str, industry: str, dealer: bool, big: bool, used: set[str]) -> tuple[str, str]:
    """A unique company name like 苏州恒瑞精密机械有限公司; returns (full name, short name)."""
    while True:
        a = rng.choice(BRAND_FIRST)
        b = rng.choice(BRAND_SECOND)
        if a == b:
            continue
        brand = a + b
        word = rng.choice(DEALER_WORDS if dealer else INDUSTRY_WORDS[industry])
        r = rng.random()
        if big and r < 0.45:
            suffix = "集团有限公司" if r < 0.2 else "股份有限公司"
        elif r < 0.16:
            suffix = "股份有限公司"
        else:
            suffix = "有限公司"
        name = f"{city}{brand}{word}{suffix}"
        if name not in used:
            used.add(name)
            return name, city + brand


def pick_place(rng: random.Random, region: str) -> tuple[str, str]:
    provinces = GEOGRAPHY[region]
    prov, _, cities = weighted(rng, provinces, [p[1] for p in provinces])
    city = weighted(rng, [c for c, _ in cities], [w for _, w in cities])
    return prov, city


def make_customers(rng: random.Random) -> list[dict]:
    regions = list(REGION_WEIGHTS)
    industries = list(INDUSTRY_WEIGHTS)
    # annual revenue potential: lognormal -> Pareto-like concentration
    values = sorted((math.exp(rng.gauss(math.log(38000), 1.62)) for _ in range(N_CUSTOMERS)), reverse=True)
    values = [min(max(v, 2500.0), 25_000_000.0) for v in values]
    customers = []
    used: set[str] = set()
    for rank, value in enumerate(values):
        pct = rank / N_CUSTOMERS  # 0 = the biggest
        region = weighted(rng, regions, [REGION_WEIGHTS[r] for r in regions])
        prov, city = pick_place(rng, region)
        iw = [
            INDUSTRY_WEIGHTS[i]
            * (2.0 if region == "华南" and i == "电子" else 1.0)
            * (1.6 if region == "华东" and i == "制造业" else 1.0)
            for i in industries
        ]
        industry = weighted(rng, industries, iw)
        noisy = pct * math.exp(rng.gauss(0, 0.35))
        if pct > 0.02 and rng.random() < 0.17:
            ctype = "经销商"
        elif noisy < 0.045:
            ctype = "战略客户"
        elif noisy < 0.20:
            ctype = "重点客户"
        else:
            ctype = "普通客户"
        name, short = make_name(rng, city, industry, ctype == "经销商", pct < 0.06, used)
        team = REGION_TEAM[region]
        managers = TEAMS[team][1]
        if ctype == "战略客户" and rng.random() < 0.6:
            manager = managers[0]
        else:
            manager = rng.choice(managers)
        customers.append(
            {
                "name": name,
                "short": short,
                "region": region,
                "province": prov,
                "city": city + "市",
                "industry": industry,
                "type": ctype,
                "manager": manager,
                "team": team,
                "value": value,
                "pct": pct,
            }
        )
    # a few small accounts have no manager assigned (公海客户) - exported with blank 客户经理/销售部门
    for c in rng.sample([c for c in customers if c["pct"] > 0.5], 10):
        c["manager"] = None
        c["team"] = None
    assign_patterns(rng, customers)
    assign_products(rng, customers)
    return customers


def assign_patterns(rng: random.Random, customers: list[dict]) -> None:
    """Behaviour: churn / decline / new / grow / late_start / stable, plus a purchase cycle."""
    idx = list(range(len(customers)))
    rng.shuffle(idx)
    n = len(customers)
    cuts = [("churn", 0.08), ("decline", 0.10), ("new", 0.10), ("grow", 0.13), ("late_start", 0.08)]
    pos = 0
    for pattern, share in cuts:
        k = round(n * share)
        for i in idx[pos : pos + k]:
            customers[i]["pattern"] = pattern
        pos += k
    for i in idx[pos:]:
        customers[i]["pattern"] = "stable"
    # strategic accounts rarely churn: swap a churned strategic account with a stable small one
    stable_small = [c for c in customers if c["pattern"] == "stable" and c["pct"] > 0.4]
    for c in customers:
        if c["type"] == "战略客户" and c["pattern"] == "churn" and rng.random() < 0.7 and stable_small:
            other = stable_small.pop(rng.randrange(len(stable_small)))
            c["pattern"], other["pattern"] = other["pattern"], "churn"

    for c in customers:
        # bigger accounts buy more often: 20 days for the biggest, ~90 for the smallest
        base = 22 + 82 * (c["pct"] ** 0.75)
        c["cycle"] = max(16.0, min(110.0, base * math.exp(rng.gauss(0, 0.15))))
        c["jitter"] = rng.uniform(0.06, 0.18)  # regularity of the cycle
        c["trend"] = rng.uniform(-0.08, 0.12)  # yearly drift of order value
        p = c["pattern"]
        c["start"] = START - days(rng.uniform(0, c["cycle"]))  # existing customer, first order in cycle
        c["stop"] = None
        if p == "churn":
            c["stop"] = START + days(rng.uniform(92, 610))  # 2024-03 .. 2025-08
        elif p == "new":
            c["start"] = END - days(rng.uniform(4, 178))  # first order within the last 6 months
        elif p == "late_start":
            c["start"] = START + days(rng.uniform(40, 520))  # first order during 2024 / early 2025
        elif p == "grow":
            c["trend"] = rng.uniform(0.45, 1.0)
        elif p == "decline":
            c["decline_factor"] = rng.uniform(0.08, 0.40)


def assign_products(rng: random.Random, customers: list[dict]) -> None:
    """Each customer buys from a personal subset of the catalogue, with preferences."""
    cat_weight = {"硬件设备": 1.0, "软件授权": 0.35, "耗材配件": 1.6, "技术服务": 0.45}
    for c in customers:
        big = c["pct"] < 0.25
        prefs = {}
        for i, (_, cat, _, _, _) in enumerate(PRODUCTS):
            w = cat_weight[cat]
            if cat in ("软件授权", "技术服务"):
                w *= 1.8 if big else 0.5
            if c["type"] == "经销商":
                w *= {"硬件设备": 1.5, "耗材配件": 1.5, "软件授权": 0.3, "技术服务": 0.2}[cat]
            if rng.random() < 0.62:
                prefs[i] = w * rng.uniform(0.3, 1.7)
        if not any(PRODUCTS[i][1] == "耗材配件" for i in prefs):
            prefs[rng.choice([6, 7, 8])] = 1.2
        c["prefs"] = prefs
        disc = {"战略客户": (0.84, 0.90), "重点客户": (0.88, 0.95), "经销商": (0.76, 0.84), "普通客户": (0.95, 1.0)}
        c["discount"] = rng.uniform(*disc[c["type"]])


# ---------------------------------------------------------------------------------------------------------------
# orders


def unit_price_cents(product: int, when: dt.date, discount: float) -> int:
    _, cat, price, _, _ = PRODUCTS[product]
    if cat == "硬件设备" and when >= dt.date(2025, 1, 1):
        price *= HARDWARE_PRICE_RISE_2025
    if cat == "技术服务":
        discount = max(discount, 0.92)
    return round(price * discount * 100)  # contract price in cents (fen)


def make_lines(rng: random.Random, c: dict, when: dt.date, target: float) -> list[dict]:
    if target < 3000:  # small orders are mostly a box or two of consumables
        line_weights = [62, 28, 8, 2, 0, 0]
    elif target < 20000:
        line_weights = [46, 32, 14, 6, 2, 0]
    else:
        line_weights = [20, 28, 22, 15, 9, 6]
    n_lines = weighted(rng, [1, 2, 3, 4, 5, 6], line_weights)
    shares = [rng.uniform(0.4, 1.6) for _ in range(n_lines)]
    total_share = sum(shares)
    lines, used_products = [], set()
    for s in shares:
        line_target = target * s / total_share
        cand = [i for i in c["prefs"] if i not in used_products]
        if not cand:
            break
        feasible = [i for i in cand if PRODUCTS[i][2] <= line_target * 1.3]
        if feasible:
            weights = []
            for i in feasible:
                q = line_target / PRODUCTS[i][2]
                weights.append(c["prefs"][i] * (0.08 if q > 1500 else 1.0))
            product = weighted(rng, feasible, weights)
        else:
            product = min(cand, key=lambda i: PRODUCTS[i][2])
        used_products.add(product)
        price = unit_price_cents(product, when, c["discount"])
        qty = max(1, round(line_target * 100 * rng.uniform(0.85, 1.15) / price))
        step = PRODUCTS[product][4]
        if qty > 4 * step and step > 1:
            qty = max(step, round(qty / step) * step)
        if PRODUCTS[product][0] == "年度运维服务":
            qty = min(qty, 3)
        amount = qty * price
        lo, hi = PRODUCTS[product][3]
        cost = round(amount * rng.uniform(lo, hi))
        lines.append({"product": product, "qty": qty, "price": price, "amount": amount, "cost": cost})
    return lines


def make_orders(rng: random.Random, customers: list[dict]) -> list[dict]:
    orders = []
    decline_from = END - dt.timedelta(days=89)  # days_before < 90
    for ci, c in enumerate(customers):
        d = c["start"]
        first = True
        n_before = len(orders)
        while True:
            if not first:
                gap = c["cycle"] * math.exp(rng.gauss(0, c["jitter"]))
                if c["pattern"] == "decline" and d >= decline_from - dt.timedelta(days=30):
                    gap *= 1.6
                d = d + days(max(4, gap))
            first = False
            if d > END:
                break
            if d < START:
                continue
            if c["stop"] is not None and d > c["stop"]:
                break
            if rng.random() < 0.03:  # the odd skipped cycle
                continue
            when = to_working_day(rng, d)
            if when > END or when < START:
                continue
            years = (when - START).days / 365.0
            value = c["value"] * c["cycle"] / 365.0
            value *= math.exp(rng.gauss(0, 0.25)) * SEASON[when.month] * math.exp(c["trend"] * years)
            if c["pattern"] == "decline" and when >= decline_from:
                value *= c["decline_factor"]
            if c["pattern"] == "new":
                value *= 0.6  # trial orders first
            orders.append({"customer": ci, "date": when, "lines": make_lines(rng, c, when, value)})
        if len(orders) == n_before:  # every customer in the file has bought at least once
            last = min(c["stop"] or END, END)
            when = min(to_working_day(rng, max(c["start"], START) + days(rng.uniform(0, 10))), last)
            orders.append(
                {"customer": ci, "date": when, "lines": make_lines(rng, c, when, c["value"] * c["cycle"] / 365.0)}
            )
    # guarantee the exact date span: 2023-12-01 .. 2025-11-28
    if not any(o["date"] == END for o in orders):
        max(orders, key=lambda o: o["date"])["date"] = END
    if not any(o["date"] == START for o in orders):
        min(orders, key=lambda o: o["date"])["date"] = START
    # order numbers: SOyyyymmdd-nnnn, numbered within each day
    by_day = defaultdict(list)
    for o in orders:
        by_day[o["date"]].append(o)
    for day in sorted(by_day):
        day_orders = by_day[day]
        rng.shuffle(day_orders)
        seq = rng.randint(1, 3)
        for o in day_orders:
            o["id"] = f"SO{day:%Y%m%d}-{seq:04d}"
            seq += rng.randint(1, 2)  # gaps: cancelled / internal orders are not exported
    orders.sort(key=lambda o: (o["date"], o["id"]))
    return orders


def make_returns(rng: random.Random, orders: list[dict]) -> list[dict]:
    """~2% of lines are returns (negative quantity and amount), dated 3-40 days after the order they reference,
    with the original order number. About a third are whole orders returned (they net to exactly 0)."""
    n_pos = sum(len(o["lines"]) for o in orders)
    target = round(n_pos * RETURN_LINE_SHARE / (1 - RETURN_LINE_SHARE))
    candidates = [o for o in orders if o["date"] <= END - dt.timedelta(days=5)]
    rng.shuffle(candidates)
    returns = []
    for o in candidates:
        if len(returns) >= target:
            break
        when = to_working_day(rng, o["date"] + days(rng.uniform(3, 40)))
        if when > END:
            continue
        if len(o["lines"]) <= 3 and rng.random() < 0.33:
            picked = [(ln, ln["qty"]) for ln in o["lines"]]  # the whole order comes back
        else:
            ln = rng.choice(o["lines"])
            q = ln["qty"] if ln["qty"] <= 2 or rng.random() < 0.3 else rng.randint(1, max(1, ln["qty"] // 2))
            picked = [(ln, q)]
        for ln, q in picked:
            if len(returns) >= target:
                break
            cost = ln["cost"] if q == ln["qty"] else round(ln["cost"] * q / ln["qty"])
            returns.append(
                {
                    "id": o["id"],
                    "customer": o["customer"],
                    "date": when,
                    "product": ln["product"],
                    "qty": -q,
                    "price": ln["price"],
                    "amount": -q * ln["price"],
                    "cost": -cost,
                }
            )
    return returns


# ---------------------------------------------------------------------------------------------------------------
# pipeline

STAGES = ["线索", "需求确认", "方案报价", "商务谈判", "赢单"]
# current stage -> (advance, lose, stall); the rest of the time the opportunity just stays where it is
STAGE_OUTCOME = {
    "线索": (0.62, 0.08, 0.30),
    "需求确认": (0.72, 0.16, 0.12),
    "方案报价": (0.74, 0.18, 0.08),
    "商务谈判": (0.78, 0.18, 0.04),
}
STAGE_DAYS = {"线索": (5, 30), "需求确认": (7, 35), "方案报价": (10, 40), "商务谈判": (10, 45)}
# name template, size factor (x the account's yearly value), minimum amount
OPP_TEMPLATES = [
    ("{s}WMS仓储管理系统实施项目", 2.0, 60000),
    ("{s}扫码设备更新采购", 0.7, 8000),
    ("{s}{y}年度耗材框架协议", 0.8, 10000),
    ("{s}运维服务续约", 0.6, 30000),
    ("{s}新厂区数据采集终端项目", 1.2, 20000),
    ("{s}ERP用户扩容", 0.5, 10000),
    ("{s}标签打印系统改造", 0.6, 8000),
    ("{s}移动盘点解决方案", 0.9, 15000),
    ("{s}仓库数字化升级二期", 1.5, 50000),
    ("{s}门店手持终端替换", 0.8, 10000),
]


def make_pipeline(rng: random.Random, customers: list[dict]) -> list[dict]:
    as_of = END
    names = {c["name"] for c in customers}
    prospects = []
    for _ in range(N_PROSPECTS):
        region = weighted(rng, list(REGION_WEIGHTS), list(REGION_WEIGHTS.values()))
        _prov, city = pick_place(rng, region)
        industry = weighted(rng, list(INDUSTRY_WEIGHTS), list(INDUSTRY_WEIGHTS.values()))
        name, short = make_name(rng, city, industry, False, rng.random() < 0.1, names)
        prospects.append(
            {
                "name": name,
                "short": short,
                "region": region,
                "manager": None,
                "value": math.exp(rng.gauss(math.log(70000), 1.0)),
                "pattern": "prospect",
            }
        )

    # existing accounts (not the lost ones) get opportunities in proportion to their size
    active = [
        c for c in customers if c["pattern"] != "churn" or (c["stop"] and c["stop"] > END - dt.timedelta(days=200))
    ]
    weights = [0.4 + 3 * (1 - c["pct"]) ** 6 for c in active]
    n_prospect_opps = 150
    accounts = rng.choices(active, weights=weights, k=N_OPPORTUNITIES - n_prospect_opps)
    accounts += [rng.choice(prospects) for _ in range(n_prospect_opps)]

    opps = []
    for acc in accounts:
        created = to_working_day(rng, as_of - days(rng.uniform(0, 364) ** 1.0))
        if created > as_of:
            created = as_of
        template, size, minimum = weighted(rng, OPP_TEMPLATES, [1, 1.2, 1, 0.8, 0.8, 0.7, 0.8, 0.8, 0.5, 0.6])
        title = template.format(s=acc["short"], y=created.year + (1 if created.month >= 10 else 0))
        amount = acc["value"] * rng.uniform(0.12, 0.7) * size
        amount = min(max(minimum * rng.uniform(1.0, 1.3), amount), 3_000_000 * rng.uniform(0.8, 1.0))
        step = 10000 if amount >= 200000 else 1000
        amount = round(amount / step) * step
        # walk the stages until as_of
        stage_i, t, lost_at, closed = 0, created, None, None
        while True:
            stage = STAGES[stage_i]
            if stage == "赢单":
                closed = t
                break
            t = t + days(rng.uniform(*STAGE_DAYS[stage]))
            if t > as_of:
                break
            adv, lose, _stall = STAGE_OUTCOME[stage]
            r = rng.random()
            if r < adv:
                stage_i += 1
            elif r < adv + lose:
                lost_at, closed = stage, t
                break
            else:
                break  # stalled: stays open at this stage
        if lost_at:
            stage = "输单"
        if closed:
            close_date = to_working_day(rng, closed)
            close_date = min(close_date, as_of)
        else:
            close_date = to_working_day(rng, created + days(rng.uniform(45, 150)))
        region = acc["region"]
        owner = acc.get("manager") or rng.choice(TEAMS[REGION_TEAM[region]][1])
        opps.append(
            {
                "customer": acc["name"],
                "title": title,
                "stage": stage,
                "amount": amount,
                "created": created,
                "close": close_date,
                "owner": owner,
                "region": region,
                "team": MANAGER_TEAM[owner],
                "lost_at": lost_at,
            }
        )
    opps.sort(key=lambda o: (o["created"], o["customer"]))
    seq_by_month = defaultdict(int)
    for o in opps:
        key = o["created"].strftime("%Y%m")
        seq_by_month[key] += 1
        o["id"] = f"OPP{key}-{seq_by_month[key]:04d}"
    return opps


# ---------------------------------------------------------------------------------------------------------------
# writing

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MONEY = "#,##0.00"
DATE = "yyyy-mm-dd"


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save with fixed document properties and fixed zip entry times, so reruns are byte-identical."""
    wb.properties.creator = "ERP"
    wb.properties.lastModifiedBy = "ERP"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # (openpyxl's save_workbook would stamp `modified` with now)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, zin.read(info.filename))
    path.write_bytes(out.getvalue())


def write_orders(path: Path, customers: list[dict], rows: list[dict]) -> tuple[int, int]:
    wb = Workbook()
    ws = wb.active
    ws.title = ORDERS_SHEET
    ncol = len(ORDERS_HEADER)
    ws.cell(row=1, column=1, value=ORDERS_TITLE).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.row_dimensions[1].height = 26
    for j, h in enumerate(ORDERS_HEADER, start=1):
        cell = ws.cell(row=3, column=j, value=h)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center")
    r = 4
    total_amount = total_cost = 0
    for row in rows:
        c = customers[row["customer"]]
        name, cat = PRODUCTS[row["product"]][0], PRODUCTS[row["product"]][1]
        values = [
            row["id"],
            row["date"],
            c["name"],
            c["type"],
            c["industry"],
            c["region"],
            c["province"],
            c["city"],
            c["manager"],
            c["team"],
            name,
            cat,
            row["qty"],
            row["price"] / 100,
            row["amount"] / 100,
            row["cost"] / 100,
        ]
        ws.append(values)
        ws.cell(row=r, column=2).number_format = DATE
        for j in (14, 15, 16):
            ws.cell(row=r, column=j).number_format = MONEY
        total_amount += row["amount"]
        total_cost += row["cost"]
        r += 1
    # WPS-style totals row: values, not formulas
    ws.cell(row=r, column=1, value="合计").font = HEADER_FONT
    for j, v in ((15, total_amount), (16, total_cost)):
        cell = ws.cell(row=r, column=j, value=v / 100)
        cell.number_format, cell.font = MONEY, HEADER_FONT
    widths = [17, 12, 34, 10, 10, 7, 15, 10, 9, 10, 22, 10, 8, 12, 15, 15]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A4"
    save_deterministic(wb, path)
    return r, total_amount


def write_pipeline(path: Path, opps: list[dict]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = PIPELINE_SHEET
    for j, h in enumerate(PIPELINE_HEADER, start=1):
        cell = ws.cell(row=1, column=j, value=h)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(horizontal="center")
    for i, o in enumerate(opps, start=2):
        ws.append(
            [
                o["id"],
                o["customer"],
                o["title"],
                o["stage"],
                float(o["amount"]),
                o["created"],
                o["close"],
                o["owner"],
                o["region"],
                o["team"],
                o["lost_at"],
            ]
        )
        ws.cell(row=i, column=5).number_format = MONEY
        ws.cell(row=i, column=6).number_format = DATE
        ws.cell(row=i, column=7).number_format = DATE
    widths = [16, 34, 40, 10, 14, 12, 13, 8, 7, 10, 10]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(PIPELINE_HEADER))}{len(opps) + 1}"
    save_deterministic(wb, path)


# ---------------------------------------------------------------------------------------------------------------
# checks (read the files back the way the app would)


def check(orders_path: Path, pipeline_path: Path) -> None:
    from decimal import Decimal

    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(orders_path)).get_sheet_by_name(ORDERS_SHEET).to_python()
    header_row = next(i for i, r in enumerate(rows) if r and r[0] == "订单编号")
    header = rows[header_row]
    data = [r for r in rows[header_row + 1 :] if r and r[0] != "合计"]
    totals = [(i + 1, r) for i, r in enumerate(rows) if r and r[0] == "合计"]
    col = {h: i for i, h in enumerate(header)}
    cents = lambda v: int((Decimal(str(v)) * 100).to_integral_value())  # noqa: E731
    dates = [r[col["订单日期"]] for r in data]
    by_cust: dict[str, int] = defaultdict(int)
    by_order: dict[str, int] = defaultdict(int)
    bad_product = 0
    for r in data:
        a = cents(r[col["金额(元)"]])
        by_cust[r[col["客户名称"]]] += a
        by_order[r[col["订单编号"]]] += a
        if a != round(r[col["数量"]] * cents(r[col["单价"]])):
            bad_product += 1
    net = sum(by_cust.values())
    ranked = sorted(by_cust.values(), reverse=True)
    top20 = sum(ranked[: round(len(ranked) * 0.2)])
    cum, n80 = 0, 0
    for v in ranked:
        if cum >= 0.8 * sum(v for v in ranked if v > 0):
            break
        cum += v
        n80 += 1
    returns = [r for r in data if cents(r[col["金额(元)"]]) < 0]
    returned_orders = {r[col["订单编号"]] for r in returns}
    print(
        f"orders.xlsx: sheet {ORDERS_SHEET!r}, title row 1, header row {header_row + 1}, "
        f"{len(data)} data rows (rows {header_row + 2}..{header_row + 1 + len(data)})"
    )
    print(f"  date range {min(dates)} .. {max(dates)}; type of 订单日期 cells: {type(dates[0]).__name__}")
    print(f"  customers {len(by_cust)}, orders {len(by_order)}, lines per order {len(data) / len(by_order):.2f}")
    print(
        f"  net revenue {Decimal(net) / 100:,.2f}; totals row at row {totals[0][0]} = "
        f"{totals[0][1][col['金额(元)']]:,.2f} (matches: {cents(totals[0][1][col['金额(元)']]) == net})"
    )
    print(
        f"  top 20% customers hold {top20 / net:.1%} of net revenue; "
        f"{n80} customers ({n80 / len(by_cust):.1%}) make 80%"
    )
    print(
        f"  returns: {len(returns)} lines ({len(returns) / len(data):.2%}) on {len(returned_orders)} orders, "
        f"{sum(1 for o in returned_orders if by_order[o] == 0)} orders net to exactly 0"
    )
    print(f"  qty x unit price != amount on {bad_product} lines")
    for field in ("客户类型", "大区", "行业", "客户经理", "产品类别"):
        counts: dict = defaultdict(int)
        for r in data:
            counts[r[col[field]] or "(空)"] += 1
        print(f"  {field}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
    # behaviour as the churn rules would see it
    as_of = max(dates)
    last_buy: dict[str, dt.date] = {}
    first_buy: dict[str, dt.date] = {}
    recent: dict[str, int] = defaultdict(int)
    base: dict[str, int] = defaultdict(int)
    for r in data:
        a, d, cu = cents(r[col["金额(元)"]]), r[col["订单日期"]], r[col["客户名称"]]
        if a > 0:
            last_buy[cu] = max(last_buy.get(cu, d), d)
            first_buy[cu] = min(first_buy.get(cu, d), d)
        db = (as_of - d).days
        if db < 90:
            recent[cu] += a
        elif db < 360:
            base[cu] += a
    lost = sum(1 for cu, d in last_buy.items() if (as_of - d).days > 365)
    silent = sum(1 for cu, d in last_buy.items() if (as_of - d).days > 180)
    new6 = sum(1 for cu, d in first_buy.items() if (as_of - d).days < 183)
    declined = sum(1 for cu in base if base[cu] > 0 and 1 - recent[cu] / (base[cu] / 3) >= 0.5)
    print(
        f"  last purchase >365 days ago: {lost}; >180 days ago: {silent}; first purchase in last 6 months: {new6}; "
        f"last-90-day revenue down >=50% vs prior average: {declined}"
    )

    prow = CalamineWorkbook.from_path(str(pipeline_path)).get_sheet_by_name(PIPELINE_SHEET).to_python()
    ph = {h: i for i, h in enumerate(prow[0])}
    opps = prow[1:]
    stages: dict[str, int] = defaultdict(int)
    lost_at: dict[str, int] = defaultdict(int)
    for o in opps:
        stages[o[ph["销售阶段"]]] += 1
        if o[ph["输单阶段"]]:
            lost_at[o[ph["输单阶段"]]] += 1
    won, lostn = stages["赢单"], stages["输单"]
    known = set(by_cust)
    created = [o[ph["创建日期"]] for o in opps]
    print(
        f"pipeline.xlsx: sheet {PIPELINE_SHEET!r}, header row 1, {len(opps)} rows; created {min(created)} .. {max(created)}"
    )
    print("  stages: " + ", ".join(f"{s} {stages[s]}" for s in STAGES + ["输单"]))
    print("  lost at: " + ", ".join(f"{s} {lost_at[s]}" for s in STAGES[:-1]))
    print(
        f"  win rate won/(won+lost) = {won}/{won + lostn} = {won / (won + lostn):.1%}; "
        f"customers in orders file: {sum(1 for o in opps if o[ph['客户名称']] in known)}, "
        f"prospects: {sum(1 for o in opps if o[ph['客户名称']] not in known)}"
    )
    for p in (orders_path, pipeline_path):
        print(f"{p.name}: {p.stat().st_size:,} bytes")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="read the files back with python_calamine and print checks")
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: next to this script)")
    args = ap.parse_args()
    rng = random.Random(SEED)
    customers = make_customers(rng)
    orders = make_orders(rng, customers)
    returns = make_returns(rng, orders)
    rows = [{"id": o["id"], "customer": o["customer"], "date": o["date"], **ln} for o in orders for ln in o["lines"]]
    rows += returns
    rows.sort(key=lambda r: (r["date"], r["id"], r["amount"] < 0))
    opps = make_pipeline(rng, customers)
    args.out.mkdir(parents=True, exist_ok=True)
    orders_path, pipeline_path = args.out / "orders.xlsx", args.out / "pipeline.xlsx"
    total_row, total = write_orders(orders_path, customers, rows)
    write_pipeline(pipeline_path, opps)
    print(
        f"wrote {orders_path} ({len(rows)} lines, 合计 row {total_row} = {total / 100:,.2f}) "
        f"and {pipeline_path} ({len(opps)} opportunities)"
    )
    if args.check:
        check(orders_path, pipeline_path)


if __name__ == "__main__":
    main()
