"""The ingest limits (core/limits.py) applied: one refusal sentence per limit, and the parse deadline.

Each check runs before the step it protects and raises InputError naming the file, the limit and what
was found, in both languages. The deadline is shared by everything reading one file: read_table and
load_table, or load_file's whole road; a DuckDB query still running when it passes is interrupted.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from core.errors import InputError, Where
from core.limits import MB, Limits, current

# ---------------------------------------------------------------- words


def _mb(n: int) -> str:
    """1,234.5 MB (the unit Streamlit's uploader shows; MB of 1024 x 1024 bytes), 12.5 KB, 512 B; a whole
    number loses its decimal."""
    unit, size = ("MB", n / MB) if n >= MB else ("KB", n / 1024) if n >= 1024 else ("B", n)
    text = f"{size:,.1f}"
    return (text[:-2] if text.endswith(".0") else text) + " " + unit


def column_letters(n: int) -> str:
    """Column number (1-based) -> its letters: 1 -> A, 16,384 -> XFD."""
    letters = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


_SPLIT_ZH = "请拆分文件（例如按年份或大区）后再上传，或请看板管理员调高上限。"
_SPLIT_EN = (
    "Split it (by year or region, say) and upload the parts, or ask whoever runs the dashboard to raise the limit."
)
_RESAVE_ZH = "这不是 Excel/WPS 保存出的工作簿；请在 Excel/WPS 中打开并另存为 .xlsx 后再上传。"
_RESAVE_EN = (
    "This is not how Excel or WPS saves a workbook; open it in Excel/WPS, save it again as .xlsx and upload that."
)


def check_upload(size: int, name: str, lim: Limits | None = None) -> None:
    """A file larger than upload_bytes is refused before a byte of it is parsed."""
    lim = lim or current()
    if size > lim.upload_bytes:
        raise InputError(
            Where(name),
            zh=f"文件大小为 {_mb(size)}，超过单个文件 {_mb(lim.upload_bytes)} 的上限。{_SPLIT_ZH}",
            en=f"The file is {_mb(size)}; the limit is {_mb(lim.upload_bytes)} per file. {_SPLIT_EN}",
        )


# ---------------------------------------------------------------- zip


def too_many_members(name: str, found: int, lim: Limits) -> InputError:
    return InputError(
        Where(name),
        zh=f"工作簿压缩包内有 {found:,} 个部件，上限为 {lim.zip_members:,} 个。{_RESAVE_ZH}",
        en=f"The workbook's zip holds {found:,} parts; the limit is {lim.zip_members:,}. {_RESAVE_EN}",
    )


def member_too_large(name: str, member: str, found: int, lim: Limits, *, declared: bool) -> InputError:
    """declared: the central directory says so; else unpacking passed the limit (found is the limit)."""
    said_zh, said_en = ("按文件头记录，", ", according to its header,") if declared else ("", "")
    more_zh, more_en = ("", "") if declared else ("超过 ", "more than ")
    return InputError(
        Where(name),
        zh=f"工作簿部件「{member}」{said_zh}解压后{more_zh}{_mb(found)}，单个部件的上限为 {_mb(lim.member_bytes)}"
        f"（可能是压缩炸弹）。{_RESAVE_ZH}",
        en=f"Part '{member}' of the workbook unpacks{said_en} to {more_en}{_mb(found)}; the limit is "
        f"{_mb(lim.member_bytes)} per part (a zip bomb, likely). {_RESAVE_EN}",
    )


def workbook_too_large(name: str, found: int, lim: Limits, *, declared: bool) -> InputError:
    said_zh, said_en = ("按文件头记录，", ", according to its headers,") if declared else ("", "")
    more_zh, more_en = ("", "") if declared else ("超过 ", "more than ")
    return InputError(
        Where(name),
        zh=f"工作簿{said_zh}解压后共{more_zh}{_mb(found)}，上限为 {_mb(lim.workbook_bytes)}（可能是压缩炸弹）。{_RESAVE_ZH}",
        en=f"The workbook unpacks{said_en} to {more_en}{_mb(found)} in all; the limit is "
        f"{_mb(lim.workbook_bytes)} (a zip bomb, likely). {_RESAVE_EN}",
    )


def ratio_too_high(name: str, member: str, ratio: float, lim: Limits) -> InputError:
    return InputError(
        Where(name),
        zh=f"工作簿部件「{member}」解压后是压缩大小的 {ratio:,.0f} 倍，上限为 {lim.inflate_ratio:,} 倍："
        f"这是为耗尽内存而构造的压缩炸弹，而不是导出的表格。{_RESAVE_ZH}",
        en=f"Part '{member}' of the workbook unpacks to {ratio:,.0f} times its packed size; the limit is "
        f"{lim.inflate_ratio:,} times: a zip bomb built to exhaust memory, not an export. {_RESAVE_EN}",
    )


def xml_entities(name: str, member: str) -> InputError:
    return InputError(
        Where(name),
        zh=f"工作簿部件「{member}」声明了 XML 实体（<!DOCTYPE>/<!ENTITY>）：表格从不需要它，"
        f"它却能无限展开（如“十亿笑声”攻击），因此拒绝读取。{_RESAVE_ZH}",
        en=f"Part '{member}' of the workbook declares XML entities (<!DOCTYPE>/<!ENTITY>), which no "
        f"spreadsheet needs and which can expand without bound (a 'billion laughs' attack); refused. {_RESAVE_EN}",
    )


def unreadable(name: str) -> InputError:
    return InputError(
        Where(name),
        zh="无法作为 Excel 文件读取（文件损坏，或并非 Excel 格式）。请在 Excel/WPS 中打开并另存为 .xlsx 后重试。",
        en="This is not a readable Excel file (damaged, or not Excel at all). "
        "Open it in Excel/WPS, save it as .xlsx and try again.",
    )


def damaged_member(name: str, member: str) -> InputError:
    return InputError(
        Where(name),
        zh=f"文件已损坏：工作簿部件「{member}」无法按其文件头解压（大小或压缩方式不符）。{_RESAVE_ZH}",
        en=f"The file is damaged: part '{member}' of the workbook does not unpack as its header states "
        f"(size or compression method). {_RESAVE_EN}",
    )


def malformed_part(name: str, member: str, what_zh: str, what_en: str) -> InputError:
    """A part no spreadsheet program writes (what: the oddity found), refused before a reader sees it."""
    return InputError(
        Where(name),
        zh=f"工作簿部件「{member}」不是表格软件会写出的内容（{what_zh}）。{_RESAVE_ZH}",
        en=f"Part '{member}' of the workbook is not what a spreadsheet program writes ({what_en}). {_RESAVE_EN}",
    )


# ---------------------------------------------------------------- sheets and CSV


def check_range(name: str, sheet: str | None, last: tuple[int, int], lim: Limits | None = None) -> None:
    """A sheet's used range, from A1 to its bottom-right cell `last` (row, column; 1-based, as Excel's
    Ctrl+End finds it), against the rows, columns and cells limits; refused before any cell of it is
    materialised."""
    lim = lim or current()
    rows, columns = last
    cells = rows * columns
    if columns <= lim.columns and rows <= lim.rows and cells <= lim.cells:
        return
    corner = f"{column_letters(columns)}{rows}"
    lead_zh = f"工作表的已用区域为 A1:{corner}，延伸到第 {rows:,} 行、{column_letters(columns)} 列（共 {columns:,} 列）"
    lead_en = (
        f"The sheet's used range, A1:{corner}, runs to row {rows:,} and column {column_letters(columns)} "
        f"({columns:,} column{'s' if columns != 1 else ''})"
    )
    if columns > lim.columns:
        limit_zh, limit_en = f"列数上限为 {lim.columns:,} 列", f"the limit is {lim.columns:,} columns"
    elif rows > lim.rows:
        limit_zh, limit_en = f"行数上限为 {lim.rows:,} 行", f"the limit is {lim.rows:,} rows"
    else:
        limit_zh = f"{rows:,} 行 × {columns:,} 列共 {cells:,} 个单元格，上限为 {lim.cells:,} 个"
        limit_en = f"{rows:,} rows × {columns:,} columns are {cells:,} cells; the limit is {lim.cells:,} cells"
    raise InputError(
        Where(name, sheet),
        zh=f"{lead_zh}；{limit_zh}。请删除远离数据的零散单元格（在 Excel 中按 Ctrl+End 可定位最后一个），"
        "保存后再上传；若数据本身就这么大，请拆分文件。",
        en=f"{lead_en}; {limit_en}. Delete the stray cells far from the data (Ctrl+End in Excel finds the "
        "last one) and save it again; if the data really is that large, split the file.",
    )


def too_many_strings(name: str, found: int, lim: Limits) -> InputError:
    return InputError(
        Where(name),
        zh=f"工作簿的共享字符串表至少有 {found:,} 条，超过单元格上限 {lim.cells:,}：没有哪张表用得了这么多。{_RESAVE_ZH}",
        en=f"The workbook's shared-strings table holds at least {found:,} strings, more than the cells limit of "
        f"{lim.cells:,}: more than any sheet could use. {_RESAVE_EN}",
    )


def workbook_cells(name: str, cells: int, lim: Limits, kind: str) -> InputError:
    """An .ods or .xls file is read whole when opened: its sheets together against the cells limit."""
    return InputError(
        Where(name),
        zh=f"此 {kind} 文件打开时会读取全部工作表，它们共有 {cells:,} 个单元格，上限为 {lim.cells:,} 个。"
        "请删除不需要的工作表，或另存为 .xlsx 后再上传。",
        en=f"An {kind} file is read whole when opened, and its sheets together hold {cells:,} cells; the limit "
        f"is {lim.cells:,} cells. Delete the sheets you do not need, or save it as .xlsx, and upload that.",
    )


def too_many_columns(name: str, found: int, line: int | None, lim: Limits, *, at_least: bool = False) -> InputError:
    """A CSV line with more fields than the columns limit."""
    more_zh, more_en = ("至少", "at least ") if at_least else ("", "")
    return InputError(
        Where(name, row=line),
        zh=f"这一行有{more_zh} {found:,} 列，上限为 {lim.columns:,} 列。请确认文件和分隔符是否正确。",
        en=f"This line holds {more_en}{found:,} columns; the limit is {lim.columns:,} columns. "
        "Check that this is the right file and that its delimiter is right.",
    )


def check_csv_shape(name: str, lines: int, columns: int, lim: Limits | None = None) -> None:
    """A CSV's lines and (from its first lines) columns against the rows and cells limits, before any
    reader parses it. Title and header lines count as lines: the limit is on the file's size."""
    lim = lim or current()
    if lines > lim.rows:
        raise InputError(
            Where(name),
            zh=f"文件有 {lines:,} 行，上限为 {lim.rows:,} 行。{_SPLIT_ZH}",
            en=f"The file has {lines:,} lines; the limit is {lim.rows:,} rows. {_SPLIT_EN}",
        )
    if lines * columns > lim.cells:
        raise InputError(
            Where(name),
            zh=f"文件有 {lines:,} 行 × {columns:,} 列，共 {lines * columns:,} 个单元格，上限为 {lim.cells:,} 个。{_SPLIT_ZH}",
            en=f"The file has {lines:,} lines × {columns:,} columns, {lines * columns:,} cells; the limit is "
            f"{lim.cells:,} cells. {_SPLIT_EN}",
        )


# ---------------------------------------------------------------- time


class Deadline:
    """When reading the file must be done by (time.monotonic)."""

    def __init__(self, file: str, seconds: float) -> None:
        self.file, self.seconds, self.at = file, seconds, time.monotonic() + seconds

    def error(self) -> InputError:
        return InputError(
            Where(self.file),
            zh=f"读取此文件超过了 {self.seconds:g} 秒的时间上限，已停止。请拆分文件，或另存为普通 CSV 后再上传。",
            en=f"Reading the file took longer than the limit of {self.seconds:g} s and was stopped. "
            "Split it, or save it as a plain CSV, and upload that.",
        )

    def check(self) -> None:
        """Between steps: refuse the file once the time is up."""
        if time.monotonic() > self.at:
            raise self.error()

    @contextmanager
    def interrupting(self, cur) -> Iterator[None]:
        """Run DuckDB statements on `cur`, interrupting any that is still running at the deadline (and
        every one started after it) until the block ends; then refuse the file if the time is up."""
        import duckdb

        done = threading.Event()

        def interrupt() -> None:
            if done.wait(max(0.0, self.at - time.monotonic())):
                return
            while not done.is_set():  # an interrupt between two statements is lost: repeat it
                cur.interrupt()
                done.wait(0.05)

        watcher = threading.Thread(target=interrupt, name="ka-parse-deadline", daemon=True)
        watcher.start()
        try:
            yield
        except duckdb.InterruptException:
            raise self.error() from None
        finally:
            done.set()
            watcher.join()
        self.check()


_current: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar("ka_parse_deadline", default=None)


@contextmanager
def parse_deadline(file: str) -> Iterator[Deadline]:
    """The deadline for reading `file`: the one an outer call (load_file) started, else a new one."""
    found = _current.get()
    if found is not None:
        yield found
        return
    started = Deadline(file, current().parse_seconds)
    token = _current.set(started)
    try:
        yield started
    finally:
        _current.reset(token)


def deadline(file: str) -> Deadline:
    """The deadline in force, or a new one for a step called on its own (a test, a script)."""
    return _current.get() or Deadline(file, current().parse_seconds)
