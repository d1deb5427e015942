"""Deadlines the law and the indicators set: Art. 26 publication, 意见箱 answers, the annual report (Art. 49)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from annual_reports.models import AnnualReport
from catalog.models import Item, Organization
from catalog.workdays import WorkCalendar
from feedback.models import Message

from ..lines import Line, by_deadline


def workdays_margin(due: date, today: date, calendar: WorkCalendar) -> int:
    """Working days left until `due` (0 on the day itself), negative once past it."""
    if due >= today:
        return calendar.workdays_between(today, due)
    return -max(1, calendar.workdays_between(due, today))


def art26_lines(organization_ids: list[int], today: date, calendar: WorkCalendar) -> list[Line]:
    """Art. 26: unpublished items and how long they have left; items published late this year."""
    return _pending_lines(organization_ids, today, calendar) + _late_lines(organization_ids, today, calendar)


def _pending_lines(organization_ids: list[int], today: date, calendar: WorkCalendar) -> list[Line]:
    pending = Item.objects.filter(organization_id__in=organization_ids).exclude(state=Item.State.PUBLISHED)
    lines = []
    for item in pending.order_by("written_on", "pk"):
        due = item.publication_deadline(calendar)
        detail = _("成文于 %(written)s，%(state)s，应于 %(due)s 前发布（20 个工作日）") % {
            "written": item.written_on.isoformat(),
            "state": item.get_state_display(),
            "due": due.isoformat(),
        }
        margin = workdays_margin(due, today, calendar)
        url = reverse("admin:catalog_item_change", args=[item.pk])
        lines.append(Line("late_item", item.title, detail, margin, today > due, workdays=True, url=url, due=due))
    return lines


def _late_lines(organization_ids: list[int], today: date, calendar: WorkCalendar) -> list[Line]:
    late = Item.objects.late().filter(organization_id__in=organization_ids, published_on__year=today.year)
    lines = []
    for item in late.order_by("published_on", "pk"):
        detail = _("成文于 %(written)s，应于 %(due)s 前发布，%(published)s 才发布") % {
            "written": item.written_on.isoformat(),
            "due": item.publication_due_on.isoformat(),
            "published": item.published_on.isoformat(),
        }
        margin = -max(1, calendar.workdays_between(item.publication_due_on, item.published_on))
        due = item.publication_due_on
        url = item.get_absolute_url()
        lines.append(Line("late_item", item.title, detail, margin, True, workdays=True, url=url, due=due))
    return lines


def message_lines(organization_ids: list[int], today: date) -> list[Line]:
    """意见箱 letters waiting for an answer: the indicators fail a site with one unanswered for over 3 months."""
    waiting = Message.objects.waiting().filter(organization_id__in=organization_ids).order_by("received_on", "pk")
    lines = []
    for message in waiting:
        # The number only: the title may carry the writer's personal data, and this list goes out as JSON too.
        subject = _("意见箱留言 %(number)s") % {"number": message.number}
        detail = _("收到于 %(day)s，已等待 %(days)s 天，应在 3 个月内答复") % {
            "day": message.received_on.isoformat(),
            "days": message.age_days(today),
        }
        url = reverse("admin:feedback_message_change", args=[message.pk])
        lines.append(by_deadline("message", subject, detail, message.answer_due_on(), today, url))
    return lines


def annual_report_lines(organization: Organization, today: date) -> list[Line]:
    """Last year's report: every body's own by 31 January; a body over others also a consolidated one by 31 March."""
    kinds = [False, True] if organization.children.exists() else [False]
    return [_report_line(organization, today.year - 1, consolidated, today) for consolidated in kinds]


def _report_line(organization: Organization, year: int, consolidated: bool, today: date) -> Line:
    expected = AnnualReport(organization=organization, year=year, consolidated=consolidated)
    subject = _("%(year)s年度报告（汇总）") if consolidated else _("%(year)s年度报告")
    subject = subject % {"year": year}
    due = expected.legal_deadline
    published = (
        AnnualReport.objects.published()
        .filter(organization=organization, year=year, consolidated=consolidated)
        .order_by("published_on")
        .first()
    )
    if published is not None:
        detail = _("已于 %(day)s 发布，期限 %(due)s") % {
            "day": published.published_on.isoformat(),
            "due": due.isoformat(),
        }
        late = published.published_on > due
        margin = (due - published.published_on).days if late else None
        return Line("annual_report", subject, detail, margin, late, url=published.get_absolute_url(), due=due)
    detail = _("尚未发布，应于 %(due)s 前发布") % {"due": due.isoformat()}
    url = reverse("admin:annual_reports_annualreport_changelist")
    return by_deadline("annual_report", subject, detail, due, today, url)
