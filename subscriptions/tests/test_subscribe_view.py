import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from subscriptions.models import Subscription

from .conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def test_the_feeds_page_links_to_the_form(client):
    page = client.get(reverse("catalog:subscribe")).content.decode()
    assert f'href="{reverse("subscriptions:subscribe")}"' in page
    assert "用电子邮件订阅" in page


def test_the_form_is_prefilled_from_a_search(client, notices):
    page = client.get(reverse("subscriptions:subscribe"), {"q": "防汛 通知", "category": notices.pk}).content.decode()
    assert 'value="防汛 通知"' in page
    assert f'<option value="{notices.pk}" selected>' in page


def test_subscribing_mails_a_confirmation_link_and_stores_nothing(client, notices):
    response = client.post(reverse("subscriptions:subscribe"), form_data(category=notices.pk, q="防汛"))
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "信息分类：通知公告；检索词：防汛" in message.body
    assert re.search(r"http://testserver/subscriptions/confirm/[^/\s]+/", message.body)


def test_nothing_to_follow_is_refused_with_what_was_typed_kept(client):
    response = client.post(reverse("subscriptions:subscribe"), form_data(email="keep.me@example.org"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "请至少选择一个信息分类、发布机构或填写检索词，再订阅。" in page
    assert 'value="keep.me@example.org"' in page
    assert not mail.outbox


def test_a_bad_address_is_explained(client, notices):
    response = client.post(reverse("subscriptions:subscribe"), form_data(email="not-an-address", category=notices.pk))
    assert response.status_code == 400
    assert "请输入有效的电子邮箱地址" in response.content.decode()
    assert not mail.outbox


def test_a_category_that_does_not_exist_is_explained(client):
    response = client.post(reverse("subscriptions:subscribe"), form_data(category=999999))
    assert response.status_code == 400
    assert "信息分类：" in response.content.decode()
    assert not mail.outbox


def test_a_bot_filling_the_honeypot_gets_no_mail_sent(client, notices):
    response = client.post(reverse("subscriptions:subscribe"), form_data(category=notices.pk, website="x"))
    assert response.status_code == 400
    assert "提交过快或表单已过期" in response.content.decode()
    assert not mail.outbox


def test_one_address_cannot_be_flooded_with_confirmations(client, notices, settings):
    settings.SUBSCRIPTIONS_ADDRESS_RATE = "2/h"
    for _attempt in range(2):
        assert client.post(reverse("subscriptions:subscribe"), form_data(category=notices.pk)).status_code == 302
    response = client.post(reverse("subscriptions:subscribe"), form_data(category=notices.pk))
    assert response.status_code == 429
    assert "短时间内提交订阅的次数过多" in response.content.decode()
    assert len(mail.outbox) == 2
