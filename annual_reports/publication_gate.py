"""The publication gate: checks run before publication, each explained to staff in plain Chinese.

Errors refuse publication: the national table's identity, a concluded application without an
outcome, a narrative section empty or with a prompt left in it, narrative figures that no longer
match the tables, section 二's typed figures not entered, a year not yet over, a consolidated
report whose parts are not all published (unless staff gave the reason). Warnings are shown, left
to staff judgement and recorded with the publication: overdue applications, figures changed since
the last refresh, a calendar year missing, the legal deadline passed, unpublished parts waived.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from applications.deadlines import is_overdue
from applications.models import Application
from catalog.workdays import WorkCalendar, current_calendar

from . import consolidation
from .figures import org_ids_for
from .models import NARRATIVE_FIELDS, AnnualReport
from .narrative import chinese_date, facts_for, figure_sentences, stale_sentences
from .statistics import CLOCK_FIELDS, attach_clock_records
from .tables import TOTAL, Year, identity_failures

ERROR, WARNING = "error", "warning"
PLACEHOLDER = "（请补充"
MAX_LISTED = 10


@dataclass(frozen=True)
class Finding:
    level: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def run_checks(report: AnnualReport, figures: dict, today: date, calendar: WorkCalendar | None = None) -> list:
    calendar = calendar or current_calendar()
    return [
        *year_findings(report, today),
        *identity_findings(figures["tables"]["section3"]),
        *unclassified_findings(report),
        *typed_figure_findings(report),
        *part_findings(report, figures),
        *narrative_findings(report),
        *narrative_figure_findings(report, figures),
        *overdue_findings(report, today, calendar),
        *changed_figure_findings(report, figures["tables"]),
        *calendar_findings(figures),
        *deadline_findings(report, today),
    ]


def year_findings(report: AnnualReport, today: date) -> list[Finding]:
    if today > Year(report.year).end:
        return []
    return [Finding(ERROR, _("%(year)d年尚未结束，年度报告要在年度结束后发布。") % {"year": report.year})]


def typed_figure_findings(report: AnnualReport) -> list[Finding]:
    missing = report.typed_figures_missing
    if not missing:
        return []
    return [
        Finding(
            ERROR,
            _("第二部分以下数据尚未填写（没有的请填0）：%(fields)s。") % {"fields": "、".join(missing)},
        )
    ]


def part_findings(report: AnnualReport, figures: dict) -> list[Finding]:
    """A consolidated report: every body it covers must have published its own report, or staff say why not."""
    unpublished = [
        f"{part['name']}（{consolidation.SOURCE_LABELS[part['source']]}）"
        for part in figures.get("parts", [])
        if part["source"] != consolidation.PUBLISHED
    ]
    if not unpublished:
        return []
    listing = "、".join(unpublished)
    if report.children_waiver.strip():
        return [
            Finding(
                WARNING,
                _("以下机关的年度报告尚未发布，已说明理由，汇总按其草稿或记录计算：%(list)s。") % {"list": listing},
            )
        ]
    return [
        Finding(
            ERROR,
            _(
                "以下机关的年度报告尚未发布：%(list)s。请待其发布后再发布汇总报告，或在“未发布下级报告的说明”中写明理由。"
            )
            % {"list": listing},
        )
    ]


def narrative_figure_findings(report: AnnualReport, figures: dict) -> list[Finding]:
    """Sentences of the narrative that state figures the tables no longer give."""
    if report.is_published:
        return []
    stale = stale_sentences(report.narrative_sentences or {}, figure_sentences(facts_for(report, figures)))
    return [
        Finding(
            ERROR,
            _(
                "叙述中的数据与统计表不一致。原句：“%(old)s”；按当前数据应为：“%(new)s”。"
                "请点击“更新数据”重新生成这句，或修改后勾选“已核对叙述中的数据”。"
            )
            % {"old": old, "new": new},
        )
        for old, new in stale
    ]


def deadline_findings(report: AnnualReport, today: date) -> list[Finding]:
    if today <= report.legal_deadline:
        return []
    return [
        Finding(
            WARNING,
            _("已超过法定发布期限（%(deadline)s），发布后将记录为逾期发布。")
            % {"deadline": chinese_date(report.legal_deadline)},
        )
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


def changed_cells(old: object, new: object, path: tuple = ()) -> list[tuple[str, object, object]]:
    """Cells whose value differs between two table sets, as ('section3 › row › column', old, new)."""
    if not isinstance(new, dict):
        return [] if old == new else [(" › ".join(path), old, new)]
    old = old if isinstance(old, dict) else {}
    changes = []
    for key, value in new.items():
        changes += changed_cells(old.get(key), value, (*path, key))
    return changes


SECTION_NAMES = {"section2": "二", "section3": "三", "section4": "四", "fees_yuan": "六（信息处理费）"}


TYPED_ROWS = ("行政许可", "行政处罚", "行政强制", "行政事业性收费")


def changed_figure_findings(report: AnnualReport, tables: dict) -> list[Finding]:
    """Figures from the records that changed since the draft was last refreshed (typed ones are staff's own)."""
    if report.is_published or not report.draft_figures:
        return []
    typed = tuple(f"section2 › {row} › " for row in TYPED_ROWS)
    changes = [change for change in changed_cells(report.draft_figures, tables) if not change[0].startswith(typed)]
    if not changes:
        return []
    listed = [_change_label(where, old, new) for where, old, new in changes[:MAX_LISTED]]
    return [
        Finding(
            WARNING,
            _("自上次更新草稿以来有%(n)d项数据发生了变化：%(cells)s。请核对叙述部分，然后点击“更新数据”。")
            % {"n": len(changes), "cells": "；".join(listed)},
        )
    ]


def _change_label(where: str, old: object, new: object) -> str:
    """'section3 › 予以公开 › 自然人' → '三 予以公开 › 自然人：0 → 1' (the tables' keys are the national ones)."""
    section, _arrow, cell = where.partition(" › ")
    return f"{SECTION_NAMES[section]} {cell}：{old} → {new}"


def narrative_findings(report: AnnualReport) -> list[Finding]:
    findings = []
    for name in NARRATIVE_FIELDS:
        label = AnnualReport._meta.get_field(name).verbose_name  # type: ignore[union-attr]  # a model field
        text = strip_tags(getattr(report, name) or "").strip()
        if not text:
            findings.append(Finding(ERROR, _("“%(section)s”尚未填写。") % {"section": label}))
        elif PLACEHOLDER in text:
            findings.append(
                Finding(
                    ERROR, _("“%(section)s”仍有待补充的提示文字“（请补充……）”，请改为实际情况。") % {"section": label}
                )
            )
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
