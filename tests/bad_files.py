"""Files a user may drop by mistake, each with the words its message must contain (zh, en)."""

from __future__ import annotations

import io

import openpyxl


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def password_protected() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(_xlsx([["客户", "日期", "金额"], ["甲", "2024-01-05", 1]]))
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("secret", out)
    return out.getvalue()


BAD_FILES = {
    "empty": ("empty.csv", lambda: b"", "空的", "empty"),
    "header_only": ("header.xlsx", lambda: _xlsx([["客户", "日期", "金额"]]), "只有表头", "no data rows"),
    "not_a_spreadsheet": (
        "notes.xlsx",
        lambda: b"just some text, not a workbook\n" * 3,
        "无法作为 Excel",
        "not a readable Excel",
    ),
    "corrupt_zip": ("broken.xlsx", lambda: _xlsx([["a"]])[:300], "无法作为 Excel", "not a readable Excel"),
    "password_protected": ("locked.xlsx", password_protected, "密码保护", "password-protected"),
    "wrong_extension": ("orders.pdf", lambda: b"%PDF-1.4", "不支持的文件类型", "Unsupported file type"),
    "required_column_missing": (
        "orders.csv",
        lambda: "客户,备注\n甲,x\n".encode(),
        "找不到必需的列",
        "Required columns not found",
    ),
}
