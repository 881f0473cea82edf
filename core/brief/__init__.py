"""The one-click sales brief (一键生成销售简报): the Excel workbook the CLI's --xlsx and the UI's download share.

model.py holds the rules and figures (Brief), build.py computes them and lays out the summary; sheets/ writes
the five base sheets (a module each), outlook_sheets.py and outlook_customer_sheets.py the sheets of #14, and
definitions.py the definitions sheet; cells.py is the one xlsx cell writer, text.py the brief's words.
"""

from core.brief.build import brief, workbook_bytes, write_report
from core.brief.model import AT_RISK_LEVELS, Brief, ReportRules

__all__ = ["AT_RISK_LEVELS", "Brief", "ReportRules", "brief", "workbook_bytes", "write_report"]
