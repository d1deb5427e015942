"""Demo applications for a first run (`manage.py load_demo`); safe to run twice.

For every organization the catalog's demo created (none: nothing is created), about two dozen
applications in every state over 2024 to today, some replied late, some with appeals. They go
through the workflow services, so their events and dates are those real work would leave.
The demo application DEMO-<org>-001 can be looked up with the code DEMOCODE01.
"""

import random
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from catalog.models import Organization
from catalog.workdays import WorkCalendar, current_calendar

from . import services
from .deadlines import reply_due
from .models import Appeal, Application
from .services.numbers import hash_lookup_code

DEMO_CODE = "DEMOCODE01"
PER_ORGANIZATION = 26
NAMES = ["陈晓明", "林小芳", "黄建国", "赵丽华", "周志强", "吴晓燕", "郑海涛", "王淑芬", "李文博", "刘雅琴"]
ORGANIZATIONS = [
    ("commercial", "云溪市恒信建材有限公司"), ("research", "云溪市农业科学研究所"),
    ("welfare", "云溪市绿水环保志愿者协会"), ("legal", "浙江云溪正明律师事务所"), ("other", "云溪市滨江小区业主委员会"),
]  # fmt: skip
WANTED = [
    "{year}年度部门预算执行情况", "本辖区{year}年新建学校项目的立项批复", "{year}年城乡低保资金发放明细（汇总）",
    "某小区周边道路改造工程的环境影响评价文件", "{year}年公开招聘工作人员的考试成绩汇总",
    "本单位{year}年行政处罚决定汇总",
    "辖区内养老服务机构名单及补贴标准", "{year}年民生实事项目进展情况",
]  # fmt: skip
SCENARIOS = [
    "submitted", "replied", "late", "corrected", "awaiting_correction", "consulting", "consulted", "extended",
    "fee_paid", "awaiting_payment", "withdrawn", "open", "abandoned",
]  # fmt: skip
COMMON_OUTCOMES = ["1", "1", "1", "2", "3.4", "3.6", "4.1", "4.1", "4.2", "5.2", "6.3"]
# The reasons a letter gives, by the outcome's group (部分公开, 不予公开, 无法提供, 不予处理).
REASONS = {
    "2": "所申请信息中有关企业的报价明细属于商业秘密，依照条例第十五条、第三十七条作区分处理，其余部分予以提供。",
    "3": "所申请信息属于条例第十五条、第十六条规定不予公开的情形，本机关依法不予公开。",
    "4": "经本机关检索，未制作或获取所申请的信息，依照条例第三十六条第四项告知。",
    "5": "该申请与此前已答复的申请内容相同，依照条例第三十六条第六项不再重复处理。",
}


def load() -> None:
    calendar = current_calendar()
    for organization in Organization.objects.order_by("pk"):
        if not Application.objects.filter(number__startswith=f"DEMO-{organization.pk}-").exists():
            _load_organization(organization, calendar, random.Random(organization.pk))


@transaction.atomic
def _load_organization(organization: Organization, calendar: WorkCalendar, rng: random.Random) -> None:
    today = timezone.localdate()
    for index in range(PER_ORGANIZATION):
        scenario = SCENARIOS[index % len(SCENARIOS)]
        recent = scenario in ("submitted", "awaiting_correction", "consulting", "awaiting_payment", "open")
        received = _received_day(calendar, rng, today, recent)
        application = _create(organization, index, received, scenario, rng)
        _play(application, scenario, calendar, rng, today)
        if application.state == Application.State.REPLIED and rng.random() < 0.2:
            _appeal(application, rng, today)


def _received_day(calendar, rng, today: date, recent: bool) -> date:
    # Recent enough to be open, old enough for the first steps to have happened.
    start = today - timedelta(days=30) if recent else date(2024, 1, 2)
    end = today - timedelta(days=12) if recent else today - timedelta(days=60)
    day = start + timedelta(days=rng.randrange(max((end - start).days, 1)))
    while not calendar.is_workday(day):
        day += timedelta(days=1)
    return min(day, today)


def _create(organization, index: int, received: date, scenario: str, rng) -> Application:
    natural = rng.random() < 0.75
    kind, name = ("natural", rng.choice(NAMES)) if natural else rng.choice(ORGANIZATIONS)
    online = scenario == "submitted" or rng.random() < 0.6
    application = Application.objects.create(
        organization=organization,
        number=f"DEMO-{organization.pk}-{index + 1:03d}",
        lookup_code_hash=hash_lookup_code(DEMO_CODE) if index == 0 else "",
        channel="online" if online else rng.choice(["in_person", "mail", "fax", "other"]),
        state=Application.State.SUBMITTED,
        applicant_type=kind,
        applicant_name=name,
        phone=f"139{rng.randrange(10**8):08d}",
        info_title=rng.choice(WANTED).format(year=received.year - 1),
        info_description="请提供该信息的电子版。",
        delivery_form="email",
        delivery_method="email",
        submitted_at=timezone.make_aware(datetime.combine(received, time(9, 30))),
    )
    if scenario != "submitted":
        services.confirm(application, on=received, by=None)
    return application


def _after(calendar, day: date, low: int, high: int, rng, today: date) -> date | None:
    later = calendar.add_workdays(day, rng.randint(low, high))
    return later if later <= today else None


def _letter(application) -> ContentFile:
    text = f"{application.organization.name}\n政府信息公开申请答复书（演示）\n受理编号：{application.number}\n"
    return ContentFile(text.encode("utf-8"), name=f"{application.number}-reply.txt")


def _reply(application, on: date | None, rng, outcome: str | None = None) -> None:
    if on is None:
        return
    outcome = outcome or rng.choice(COMMON_OUTCOMES)
    reason = REASONS.get(outcome.split(".")[0], "")
    services.reply(application, by=None, on=on, outcome=outcome, reason=reason, letter=_letter(application))


def _play(application, scenario: str, calendar, rng, today: date) -> None:
    """Walk the application through the steps of its scenario, as far as today allows."""
    received = application.received_on
    if scenario in ("submitted", "open"):
        return
    if scenario == "replied":
        _reply(application, _after(calendar, received, 4, 18, rng, today), rng)
    elif scenario == "late":
        due = reply_due(application, calendar)
        _reply(application, _after(calendar, due, 2, 8, rng, today), rng)
    elif scenario in ("corrected", "awaiting_correction", "abandoned"):
        _correction(application, scenario, calendar, rng, today)
    elif scenario in ("consulting", "consulted"):
        sent = _after(calendar, received, 2, 5, rng, today)
        if sent:
            consultation = services.consult(application, on=sent, party="third_party", party_name="相关企业", by=None)
            opinion = _after(calendar, sent, 5, 14, rng, today) if scenario == "consulted" else None
            if opinion:
                services.receive_opinion(application, by=None, on=opinion, consultation=consultation)
                _reply(application, _after(calendar, opinion, 3, 10, rng, today), rng, "2")
    elif scenario == "extended":
        on = _after(calendar, received, 15, 18, rng, today)
        if on:
            services.extend(application, on=on, days=rng.randint(10, 20), approved_by="办公室主任", by=None)
            _reply(application, _after(calendar, on, 5, 12, rng, today), rng)
    elif scenario in ("fee_paid", "awaiting_payment"):
        _fee(application, scenario, calendar, rng, today)
    elif scenario == "withdrawn":
        on = _after(calendar, received, 1, 6, rng, today)
        if on:
            services.withdraw(application, by=None, on=on, via="书面申请")


def _correction(application, scenario: str, calendar, rng, today: date) -> None:
    asked = _after(calendar, application.received_on, 1, 6, rng, today)
    if asked is None:
        return
    services.request_correction(application, on=asked, period_days=10, by=None, note="请明确所需信息的时间范围")
    if scenario == "abandoned":
        _reply(application, _after(calendar, asked, 12, 15, rng, today), rng, "6.1")
    elif scenario == "corrected":
        arrived = _after(calendar, asked, 2, 8, rng, today)
        if arrived:
            services.receive_correction(application, on=arrived, by=None)
            _reply(application, _after(calendar, arrived, 5, 18, rng, today), rng)


def _fee(application, scenario: str, calendar, rng, today: date) -> None:
    notified = _after(calendar, application.received_on, 3, 8, rng, today)
    if notified is None:
        return
    services.notify_fee(application, on=notified, method="per_page", pages=rng.randint(40, 160), by=None)
    if scenario == "fee_paid":
        paid = _after(calendar, notified, 2, 10, rng, today)
        if paid:
            services.record_payment(application, on=paid, by=None)
            _reply(application, _after(calendar, paid, 2, 8, rng, today), rng, "1")


def _appeal(application, rng, today: date) -> None:
    filed = application.concluded_on + timedelta(days=rng.randint(20, 50))
    if filed > today:
        return
    result = rng.choice(list(Appeal.Result))
    concluded = filed + timedelta(days=rng.randint(30, 90)) if result != Appeal.Result.PENDING else None
    Appeal.objects.create(
        organization=application.organization,
        application=application,
        kind=rng.choice(list(Appeal.Kind)),
        filed_on=filed,
        result=result if concluded is None or concluded <= today else Appeal.Result.PENDING,
        concluded_on=concluded if concluded and concluded <= today else None,
    )
