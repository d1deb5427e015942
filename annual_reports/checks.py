"""Checks run before publication, each explained to staff in plain Chinese.

Errors block publication (the national table's identity, a missing narrative section); warnings
are shown and left to staff judgement (overdue applications, figures changed since the last draft,
prompts left in the draft text).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from applications.deadlines import is_overdue
from applications.models import Application
from catalog.workdays import WorkCalendar, current_calendar

from .figures import org_ids_for
from .models import AnnualReport
from .statistics import CLOCK_FIELDS, MemoCalendar, attach_clock_records
from .tables import TOTAL, Year, identity_failures

ERROR, WARNING = "error", "warning"
PLACEHOLDER = "（请补充"
MAX_LISTED = 10
NARRATIVE_FIELDS = ("overview", "problems", "other_matters")


@dataclass(frozen=True)
class Finding:
    level: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def run_checks(report: AnnualReport, figures: dict, today: date, calendar: WorkCalendar | None = None) -> list:
    calendar = MemoCalendar.of(calendar or current_calendar())
    return [
        *identity_findings(figures["tables"]["section3"]),
        *unclassified_findings(report),
        *overdue_findings(report, today, calendar),
        *changed_figure_findings(report, figures["tables"]),
        *narrative_findings(report),
        *calendar_findings(figures),
    ]


def identity_findings(section3: dict) -> list[Finding]:
    findings = []
    for column in identity_failures(section3):
        label = _("总计列") if column == TOTAL else column
        findings.append(
            Finding(
                ERROR,
                _(
                    "第三部分“%(column)s”：第一项加第二项之和不等于第三项加第四项之和，请核对申请的收到日期、答复日期和办理结果。"
                )
                % {"column": label},
            )
        )
    return findings


def unclassified_findings(report: AnnualReport) -> list[Finding]:
    """Concluded in the year without an outcome: they break the identity, so say why."""
    span = Year(report.year)
    numbers = list(
        Application.objects.filter(
            organization_id__in=org_ids_for(report),
            received_on__isnull=False,
            concluded_on__range=(span.start, span.end),
            outcome="",
        )
        .exclude(state=Application.State.WITHDRAWN)
        .order_by("number")
        .values_list("number", flat=True)[: MAX_LISTED + 1]
    )
    if not numbers:
        return []
    return [
        Finding(
            ERROR,
            _("以下已办结的申请没有登记办理结果：%(numbers)s。") % {"numbers": _listing(numbers)},
        )
    ]


def overdue_findings(report: AnnualReport, today: date, calendar: WorkCalendar) -> list[Finding]:
    scope = {"organization_id__in": org_ids_for(report), "received_on__isnull": False, "concluded_on__isnull": True}
    open_applications = list(Application.objects.filter(**scope).order_by("number").only(*CLOCK_FIELDS, "number"))
    attach_clock_records(open_applications, Q(**{f"application__{key}": value for key, value in scope.items()}))
    overdue = [application.number for application in open_applications if is_overdue(application, today, calendar)]
    if not overdue:
        return []
    return [
        Finding(
            WARNING,
            _("有%(n)d件申请已超过答复期限仍未办结：%(numbers)s。请尽快答复，或在报告中说明。")
            % {"n": len(overdue), "numbers": _listing(overdue)},
        )
    ]


def changed_cells(old: dict, new: dict, path: tuple = ()) -> list[tuple[str, object, object]]:
    """Cells whose value differs between two table sets, as ('section3 › row › column', old, new)."""
    if not isinstance(new, dict):
        return [] if old == new else [(" › ".join(path), old, new)]
    old = old if isinstance(old, dict) else {}
    changes = []
    for key, value in new.items():
        changes += changed_cells(old.get(key), value, (*path, key))
    return changes


SECTION_NAMES = {"section2": "二", "section3": "三", "section4": "四", "fees_yuan": "六（信息处理费）"}


def changed_figure_findings(report: AnnualReport, tables: dict) -> list[Finding]:
    if report.is_published or not report.draft_figures:
        return []
    changes = changed_cells(report.draft_figures, tables)
    if not changes:
        return []
    listed = [
        f"{SECTION_NAMES.get(where.split(' › ')[0], '')} {where.partition(' › ')[2]}：{old} → {new}".strip()
        for where, old, new in changes[:MAX_LISTED]
    ]
    return [
        Finding(
            WARNING,
            _("自上次更新草稿以来有%(n)d项数据发生了变化：%(cells)s。请核对叙述部分，然后点击“更新数据”。")
            % {"n": len(changes), "cells": "；".join(listed)},
        )
    ]


def narrative_findings(report: AnnualReport) -> list[Finding]:
    findings = []
    for name in NARRATIVE_FIELDS:
        label = AnnualReport._meta.get_field(name).verbose_name
        text = strip_tags(getattr(report, name) or "").strip()
        if not text:
            findings.append(Finding(ERROR, _("“%(section)s”尚未填写。") % {"section": label}))
        elif PLACEHOLDER in text:
            findings.append(Finding(WARNING, _("“%(section)s”仍有待补充的提示文字。") % {"section": label}))
    return findings


def calendar_findings(figures: dict) -> list[Finding]:
    """Working days counted Monday to Friday for a year the calendar does not know: say so."""
    warning = figures["statistics"].get("calendar_warning")
    return [Finding(WARNING, warning)] if warning else []


def _listing(numbers: list[str]) -> str:
    shown = "、".join(numbers[:MAX_LISTED])
    return shown + (_("等") if len(numbers) > MAX_LISTED else "")


def has_errors(findings: list[Finding]) -> bool:
    return any(finding.is_error for finding in findings)
