"""Errors a user can fix: where in which file, and what to do, in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    file: str
    sheet: str | None = None
    row: int | None = None  # 1-based, as the user sees it in the file
    column: str | None = None

    def describe(self, lang: str) -> str:
        zh = lang == "zh"
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」" if zh else f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"第 {self.row} 行" if zh else f"row {self.row}")
        if self.column:
            parts.append(f"列「{self.column}」" if zh else f"column '{self.column}'")
        return (" " if zh else ", ").join(parts)


class InputError(Exception):
    """A problem in the user's file that the user can fix; never a bug of ours."""

    def __init__(self, where: Where, *, zh: str, en: str) -> None:
        super().__init__(en)  # logs and tracebacks read English
        self.where, self.zh, self.en = where, zh, en

    def message(self, lang: str) -> str:
        return f"{self.where.describe(lang)}: {self.zh if lang == 'zh' else self.en}"
