"""The annual report's outcomes (国办公开办函〔2021〕30号, section 三（三）).

Each concluded application has exactly one. The code follows the national table's
numbering; the label is the ledger's text (`不予公开-属于国家秘密`).
"""

from django.db import models
from django.utils.translation import gettext

from .choices import ReplyType


class Outcome(models.TextChoices):
    DISCLOSED = "1", "予以公开"
    PARTIAL = "2", "部分公开"
    REFUSED_STATE_SECRET = "3.1", "不予公开-属于国家秘密"
    REFUSED_OTHER_LAW = "3.2", "不予公开-其他法律行政法规禁止公开"
    REFUSED_SECURITY = "3.3", "不予公开-危及“三安全一稳定”"
    REFUSED_THIRD_PARTY = "3.4", "不予公开-保护第三方合法权益"
    REFUSED_INTERNAL = "3.5", "不予公开-属于三类内部事务信息"
    REFUSED_PROCESS = "3.6", "不予公开-属于四类过程性信息"
    REFUSED_ENFORCEMENT_FILE = "3.7", "不予公开-属于行政执法案卷"
    REFUSED_QUERY_MATTER = "3.8", "不予公开-属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "4.1", "无法提供-本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_COMPILING = "4.2", "无法提供-没有现成信息需要另行制作"
    UNAVAILABLE_STILL_UNCLEAR = "4.3", "无法提供-补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "5.1", "不予处理-信访举报投诉类申请"
    NOT_PROCESSED_REPEATED = "5.2", "不予处理-重复申请"
    NOT_PROCESSED_PUBLICATION = "5.3", "不予处理-要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "5.4", "不予处理-无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRMATION = "5.5", "不予处理-要求行政机关确认或重新出具已获取信息"
    OTHER_NO_CORRECTION = "6.1", "其他处理-申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    OTHER_FEE_UNPAID = "6.2", "其他处理-申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    OTHER = "6.3", "其他处理-其他"

    @property
    def group(self) -> str:
        """The national table's group label: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理."""
        return self.label.split("-", 1)[0]

    @property
    def sub_item(self) -> str:
        return self.label.split("-", 1)[1] if "-" in self.label else ""


OUTCOME_BY_LEDGER_LABEL = {outcome.label: outcome for outcome in Outcome}


def _reply_types() -> dict:
    T = ReplyType
    refused = (T.REFUSED,)
    return {
        Outcome.DISCLOSED: (T.PROVIDED, T.ALREADY_PUBLISHED),
        Outcome.PARTIAL: (T.PARTIAL,),
        **dict.fromkeys([o for o in Outcome if o.value.startswith("3.")], refused),
        Outcome.REFUSED_QUERY_MATTER: (T.SPECIAL_PROCEDURE, T.REFUSED),
        Outcome.UNAVAILABLE_NOT_HELD: (T.NOT_EXIST, T.OTHER_AGENCY),
        Outcome.UNAVAILABLE_NEEDS_COMPILING: (T.NOT_COMPILED,),
        Outcome.UNAVAILABLE_STILL_UNCLEAR: (T.OTHER,),
        Outcome.NOT_PROCESSED_PETITION: (T.NOT_A_REQUEST,),
        Outcome.NOT_PROCESSED_REPEATED: (T.REPEATED,),
        Outcome.NOT_PROCESSED_PUBLICATION: (T.NOT_A_REQUEST, T.OTHER),
        Outcome.NOT_PROCESSED_EXCESSIVE: (T.OTHER,),
        Outcome.NOT_PROCESSED_CONFIRMATION: (T.OTHER,),
        Outcome.OTHER_NO_CORRECTION: (T.OTHER,),
        Outcome.OTHER_FEE_UNPAID: (T.OTHER,),
        Outcome.OTHER: (T.OTHER,),
    }


# One answer, one meaning: the kinds of reply (Art. 36-39) each outcome may be given as, the first the usual one.
REPLY_TYPES_FOR: dict[Outcome, tuple] = _reply_types()
REASON_GROUPS = ("部分公开", "不予公开", "无法提供", "不予处理")


def reply_types_for(outcome: str) -> tuple:
    return REPLY_TYPES_FOR.get(Outcome(outcome), ()) if outcome in Outcome.values else ()


def needs_reason(outcome: str) -> bool:
    """部分公开 and every 不予公开, 无法提供 and 不予处理 outcome must tell the applicant why (Art. 36, 37)."""
    return outcome in Outcome.values and Outcome(outcome).group in REASON_GROUPS


def inconsistency(outcome: str, reply_type: str) -> str | None:
    """Why an outcome and a reply type contradict each other; None when they agree."""
    if not outcome:
        return gettext("已办结但没有办理结果。") if reply_type else None
    allowed = reply_types_for(outcome)
    if reply_type and reply_type not in allowed:
        return gettext("办理结果“%(outcome)s”与答复类型“%(type)s”相矛盾。") % {
            "outcome": Outcome(outcome).label,
            "type": ReplyType(reply_type).label if reply_type in ReplyType.values else reply_type,
        }
    return None
