"""One sheet per view of the brief, one module each: ABC tiers, RFM segments, churn warnings, long tail, funnel.

Each sheet puts its main table at the left and the summaries beside it, all headers on the same row,
so the frozen panes keep every header in view.
"""

from core.brief.sheets.abc import abc_sheet
from core.brief.sheets.churn import churn_sheet
from core.brief.sheets.funnel import funnel_sheet
from core.brief.sheets.rfm import rfm_sheet
from core.brief.sheets.tail import tail_sheet

__all__ = ["abc_sheet", "churn_sheet", "funnel_sheet", "rfm_sheet", "tail_sheet"]
