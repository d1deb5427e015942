from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from subscriptions import services
from subscriptions.models import Delivery, Subscription

from .conftest import new_item, subscribe_confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(bureau, notices):
    subscription = subscribe_confirmed(category=notices.pk)
    services.send_digest(subscription.pk, "https://gk.example.gov.cn")
    return subscription


def test_the_link_shows_what_is_followed_and_a_button(client, subscription):
    page = client.get(reverse("subscriptions:unsubscribe", args=[subscription.unsubscribe_key])).content.decode()
    assert "信息分类：通知公告" in page
    assert "确认退订" in page
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_the_button_deletes_the_row_the_address_and_the_deliveries(client, bureau, notices):
    subscription = subscribe_confirmed(email="gone@example.org", category=notices.pk)
    new_item(bureau, on=date(2026, 3, 2))
    services.send_digest(subscription.pk, "https://gk.example.gov.cn")
    assert Delivery.objects.filter(subscription=subscription).count() == 1
    response = client.post(reverse("subscriptions:unsubscribe", args=[subscription.unsubscribe_key]))
    assert "您的邮箱地址已从本网站删除" in response.content.decode()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert not Subscription.objects.filter(email="gone@example.org").exists()
    assert not Delivery.objects.exists()


def test_a_mail_program_unsubscribes_with_one_post_and_no_csrf_token(subscription):
    strict = Client(enforce_csrf_checks=True)
    url = reverse("subscriptions:unsubscribe", args=[subscription.unsubscribe_key])
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_an_unknown_or_used_link_says_it_is_done(client):
    response = client.get(reverse("subscriptions:unsubscribe", args=["no-such-key"]))
    assert "订阅已取消" in response.content.decode()
