"""Drafts of the narrative sections (一, 五, 六) built from the year's figures, for staff to edit."""

from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from .statistics import YearStatistics


def _paragraph(text: str) -> str:
    return format_html("<p>{}</p>", text)


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return _("暂无数据")
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{text}{unit}"


def _change(current: int, previous: int) -> str:
    """'比上年增加 3 件' / '减少' / '与上年持平'."""
    if current > previous:
        return _("比上年增加%(n)d件") % {"n": current - previous}
    if current < previous:
        return _("比上年减少%(n)d件") % {"n": previous - current}
    return _("与上年持平")


def overview_draft(stats: YearStatistics, previous: dict) -> str:
    """一、总体情况: proactive disclosure, disclosure on request, with the previous year for comparison."""
    categories = "，".join(f"{escape(name)}{count}条" for name, count in stats.items_by_category.items())
    proactive = _("本年度通过政府信息公开平台主动公开政府信息%(n)d条，%(change)s。") % {
        "n": stats.items_published,
        "change": _change(stats.items_published, previous.get("items", 0)),
    }
    if categories:
        proactive += _("其中：%(list)s。") % {"list": categories}
    if stats.items_on_time_share is not None:
        proactive += _("在信息形成或者变更之日起20个工作日内公开的占%(share)s。") % {
            "share": _number(stats.items_on_time_share, "%")
        }
    channels = "，".join(f"{escape(name)}{count}件" for name, count in stats.received_by_channel.items())
    on_request = _("本年度共收到政府信息公开申请%(n)d件，%(change)s") % {
        "n": stats.received,
        "change": _change(stats.received, previous.get("received", 0)),
    }
    on_request += _("（%(list)s）。") % {"list": channels} if channels else "。"
    on_request += _("本年度办结%(n)d件，按期答复率%(rate)s，答复用时的中位数为%(days)s个工作日。") % {
        "n": stats.concluded,
        "rate": _number(stats.on_time_rate, "%"),
        "days": _number(stats.median_workdays),
    }
    return "".join(
        [
            format_html("<h3>{}</h3>", _("（一）主动公开")),
            _paragraph(proactive),
            format_html("<h3>{}</h3>", _("（二）依申请公开")),
            _paragraph(on_request),
            format_html("<h3>{}</h3>", _("（三）政府信息管理")),
            _paragraph(_("（请补充政府信息管理、保密审查等工作情况。）")),
            format_html("<h3>{}</h3>", _("（四）平台建设")),
            _paragraph(_("（请补充政府信息公开平台建设情况。）")),
            format_html("<h3>{}</h3>", _("（五）监督保障")),
            _paragraph(_("（请补充考核、培训、社会评议等监督保障情况。）")),
        ]
    )


def problems_draft(stats: YearStatistics, overdue_open: int) -> str:
    """五、存在的主要问题及改进情况: points where the figures suggest a problem."""
    points = []
    if stats.on_time_rate is not None and stats.on_time_rate < 100:
        points.append(
            _("本年度依申请公开按期答复率为%(rate)s，个别申请未在法定期限内答复。")
            % {"rate": f"{stats.on_time_rate:g}%"}
        )
    if overdue_open:
        points.append(_("截至年底仍有%(n)d件申请已超过答复期限尚未办结。") % {"n": overdue_open})
    if stats.items_on_time_share is not None and stats.items_on_time_share < 100:
        points.append(
            _("部分主动公开信息未在形成之日起20个工作日内公开（及时公开率%(share)s）。")
            % {"share": f"{stats.items_on_time_share:g}%"}
        )
    if not points:
        points.append(_("（请补充本年度工作中存在的主要问题。）"))
    points.append(_("（请补充改进措施。）"))
    return "".join(_paragraph(point) for point in points)


def other_matters_draft(fees_yuan: float) -> str:
    """六、其他需要报告的事项: must state the processing fees charged in the year."""
    if fees_yuan:
        return _paragraph(_("本年度收取信息处理费%(amount)s元。") % {"amount": f"{fees_yuan:,.2f}"})
    return _paragraph(_("本年度未收取信息处理费。"))
