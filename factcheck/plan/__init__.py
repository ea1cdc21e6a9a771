"""Who labels what and how fast: the assignment plan, pace from the event log, and progress against both."""

from factcheck.plan.assign import PlanError, PlanRequest, plan_rows
from factcheck.plan.pace import IDLE_S, Pace, pace_by_annotator
from factcheck.plan.report import AnnotatorReport, TeamReport, team_report

__all__ = [
    "IDLE_S",
    "AnnotatorReport",
    "Pace",
    "PlanError",
    "PlanRequest",
    "TeamReport",
    "pace_by_annotator",
    "plan_rows",
    "team_report",
]
