"""Demo letters to the 意见箱 (`manage.py load_demo`); safe to run twice.

Letters of the past months to the city and its departments: answered and published, answered privately,
and one still waiting, so the public list and the staff's reminder both have something to show.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from catalog.models import Organization

from . import services
from .models import Message

# (organization code suffix, kind, title, letter, writer, days ago received, answer, days to answer, published)
LETTERS = [
    ("01", Message.Kind.COMMENT, "建议公开目录增加按年份浏览",
     "在公开目录里找往年的预算说明要翻很多页，建议增加按年份筛选，并在首页放上常用的分类入口。我的电话13957000001。",
     "陈先生", 75,
     "感谢您的建议。政府信息公开目录已可按发布年份、信息分类和发布机构筛选，左侧的分类树也标明了每类信息的数量。"
     "我们将继续改进栏目设置，方便查阅。", 6, True),
    ("02", Message.Kind.COMMENT, "学前教育补助资金的申请条件能否写得更具体",
     "看了学前教育补助资金管理的通知，对“家庭经济困难”的认定标准不太清楚，希望能在政策解读里举例说明。",
     "林女士", 48,
     "您好。家庭经济困难幼儿的认定以最低生活保障、特困供养和低保边缘家庭等为依据，具体材料见政策解读第三部分。"
     "我们已在政策解读中补充了认定举例，欢迎继续提出意见。", 9, True),
    ("06", Message.Kind.CORRECTION, "公开指南中的办公时间与实际不符",
     "滨江街道的公开指南写的下午上班时间是14:00，实际窗口14:30才开，希望更正。",
     "王先生", 30,
     "感谢您的指正。街道便民服务窗口夏季作息时间为下午14:30开始办公，公开指南已按实际作息更正。", 3, True),
    ("05", Message.Kind.CORRECTION, "附件打不开",
     "市生态环境局一条关于餐饮油烟治理的通知，附件下载后打不开，请检查一下。联系邮箱 reader@example.com。",
     "赵女士", 20,
     "您好，经核查，该附件文件已重新上传，现可正常下载。如仍有问题，请拨打0570-8000501联系我们。", 2, False),
    ("03", Message.Kind.COMMENT, "养老服务补贴标准何时调整",
     "家里老人今年满八十周岁了，想了解养老服务补贴标准今年有没有调整，什么时候公布。",
     "周先生", 9, "", 0, False),
]  # fmt: skip


@transaction.atomic
def load() -> None:
    organizations = {org.code[-2:]: org for org in Organization.objects.filter(code__startswith="11330900DEMO")}
    for suffix, kind, title, letter, writer, days_ago, answer, days_to_answer, published in LETTERS:
        organization = organizations.get(suffix)
        if organization is None or Message.objects.filter(title=title).exists():
            continue
        fields = {"kind": kind, "organization": organization, "title": title, "body": letter, "name": writer}
        message, _code = services.receive({**fields, "phone": "0570-8000000"})
        received = timezone.localdate() - timedelta(days=days_ago)
        Message.objects.filter(pk=message.pk).update(
            received_on=received, received_at=timezone.make_aware(datetime.combine(received, time(10, 30)))
        )
        if answer:
            message.refresh_from_db()
            services.answer(message, answer, None, published)
            answered_at = timezone.make_aware(datetime.combine(received + timedelta(days=days_to_answer), time(16)))
            Message.objects.filter(pk=message.pk).update(
                answered_at=answered_at, published_at=answered_at if published else None
            )
