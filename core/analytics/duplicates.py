"""Duplicate customer candidates (PRODUCT.md § Duplicate customers; seed 003 去重): groups an editor may merge.

Two customers are candidates when their normalised names are equal (reason same_name, score 1.0) or when the
similarity of the normalised names is at least 0.92 (reason similar_name; rapidfuzz's ratio: 1 - Indel
distance / total length). Candidates are linked into groups (connected customers form one group); a group's
score is the lowest similarity of the links that made it, and its reason same_name only when every link is
an equal name. Nothing is merged here: the list is for review.

Normalising a name: NFKC (full-width letters, digits and brackets fold to half width), case folded; the
bracketed 中国 removed; legal suffixes removed from the end, repeatedly (股份有限公司, 有限责任公司, 有限公司,
集团; Co., Ltd., Inc., LLC); then every character that is not a letter or a digit (spaces, brackets,
punctuation) removed. "华为技术（深圳）有限公司" and "华为技术(深圳)" both become "华为技术深圳".

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

REASONS = ("same_name", "similar_name")

_CHINA_IN_BRACKETS = re.compile(r"\(\s*中国\s*\)")
_LEGAL_SUFFIX = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|集团|co\.?\s*,?\s*ltd\.?|ltd\.?|inc\.?|llc\.?)[\s.,]*$",
)
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


def duplicate_candidates(customers: list[tuple[str, str]], rules: DuplicateRules = DuplicateRules()) -> list[dict]:
    """[{customers: [keys], names: [display names], reason, score}] from (customer key, display name) pairs,
    each group's keys sorted, groups by lowest score first then first key (see the module docstring)."""
    by_name: dict[str, list[int]] = {}
    for i, (_, name) in enumerate(customers):
        key = normalised_name(name or "")
        if key:
            by_name.setdefault(key, []).append(i)
    links: list[tuple[int, int, float]] = []
    for members in by_name.values():
        links.extend((members[0], other, 1.0) for other in members[1:])
    names = list(by_name)
    leaders = [members[0] for members in by_name.values()]
    links.extend((leaders[i], leaders[j], score) for i, j, score in _similar_pairs(names, rules.min_similarity))
    return _groups(customers, links)


def _similar_pairs(names: list[str], min_similarity: float) -> list[tuple[int, int, float]]:
    """(i, j, similarity) for i < j with similarity >= min_similarity, compared within blocks: names that share
    their first two characters, and names that share their last two."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, name in enumerate(names):
        blocks.setdefault(("head", name[:2]), []).append(i)
        blocks.setdefault(("tail", name[-2:]), []).append(i)
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

    for i, j, _ in links:
        parent[root(i)] = root(j)
    groups: dict[int, dict] = {}
    for i, j, score in links:
        group = groups.setdefault(root(i), {"members": set(), "score": 1.0})
        group["members"].update((i, j))
        group["score"] = min(group["score"], score)
    found = []
    for group in groups.values():
        members = sorted(group["members"], key=lambda i: customers[i][0])
        found.append(
            {
                "customers": [customers[i][0] for i in members],
                "names": [customers[i][1] for i in members],
                "reason": "same_name" if group["score"] == 1.0 else "similar_name",
                "score": group["score"],
            }
        )
    return sorted(found, key=lambda g: (g["score"], g["customers"][0]))
