"""Known pipeline stage names (PRODUCT.md § Funnel conversion): common Chinese/English ones and the CRM defaults.

Each open name carries a rank on one shared ladder, so stages from different exports interleave sensibly;
won and lost names are terminal. Names are matched after NFKC, casefold and dropping everything that is
not a letter or digit: "Proposal/Price Quote", "proposal price quote" and "PROPOSAL-PRICE-QUOTE" are one name.
"""

from __future__ import annotations

import unicodedata

# The ladder: lead 10 → qualified 20 → needs 30 → value/presentation 40 → decision makers 50 →
# perception 60 → proposal/quote 70 → negotiation 80 → contract 85. Gaps leave room between CRMs.
_OPEN_RANKS: dict[int, tuple[str, ...]] = {
    10: (
        "线索",
        "销售线索",
        "潜在客户",
        "lead",
        "leads",
        "newlead",
        "new",
        "prospect",
        "prospecting",  # Salesforce
        "appointmentscheduled",  # HubSpot: appointmentscheduled / Appointment Scheduled
    ),
    15: (
        "初步接洽",
        "已联系",
        "初步沟通",
        "接洽",
        "接洽中",
        "跟进",
        "跟进中",
        "contacted",
        "attemptedtocontact",
        # the public "CRM sales opportunities" set: Prospecting → Engaging → Won / Lost (issue #11)
        "engaging",
        "engaged",
        "engagement",
    ),
    20: (
        "商机",
        "商机确认",
        "意向客户",
        "意向",
        "有意向",
        "qualified",
        "qualifiedlead",
        "qualification",  # Salesforce, Zoho
        "qualifiedtobuy",  # HubSpot
        "验证客户",  # 纷享销客
    ),
    30: (
        "需求确认",
        "需求分析",
        "需求沟通",
        "需求调研",
        "discovery",
        "needsanalysis",  # Salesforce, Zoho
        "需求确定",  # 纷享销客
    ),
    40: (
        "方案演示",
        "产品演示",
        "演示",
        "demo",
        "valueproposition",  # Salesforce, Zoho
        "presentationscheduled",  # HubSpot
    ),
    50: (
        "iddecisionmakers",  # Salesforce "Id. Decision Makers"
        "identifydecisionmakers",  # Zoho
        "decisionmakerboughtin",  # HubSpot
    ),
    60: ("perceptionanalysis",),  # Salesforce
    70: (
        "方案",
        "报价",
        "方案报价",
        "方案提交",
        "报价中",
        "投标",
        "招投标",
        "proposal",
        "quote",
        "quotation",
        "proposalpricequote",  # Salesforce, Zoho "Proposal/Price Quote"; 纷享销客 方案/报价 is 方案报价
    ),
    80: (
        "谈判",
        "商务谈判",
        "商务洽谈",
        "谈判中",
        "negotiation",
        "negotiationreview",  # Salesforce, Zoho "Negotiation/Review"
        "谈判审核",  # 纷享销客
    ),
    85: ("合同", "合同审批", "合同签订", "待签约", "签约中", "contract", "contractsent"),  # HubSpot contractsent
}
_WON = ("赢单", "已赢单", "成交", "已成交", "成单", "签约", "已签约", "won", "win", "closedwon")
_LOST = (
    "输单",
    "已输单",
    "丢单",
    "失败",
    "已失败",
    "无效",
    "关闭",
    "lost",
    "dead",
    "closedlost",  # Salesforce, HubSpot, Zoho
    "closedlosttocompetition",  # Zoho
)

FIRST_RANK = 10  # lead / prospecting: where deals start
OPEN_RANK: dict[str, int] = {name: rank for rank, names in _OPEN_RANKS.items() for name in names}
TERMINAL_KIND: dict[str, str] = {**dict.fromkeys(_WON, "won"), **dict.fromkeys(_LOST, "lost")}


def normalized(label: str) -> str:
    """The matching key of a stage label: NFKC, casefolded, letters and digits only."""
    text = unicodedata.normalize("NFKC", label).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def same_stage_key(label: str) -> str:
    """Two labels with the same key are one stage of the file: NFKC (full-width letters and spaces as
    half-width), casefolded, runs of spaces as one. 'Qualified', 'qualified' and 'Ｑｕａｌｉｆｉｅｄ' share one;
    'Proposal/Quote' and 'Proposal Quote' do not (normalized() matches those to a known name instead)."""
    return " ".join(unicodedata.normalize("NFKC", label).casefold().split())


def kind_of(label: str) -> str:
    """'won', 'lost' or 'open'; a name we do not know is an open stage."""
    return TERMINAL_KIND.get(normalized(label), "open")


def terminal_rank(label: str) -> int:
    """Where a won or lost name sits in our lists (a CRM's own order first), for a stable order among them."""
    key = normalized(label)
    names = _WON if key in _WON else _LOST
    return names.index(key) if key in names else len(names)


def is_known(label: str) -> bool:
    """A stage name of one of our vocabularies: an open stage on the ladder, or a won or lost name."""
    key = normalized(label)
    return key in OPEN_RANK or key in TERMINAL_KIND


def rank_of(label: str) -> int | None:
    """The rank of a known open stage on the shared ladder, None for a name we do not know."""
    return OPEN_RANK.get(normalized(label))


def known_order(label: str) -> tuple[int, int]:
    """Sort key of a known name: open stages by rank, then won, then lost names (the funnel's order)."""
    kind = kind_of(label)
    if kind == "open":
        return (0, rank_of(label) or 0)
    return (1 if kind == "won" else 2, terminal_rank(label))
