import re
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from subscriptions import criteria, services
from subscriptions.models import Delivery, Subscription

from .conftest import BASE, form_data, new_item, subscribe_confirmed

pytestmark = pytest.mark.django_db


def titles(message) -> list[str]:
    return [line.split(" ", 1)[1].rsplit("（", 1)[0] for line in message.body.splitlines() if line[:4] == "2026"]


def test_a_digest_holds_exactly_the_new_matches(bureau, other_bureau, notices):
    new_item(bureau, title="开学前的通知", on=date(2026, 3, 1))  # before the subscription began
    new_item(bureau, title="防汛的通知", on=date(2026, 3, 2))
    new_item(bureau, title="工作动态一则", category="work-news", on=date(2026, 3, 3))
    new_item(other_bureau, title="民政局的通知", on=date(2026, 3, 4))
    subscription = subscribe_confirmed(category=notices.pk, since=date(2026, 3, 2))
    assert services.send_digest(subscription.pk, BASE) == 2
    [message] = mail.outbox
    assert titles(message) == ["防汛的通知", "民政局的通知"]
    assert message.subject == "2 条新信息：信息分类：通知公告"


def test_an_organization_subscription_includes_the_bodies_below(city, bureau, other_bureau):
    new_item(bureau, title="教育局的通知", on=date(2026, 3, 2))
    new_item(other_bureau, title="民政局的通知", on=date(2026, 3, 3))
    subscription = subscribe_confirmed(organization=bureau.pk)
    services.send_digest(subscription.pk, BASE)
    assert titles(mail.outbox[0]) == ["教育局的通知"]


def test_a_search_subscription_matches_the_words_like_the_search_page(
    bureau, notices, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written after the commit
        new_item(bureau, title="关于防汛抗旱工作的通知", on=date(2026, 3, 2))
        new_item(bureau, title="关于春季开学的通知", on=date(2026, 3, 2))
        new_item(bureau, title="防汛物资储备动态", category="work-news", on=date(2026, 3, 2))
    subscription = subscribe_confirmed(q="防汛", category=notices.pk)
    services.send_digest(subscription.pk, BASE)
    assert titles(mail.outbox[0]) == ["关于防汛抗旱工作的通知"]


def test_nothing_is_sent_twice_and_no_mail_when_nothing_is_new(bureau, notices):
    new_item(bureau, title="第一份通知", on=date(2026, 3, 2))
    subscription = subscribe_confirmed(category=notices.pk)
    assert services.send_digest(subscription.pk, BASE) == 1
    assert services.send_digest(subscription.pk, BASE) == 0
    assert len(mail.outbox) == 1
    new_item(bureau, title="第二份通知", on=date(2026, 3, 2))  # published later, dated the same day
    assert services.send_digest(subscription.pk, BASE) == 1
    assert titles(mail.outbox[1]) == ["第二份通知"]


def test_every_digest_can_be_unsubscribed_in_one_click(bureau, notices):
    new_item(bureau, on=date(2026, 3, 2))
    subscription = subscribe_confirmed(category=notices.pk)
    services.send_digest(subscription.pk, BASE)
    [message] = mail.outbox
    link = f"{BASE}/subscriptions/unsubscribe/{subscription.unsubscribe_key}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    assert f'href="{link}"' in message.alternatives[0][0]


def test_a_failed_send_records_nothing_so_the_retry_sends_the_same_items(bureau, notices, monkeypatch):
    new_item(bureau, on=date(2026, 3, 2))
    subscription = subscribe_confirmed(category=notices.pk)
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", lambda self: (_ for _ in ()).throw(OSError))
    with pytest.raises(OSError):
        services.send_digest(subscription.pk, BASE)
    assert not Delivery.objects.exists()


def test_a_subscription_whose_category_was_deleted_matches_nothing(bureau):
    new_item(bureau, on=date(2026, 3, 2))
    subscription = subscribe_confirmed(category=999999)
    assert services.send_digest(subscription.pk, BASE) == 0


def test_the_cron_command_sends_the_digests_through_the_tasks(bureau, notices, settings_base):
    new_item(bureau, title="防汛的通知", on=date(2026, 3, 2))
    subscribe_confirmed(email="a@example.org", category=notices.pk)
    subscribe_confirmed(email="b@example.org", category=notices.pk, q="开学")
    call_command("send_subscription_digests")
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    call_command("send_subscription_digests")
    assert len(mail.outbox) == 1


def test_the_cron_command_needs_the_portal_address(settings):
    settings.PORTAL_BASE_URL = ""
    with pytest.raises(CommandError, match="PORTAL_BASE_URL"):
        call_command("send_subscription_digests")


def test_an_item_approved_after_subscribing_is_new_though_dated_before(bureau, notices):
    """Staff date a notice 03-09; the review that makes it public comes after the reader subscribed on 03-10."""
    subscription = subscribe_confirmed(category=notices.pk, since=date(2026, 3, 10))
    assert services.send_digest(subscription.pk, BASE) == 0
    new_item(bureau, title="补录的通知", on=date(2026, 3, 9))
    assert services.send_digest(subscription.pk, BASE) == 1
    assert titles(mail.outbox[-1]) == ["补录的通知"]


def test_search_words_sent_with_a_line_break_still_make_a_digest(
    client, bureau, notices, django_capture_on_commit_callbacks
):
    """A hand-made request may put a line break in the words; they go into the mail's subject line."""
    client.post(reverse("subscriptions:subscribe"), form_data(q="防汛\n通知"))
    client.post(re.search(r"http://testserver(/subscriptions/confirm/[^/\s]+/)", mail.outbox[-1].body).group(1))
    subscription = Subscription.objects.get()
    assert criteria.parse(subscription.criteria) == {"q": "防汛 通知"}
    Subscription.objects.filter(pk=subscription.pk).update(since=date(2026, 3, 1))
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written after commit
        new_item(bureau, title="关于做好防汛工作的通知", on=date(2026, 3, 2))
    assert services.send_digest(subscription.pk, BASE) == 1
