import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from subscriptions import criteria, services
from subscriptions.models import Subscription

from .conftest import form_data

pytestmark = pytest.mark.django_db


def confirm_path(client, notices) -> str:
    client.post(reverse("subscriptions:subscribe"), form_data(category=notices.pk))
    return re.search(r"http://testserver(/subscriptions/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_opening_the_link_asks_before_storing_anything(client, notices):
    page = client.get(confirm_path(client, notices)).content.decode()
    assert "信息分类：通知公告" in page
    assert "reader@example.org" in page
    assert not Subscription.objects.exists()


def test_the_button_stores_the_subscription(client, notices):
    response = client.post(confirm_path(client, notices))
    assert "订阅成功" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == "reader@example.org"
    assert criteria.parse(subscription.criteria) == {"category": str(notices.pk)}
    assert subscription.since == timezone.localdate()


def test_confirming_twice_keeps_one_subscription(client, notices):
    path = confirm_path(client, notices)
    client.post(path)
    client.post(path)
    assert Subscription.objects.count() == 1


def test_the_link_expires_after_three_days(client, notices):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        path = confirm_path(client, notices)
        traveller.shift(timedelta(days=services.CONFIRM_DAYS) - timedelta(seconds=1))
        assert client.get(path).status_code == 200
        traveller.shift(timedelta(seconds=2))
        response = client.post(path)
    assert response.status_code == 400
    assert "确认链接无效或已过期" in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_forged_link_stores_nothing(client, notices):
    path = confirm_path(client, notices)
    response = client.post(path.replace("/confirm/", "/confirm/x"))
    assert response.status_code == 400
    assert not Subscription.objects.exists()
