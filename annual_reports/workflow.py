"""The annual report's transitions table: action → states that allow it → who may take it.

The admin's buttons and views and the services read this table; nothing else lists states. Each
service re-reads its row with `select_for_update()` and calls `require` on that fresh row, so a
step that lost a race (a second click, a colleague publishing first) gets a clear message and has
no second effect.

    草稿 (draft) ──保存草稿 / 更新数据（本机关工作人员）──▶ 草稿
    草稿 ──发布年度报告（审核人；双人审核时不是最后修改人；发布前检查无“必须处理”）──▶ 已发布 (published)
    已发布 ──发布更正版本（本机关工作人员）──▶ 新的草稿（版本+1）；原版本仍为已发布，被更正版本取代后标注
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog.transitions import NotAllowedNow, Transition

from . import permissions
from .models import AnnualReport

DRAFT, PUBLISHED = frozenset({AnnualReport.State.DRAFT}), frozenset({AnnualReport.State.PUBLISHED})

TRANSITIONS = {
    "save": Transition("save", _("保存草稿"), DRAFT, permissions.can_edit),
    "refresh": Transition("refresh", _("更新数据"), DRAFT, permissions.can_edit),
    "publish": Transition(
        "publish",
        _("发布年度报告…"),
        DRAFT,
        permissions.can_publish,
        irreversible=True,
        confirmation=_(
            "发布后数据即冻结，报告在门户网站公开，并放入政府信息公开目录的“年度报告”栏目；"
            "发布不能撤销，发现错误只能发布更正版本（原版本仍可查阅）。"
        ),
    ),
    "correct": Transition("correct", _("发布更正版本"), PUBLISHED, permissions.can_correct),
}


def require(action: str, report: AnnualReport, by) -> None:
    """Raise NotAllowedNow, saying why, unless `by` may take `action` on the report as it is now."""
    transition = TRANSITIONS[action]
    if report.state not in transition.states:
        raise NotAllowedNow(
            gettext("这份年度报告当前为“%(state)s”，不能%(action)s。")
            % {"state": report.get_state_display(), "action": str(transition.label).rstrip("…")}
        )
    if by is None or transition.may(by, report):
        return
    if action == "publish" and permissions.is_reviewer(by, report):
        raise NotAllowedNow(gettext("本机关实行双人审核：最后修改这份报告的人不能发布它，请由另一位审核人核对后发布。"))
    if action == "publish":
        raise NotAllowedNow(gettext("只有本机关的审核人或系统管理员可以发布年度报告。"))
    raise NotAllowedNow(gettext("您无权对这份年度报告执行此操作。"))
