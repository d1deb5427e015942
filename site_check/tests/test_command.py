import json
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import make_staff
from tests.factories import new_item

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("check_site", *args, stdout=out, stderr=StringIO())
    except CommandError as error:
        return out.getvalue(), error.returncode
    return out.getvalue(), 0


def test_all_in_order_exits_zero(tidy_bureau):
    with time_machine.travel(date(2026, 1, 3)):
        out, status = run("--organization", tidy_bureau.code)
    assert status == 0
    assert "[正常] 首页更新：还有 13 天" in out


def test_a_failed_indicator_exits_one(tidy_bureau):
    with time_machine.travel(date(2026, 2, 1)):
        out, status = run("--organization", tidy_bureau.code)
    assert status == 1
    assert "[不合格] 2025年度报告：已超过 1 天" in out


def test_json_gives_the_same_lines(tidy_bureau):
    with time_machine.travel(date(2026, 1, 14)):
        out, _status = run("--organization", tidy_bureau.code, "--json")
    data = json.loads(out)
    [section] = data["organizations"]
    home = section["lines"][0]
    assert home == {
        "indicator": "home",
        "subject": "首页更新",
        "detail": "最后发布于 2026-01-02，距今 12 天；超过 2 周未更新即不合格",
        "state": "close",
        "margin": 2,
        "unit": "days",
        "due": "2026-01-16",
        "sentence": "还有 2 天",
        "url": f"/catalog/?organization={tidy_bureau.pk}",
    }
    assert (data["failed"], data["close"]) == (0, 2)


def test_the_weekly_digest_names_what_fails_first(tidy_bureau, settings):
    settings.PORTAL_BASE_URL = "https://gk.example.gov.cn"
    get_user_model().objects.filter(pk=make_staff("clerk", tidy_bureau).pk).update(email="clerk@example.org")
    new_item(tidy_bureau, category="work-news", on=date(2026, 1, 12))
    with time_machine.travel(date(2026, 1, 25)):
        run("--organization", tidy_bureau.code, "--mail")
    [message] = mail.outbox
    assert message.to == ["clerk@example.org"]
    assert message.subject == "网站自查：示范市教育局 不合格 0 项，即将不合格 3 项"
    body = message.body
    assert body.index("栏目：工作动态：还有 1 天") < body.index("2025年度报告：还有 6 天")
    assert f"https://gk.example.gov.cn/admin/site-check/{tidy_bureau.pk}/" in body


def test_a_body_in_order_gets_no_mail(tidy_bureau, settings):
    settings.PORTAL_BASE_URL = "https://gk.example.gov.cn"
    get_user_model().objects.filter(pk=make_staff("clerk", tidy_bureau).pk).update(email="clerk@example.org")
    with time_machine.travel(date(2026, 1, 3)):
        run("--organization", tidy_bureau.code, "--mail")
    assert mail.outbox == []


def test_an_unknown_organization_code_is_an_error():
    assert run("--organization", "nope")[1] == 1
