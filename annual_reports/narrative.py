"""Drafts of the narrative sections (一, 五, 六) built from the year's figures, for staff to edit.

The sentences that state figures are built by `figure_sentences` and kept on the report as drafted.
When the figures change, the sentences they now give differ from the kept ones: those found
unchanged in the text are replaced (`refresh_sentences`), the others staff must check themselves,
and the publication gate says which (`publication_gate.narrative_figure_findings`).

Counts of items read 条 and counts of applications 件, the change from last year in the same word.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext as _

from .figures import fee_figures, previous_totals
from .tables import ROW_CARRIED_IN, ROW_CARRIED_OUT, ROW_NEW, TOTAL

ITEMS_UNIT, APPLICATIONS_UNIT = "条", "件"
PROMPT_MANAGEMENT = "（请补充政府信息管理、保密审查等工作情况。）"
PROMPT_PLATFORM = "（请补充政府信息公开平台建设情况。）"
PROMPT_OVERSIGHT = "（请补充考核、培训、社会评议和责任追究等监督保障情况。）"
PROMPT_PROBLEMS = "（请补充本年度工作中存在的主要问题。）"
PROMPT_MEASURES = "（请补充改进措施。）"
PROMPT_FOLLOW_UP = "（请补充上述问题的整改情况，逐项说明。）"
SENTENCE_FIELDS = {
    "proactive": "overview",
    "on_request": "overview",
    "problem_points": "problems",
    "fees": "other_matters",
}


@dataclass
class Facts:
    """What the drafts say: whose work (本机关 / 全市), the tables, the statistics, the fees, last year."""

    scope: str
    tables: dict
    statistics: dict
    fees: dict
    previous: dict


def facts_for(report, figures: dict) -> Facts:
    return Facts(
        scope=report.scope_word,
        tables=figures["tables"],
        statistics=figures["statistics"],
        fees=fee_figures(figures),
        previous=previous_totals(figures, report.year),
    )


def chinese_date(day) -> str:
    """2026-01-31 → 2026年1月31日, as dates are written in official documents."""
    return f"{day.year}年{day.month}月{day.day}日"


def _paragraph(text: str) -> str:
    return format_html("<p>{}</p>", text)


def _heading(text: str) -> str:
    return format_html("<h3>{}</h3>", text)


def _number(value: float, unit: str = "") -> str:
    """87.5 → '87.5', 100.0 → '100' (every caller states a figure only when there is one)."""
    return f"{value:g}{unit}"


def wan(yuan: float) -> str:
    """Yuan as 万元 with four decimals and no thousands separator, as the national format writes money."""
    return f"{Decimal(str(yuan)) / 10000:.4f}"


def _change(current: int, previous: int, unit: str) -> str:
    """'比上年增加3件' / '比上年减少2条' / '与上年持平', in the unit of the figure it compares."""
    if current > previous:
        return _("比上年增加%(n)d%(unit)s") % {"n": current - previous, "unit": unit}
    if current < previous:
        return _("比上年减少%(n)d%(unit)s") % {"n": previous - current, "unit": unit}
    return _("与上年持平")


def proactive_sentence(facts: Facts) -> str:
    stats = facts.statistics
    published = stats["items_published"]
    text = _("本年度，%(scope)s通过政府信息公开平台主动公开政府信息%(n)d条，%(change)s。") % {
        "scope": facts.scope,
        "n": published,
        "change": _change(published, facts.previous["items"], ITEMS_UNIT),
    }
    categories = "，".join(f"{name}{count}条" for name, count in stats["items_by_category"].items())
    if categories:
        text += _("其中：%(list)s。") % {"list": categories}
    if stats["items_on_time_share"] is not None:
        text += _("在信息形成或者变更之日起20个工作日内公开的占%(share)s。") % {
            "share": _number(stats["items_on_time_share"], "%")
        }
    return text


def on_request_sentence(facts: Facts) -> str:
    """Counts from table 三 (so the text and the table agree); rates from the statistics."""
    section3 = facts.tables["section3"]
    received, carried_in = section3[ROW_NEW][TOTAL], section3[ROW_CARRIED_IN][TOTAL]
    concluded, carried_out = section3[TOTAL][TOTAL], section3[ROW_CARRIED_OUT][TOTAL]
    if received == 0 and carried_in == 0:
        return _("本年度，%(scope)s未收到政府信息公开申请，也没有上年结转的申请。") % {"scope": facts.scope}
    if received == 0:
        text = _("本年度，%(scope)s未收到新的政府信息公开申请；上年结转申请%(n)d件。") % {
            "scope": facts.scope,
            "n": carried_in,
        }
    else:
        text = _("本年度，%(scope)s共收到政府信息公开申请%(n)d件，%(change)s") % {
            "scope": facts.scope,
            "n": received,
            "change": _change(received, facts.previous["received"], APPLICATIONS_UNIT),
        }
        text += _channels(facts.statistics, received) + "。"
        if carried_in:
            text += _("上年结转申请%(n)d件。") % {"n": carried_in}
    text += _concluded(facts.statistics, concluded, carried_out)
    return text


def _channels(stats: dict, received: int) -> str:
    channels = stats["received_by_channel"]
    if sum(channels.values()) != received:  # a consolidated table summed from published reports: say no more
        return ""
    return _("（%(list)s）") % {"list": "，".join(f"{name}{count}件" for name, count in channels.items())}


def _concluded(stats: dict, concluded: int, carried_out: int) -> str:
    if concluded == 0:
        text = _("本年度没有办结的申请")
    else:
        text = _("本年度办结%(n)d件") % {"n": concluded}
        if stats["on_time_rate"] is not None:
            text += _("，按期答复率%(rate)s") % {"rate": _number(stats["on_time_rate"], "%")}
        if stats["median_workdays"] is not None:
            text += _("，答复用时的中位数为%(days)s个工作日") % {"days": _number(stats["median_workdays"])}
    if carried_out:
        return text + _("；结转下年度继续办理%(n)d件。") % {"n": carried_out}
    return text + "。"


def problem_points(facts: Facts) -> str:
    """Points of section 五 where the figures suggest a problem ('' when they suggest none)."""
    stats, points = facts.statistics, []
    if stats["on_time_rate"] is not None and stats["on_time_rate"] < 100:
        points.append(
            _("本年度依申请公开按期答复率为%(rate)s，个别申请未在法定期限内答复。")
            % {"rate": f"{stats['on_time_rate']:g}%"}
        )
    if stats["items_on_time_share"] is not None and stats["items_on_time_share"] < 100:
        points.append(
            _("部分主动公开信息未在形成之日起20个工作日内公开（及时公开率%(share)s）。")
            % {"share": f"{stats['items_on_time_share']:g}%"}
        )
    return "".join(points)


def fees_sentence(facts: Facts) -> str:
    """六: the fee notices issued and the fees collected in the year (国办公开办函〔2021〕30号)."""
    fees = facts.fees
    if not fees["notices"] and not fees["collected_yuan"]:
        return _("本年度，%(scope)s未发出收费通知，未收取信息处理费。") % {"scope": facts.scope}
    return _("本年度，%(scope)s发出收费通知%(n)d件，总金额%(amount)s万元；实际收取信息处理费%(collected)s万元。") % {
        "scope": facts.scope,
        "n": fees["notices"],
        "amount": wan(fees["notice_amount_yuan"]),
        "collected": wan(fees["collected_yuan"]),
    }


def figure_sentences(facts: Facts) -> dict[str, str]:
    return {
        "proactive": proactive_sentence(facts),
        "on_request": on_request_sentence(facts),
        "problem_points": problem_points(facts),
        "fees": fees_sentence(facts),
    }


def overview_draft(sentences: dict[str, str]) -> str:
    """一、总体情况: the five parts the national format lists, figures first, prompts for the rest."""
    return "".join(
        [
            _heading(_("（一）主动公开")),
            _paragraph(sentences["proactive"]),
            _heading(_("（二）依申请公开")),
            _paragraph(sentences["on_request"]),
            _heading(_("（三）政府信息管理")),
            _paragraph(_(PROMPT_MANAGEMENT)),
            _heading(_("（四）平台建设")),
            _paragraph(_(PROMPT_PLATFORM)),
            _heading(_("（五）监督保障")),
            _paragraph(_(PROMPT_OVERSIGHT)),
        ]
    )


def problems_draft(sentences: dict[str, str], last_year_problems: list[str] | None = None) -> str:
    """五: last year's problems to report the follow-up on (上年度问题整改情况), then this year's."""
    this_year = "".join(
        [
            _paragraph(sentences["problem_points"] or _(PROMPT_PROBLEMS)),
            _paragraph(_(PROMPT_MEASURES)),
        ]
    )
    if not last_year_problems:
        return this_year
    return "".join(
        [
            _heading(_("（一）上年度问题整改情况")),
            _paragraph(_("上年度报告提出的问题：")),
            *[_paragraph(problem) for problem in last_year_problems],
            _paragraph(_(PROMPT_FOLLOW_UP)),
            _heading(_("（二）存在的主要问题及改进措施")),
            this_year,
        ]
    )


def other_matters_draft(sentences: dict[str, str]) -> str:
    return _paragraph(sentences["fees"])


def last_year_problems(problems_html: str) -> list[str]:
    """The problems a published report named: its paragraphs after its own follow-up part, prompts left out."""
    from .exports.text import html_paragraphs

    parts = html_paragraphs(problems_html)
    headings = [index for index, (kind, text) in enumerate(parts) if kind == "heading" and "存在的主要问题" in text]
    if headings:
        parts = parts[headings[-1] + 1 :]
    return [text for kind, text in parts if kind == "paragraph" and "（请补充" not in text]


def refresh_sentences(texts: dict[str, str], kept: dict[str, str], current: dict[str, str]) -> tuple[dict, dict]:
    """Replace each kept sentence that went stale by the current one where the text still holds it verbatim.

    Returns the texts and the sentences now kept: a stale sentence that staff rewrote stays as it
    was kept, so the gate keeps asking for it to be checked.
    """
    texts, kept = dict(texts), dict(kept)
    for key, sentence in current.items():
        old = kept.get(key)
        if old == sentence:
            continue
        name = SENTENCE_FIELDS[key]
        if old and old in texts[name]:
            texts[name] = texts[name].replace(old, sentence)  # every verbatim copy states the same stale figures
            kept[key] = sentence
        elif not old:
            kept[key] = sentence  # the text stated nothing here, so it cannot contradict the figures
    return texts, kept


def stale_sentences(kept: dict[str, str], current: dict[str, str]) -> list[tuple[str, str]]:
    """(as drafted, as the figures now give it) for each figure sentence that changed and still stated figures."""
    return [
        (strip_tags(kept[key]), strip_tags(sentence))
        for key, sentence in current.items()
        if kept.get(key) and kept[key] != sentence
    ]
