"""Duplicate customer candidates (PRODUCT.md § Duplicate customers; seed 003 去重): groups an editor may merge.

Two customers are candidates when their normalised names are equal (reason same_name, score 1.0) or when the
similarity of the normalised names is at least 0.92 (reason similar_name; rapidfuzz's ratio: 1 - Indel
distance / total length). Candidates are linked into groups (connected customers form one group); a group's
score is the lowest similarity of the links that made it, and its reason that weakest link's. When the file
maps a phone or tax number column, customers sharing a number are candidates too (same_phone, same_tax_id,
score 1.0; a pair linked both ways counts by its strongest evidence). A shared id is one customer already
(the id is the customer key). Nothing is merged here: the list is for review.

Numbers compared: a phone's digits (a leading +86/0086/86 dropped from a number longer than 11 digits),
7 digits or more; a tax number's letters and digits, width and case folded, 8 or more.

Normalising a name: NFKC (full-width letters, digits and brackets fold to half width), case folded; the
bracketed 中国 removed; legal suffixes removed from the end, repeatedly (股份有限公司, 有限责任公司, 有限公司,
集团; Co., Ltd., Inc., LLC); then every character that is not a letter or a digit (spaces, brackets,
punctuation) removed. "华为技术（深圳）有限公司" and "华为技术(深圳)" both become "华为技术深圳".

Names with numbers: two names whose runs of digits differ are never similar (门店001 / 门店002, 第1分公司 / 第2分公司:
numbered branches, stores and accounts are different customers); they can still be the same name or share a
phone or tax number.

Speed: all pairs of 50k names are 1.25 billion comparisons. Equal names are found by a dict; distinct names
are compared only within blocks: names sharing their first two characters, and names sharing their last two
(rapidfuzz.process.cdist: C++, every core, a score cutoff that gives up early on hopeless pairs; memory ~40 MB
a block of rows). Short names lose nothing: below 13 characters a score of 0.92 allows one inserted or
deleted character, which cannot change both the first two and the last two characters of a name of 4 or more
(and names of 3 or fewer must be equal). Longer names, allowed two edits or more, are missed only when both
ends differ.
"""

from __future__ import annotations

import re
import unicodedata

from core.rules import DuplicateRules

REASONS = ("same_tax_id", "same_phone", "same_name", "similar_name")  # strongest evidence first

_CHINA_IN_BRACKETS = re.compile(r"\(\s*中国\s*\)")
_LEGAL_SUFFIX = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|集团|co\.?\s*,?\s*ltd\.?|ltd\.?|inc\.?|llc\.?)[\s.,]*$",
)
_DIGITS = re.compile(r"\D+")
# cdist fills one float32 score per pair: ~10M cells (40 MB) per block whatever the number of names
_BLOCK_CELLS = 10_000_000


def normalised_name(name: str) -> str:
    """The name as compared (see the module docstring); '' when nothing is left."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _CHINA_IN_BRACKETS.sub("", text)
    while True:
        shorter = _LEGAL_SUFFIX.sub("", text).rstrip(" ,.")
        if shorter == text:
            break
        text = shorter
    return "".join(ch for ch in text if ch.isalnum())


def duplicate_candidates(
    customers: list[tuple[str, str]],
    rules: DuplicateRules = DuplicateRules(),
    numbers: list[tuple[str, str, str]] = (),
) -> list[dict]:
    """[{customers: [keys], names: [display names], reason, score}] from (customer key, display name) pairs,
    each group's keys sorted, groups by lowest score first then first key (see the module docstring).
    numbers: (customer key, "phone" | "tax_id", value) for files that map those columns."""
    by_name: dict[str, list[int]] = {}
    for i, (_, name) in enumerate(customers):
        key = normalised_name(name or "")
        if key:
            by_name.setdefault(key, []).append(i)
    links: list[tuple[int, int, float, str]] = []
    for members in by_name.values():
        links.extend((members[0], other, 1.0, "same_name") for other in members[1:])
    names = list(by_name)
    leaders = [members[0] for members in by_name.values()]
    links.extend(
        (leaders[i], leaders[j], score, "similar_name") for i, j, score in _similar_pairs(names, rules.min_similarity)
    )
    links.extend(_shared_number_links(customers, numbers))
    return _groups(customers, links)


def normalised_number(kind: str, value: str) -> str:
    """A phone or tax number as compared (see the module docstring); '' when too short to mean anything."""
    text = unicodedata.normalize("NFKC", str(value or "")).upper()
    if kind == "phone":
        digits = "".join(ch for ch in text if ch.isdigit())
        for prefix in ("0086", "86"):
            if len(digits) > 11 and digits.startswith(prefix):
                digits = digits[len(prefix) :]
                break
        return digits if len(digits) >= 7 else ""
    kept = "".join(ch for ch in text if ch.isalnum())
    return kept if len(kept) >= 8 else ""


def _shared_number_links(customers: list[tuple[str, str]], numbers) -> list[tuple[int, int, float, str]]:
    """One link per pair of different customers sharing a phone or tax number."""
    index = {key: i for i, (key, _) in enumerate(customers)}
    holders: dict[tuple[str, str], list[int]] = {}
    for key, kind, value in numbers:
        number = normalised_number(kind, value)
        if number and key in index:
            members = holders.setdefault((kind, number), [])
            if index[key] not in members:
                members.append(index[key])
    return [(members[0], other, 1.0, f"same_{kind}") for (kind, _), members in holders.items() for other in members[1:]]


def _similar_pairs(names: list[str], min_similarity: float) -> list[tuple[int, int, float]]:
    """(i, j, similarity) for i < j with similarity >= min_similarity, compared within blocks: names with the
    same numbers in them that share their first two characters, and those that share their last two. Names
    whose numbers differ are never similar: 门店001 and 门店002, 客户4559 and 客户24559, 第1分公司 and 第2分公司 are
    different customers however alike the rest (an ERP's numbered names made one group of 39,000 customers)."""
    blocks: dict[tuple[str, str, str], list[int]] = {}
    for i, name in enumerate(names):
        numbers = _DIGITS.sub(" ", name).strip()  # the runs of digits, in order
        blocks.setdefault(("head", numbers, name[:2]), []).append(i)
        blocks.setdefault(("tail", numbers, name[-2:]), []).append(i)
    found: dict[tuple[int, int], float] = {}
    for members in blocks.values():
        if len(members) > 1:
            for i, j, score in _pairs_within([names[m] for m in members], min_similarity):
                found[(members[i], members[j])] = score
    return [(i, j, score) for (i, j), score in sorted(found.items())]


def _pairs_within(names: list[str], min_similarity: float) -> list[tuple[int, int, float]]:
    """(i, j, similarity), i < j, over all pairs of `names` by rapidfuzz cdist, a block of rows at a time."""
    import numpy as np
    from rapidfuzz import fuzz, process

    pairs = []
    step = max(1, _BLOCK_CELLS // len(names))
    for start in range(0, len(names), step):
        # each row against the names from its own on: every pair once; below the cutoff cdist writes 0
        scores = process.cdist(
            names[start : start + step],
            names[start:],
            scorer=fuzz.ratio,
            score_cutoff=min_similarity * 100,
            dtype=np.float32,
            workers=-1,
        )
        rows, cols = np.nonzero(scores)
        pairs.extend(
            (start + i, start + j, round(float(scores[i, j]) / 100, 4))
            for i, j in zip(rows.tolist(), cols.tolist())
            if j > i
        )
    return pairs


def _groups(customers: list[tuple[str, str]], links: list[tuple[int, int, float]]) -> list[dict]:
    """Connected customers as groups (union-find over the links)."""
    parent = list(range(len(customers)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # a pair linked several ways counts by its strongest evidence: highest score, then REASONS' order
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for i, j, score, reason in links:
        pair = (min(i, j), max(i, j))
        if pair not in best or (-score, REASONS.index(reason)) < (-best[pair][0], REASONS.index(best[pair][1])):
            best[pair] = (score, reason)
    for i, j in best:
        parent[root(i)] = root(j)
    groups: dict[int, dict] = {}
    for (i, j), (score, reason) in best.items():
        group = groups.setdefault(root(i), {"members": set(), "weakest": None})
        group["members"].update((i, j))
        # the group's score and reason are its weakest link's
        link = (score, -REASONS.index(reason))
        group["weakest"] = link if group["weakest"] is None else min(group["weakest"], link)
    found = []
    for group in groups.values():
        members = sorted(group["members"], key=lambda i: customers[i][0])
        score, reason = group["weakest"]
        found.append(
            {
                "customers": [customers[i][0] for i in members],
                "names": [customers[i][1] for i in members],
                "reason": REASONS[-reason],
                "score": score,
            }
        )
    return sorted(found, key=lambda g: (g["score"], g["customers"][0]))


def review_groups(
    cur, params: dict, decided: dict | None = None, rules: DuplicateRules = DuplicateRules()
) -> list[dict]:
    """The candidate groups an editor reviews: duplicate_candidates() over the customers with an order line up
    to as_of (params: window.params()), without the groups kept apart in `decided` (core.workspace.merges),
    each with members [{customer, customer_name, net_revenue, orders_count, first_order_date,
    last_order_date}] by net revenue, largest first (the default survivor), ties by customer; groups by their
    net revenue, largest first."""
    from core import store
    from core.workspace import merges

    text = store.sql_text("duplicate_customers")
    rows = cur.execute(text, store.bind(text, "duplicate_customers.sql", params)).fetchall()
    columns = ("customer", "customer_name", "net_revenue", "orders_count", "first_order_date", "last_order_date")
    found = {r[0]: dict(zip(columns, r)) for r in rows}
    numbers_text = store.sql_text("customer_numbers")
    numbers = cur.execute(numbers_text, store.bind(numbers_text, "customer_numbers.sql", params)).fetchall()
    groups = duplicate_candidates([(c, m["customer_name"]) for c, m in found.items()], rules, numbers)
    if decided is not None:
        groups = merges.open_groups(groups, decided)
    for group in groups:
        group["members"] = sorted(
            (found[c] for c in group["customers"]), key=lambda m: (-m["net_revenue"], m["customer"])
        )
    # the revenue a wrong split moves first: the group's net revenue, largest first
    return sorted(groups, key=lambda g: (-sum(m["net_revenue"] for m in g["members"]), g["customers"][0]))
