"""The annual report's outcomes (国办公开办函〔2021〕30号, section 三（三）).

Each concluded application has exactly one. The code follows the national table's
numbering; the label is the ledger's text (`不予公开-属于国家秘密`).
"""

from django.db import models


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
