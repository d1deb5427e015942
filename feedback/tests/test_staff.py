"""Staff answer in the admin, each organization its own letters; waiting and overdue letters are shown."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from feedback import services
from feedback.models import Message, months_after


def _letter(organization, title="建议公开学校食堂检查结果", received_on=date(2026, 3, 2), **fields) -> Message:
    message, _code = services.receive(
        {
            "organization": organization,
            "title": title,
            "body": "我叫张三丰，电话13912345678。",
            "name": "张三丰",
            "phone": "13912345678",
            **fields,
        }
    )
    Message.objects.filter(pk=message.pk).update(received_on=received_on)
    message.refresh_from_db()
    return message


@pytest.mark.parametrize(
    "day, later",
    [
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2025, 11, 30), date(2026, 2, 28)),
        (date(2024, 11, 30), date(2025, 2, 28)),
        (date(2023, 11, 29), date(2024, 2, 29)),
        (date(2026, 12, 31), date(2027, 3, 31)),
        (date(2026, 3, 2), date(2026, 6, 2)),
    ],
)
def test_three_months_after_keeps_the_day_or_takes_the_month_s_last(day, later):
    assert months_after(day, 3) == later


def test_a_letter_is_overdue_the_day_after_three_months_and_the_list_agrees(bureau):
    """Every day of a year received; checked on one day: the query and the method say the same."""
    first = date(2025, 10, 1)
    letters = [_letter(bureau, f"留言{n}", first + timedelta(days=n)) for n in range(0, 140, 1)]
    for today in (date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 31)):
        listed = set(Message.objects.overdue(today).values_list("pk", flat=True))
        assert listed == {letter.pk for letter in letters if letter.is_overdue(today)}, today
    boundary = next(letter for letter in letters if letter.received_on == date(2025, 11, 30))
    assert not boundary.is_overdue(date(2026, 2, 28)) and boundary.is_overdue(date(2026, 3, 1))


def test_an_answered_letter_is_never_overdue(bureau):
    letter = services.answer(_letter(bureau, received_on=date(2025, 1, 2)), "已答复。", None, publish=False)
    assert not letter.is_overdue(date(2026, 1, 1)) and not Message.objects.overdue(date(2026, 1, 1)).exists()


def test_a_letter_s_age_counts_until_it_is_answered(bureau):
    letter = _letter(bureau, received_on=date(2026, 3, 2))
    assert letter.age_days(date(2026, 3, 12)) == 10
    with time_machine.travel("2026-03-06 10:00 +0800", tick=False):
        services.answer(letter, "已答复。", None, publish=False)
    assert letter.age_days(date(2026, 5, 1)) == 4


def test_staff_see_and_answer_only_their_organization_s_letters(client, editor, bureau, other_bureau):
    mine, theirs = _letter(bureau, "本机关的留言"), _letter(other_bureau, "其他机关的留言")
    client.force_login(editor)
    listing = client.get(reverse("admin:feedback_message_changelist")).content.decode()
    assert mine.title in listing and theirs.title not in listing
    assert client.get(reverse("admin:feedback_message_change", args=[theirs.pk])).status_code in (302, 403, 404)
    response = client.post(
        reverse("admin:feedback_message_change", args=[mine.pk]),
        {"answer": "已转交学校，每季度公开。", "public_question": "", "publish": "on"},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.is_published and mine.answered_by == editor
    assert "13912345678" not in mine.public_question and "张三丰" not in mine.public_question


def test_an_answer_cannot_be_empty(client, editor, bureau):
    letter = _letter(bureau)
    client.force_login(editor)
    response = client.post(reverse("admin:feedback_message_change", args=[letter.pk]), {"answer": "", "publish": "on"})
    assert response.status_code == 200 and "请填写此项。" in response.content.decode()
    letter.refresh_from_db()
    assert not letter.is_answered


def test_personal_data_typed_into_the_public_text_is_removed_again(bureau):
    letter = services.answer(_letter(bureau), "已答复。", None, True, public_question="张三丰说：请回电13912345678")
    assert letter.public_question == "***说：请回电***********"


def test_the_admin_home_shows_waiting_and_overdue_letters_of_one_s_organizations(client, editor, bureau, other_bureau):
    with time_machine.travel("2026-06-10 10:00 +0800", tick=False):
        _letter(bureau, "等待中", date(2026, 6, 1))
        _letter(bureau, "早已超期", date(2026, 2, 1))
        _letter(other_bureau, "别人的", date(2026, 1, 1))
        client.force_login(editor)
        page = client.get(reverse("admin:index")).content.decode()
        flagged = client.get(reverse("admin:feedback_message_changelist"), {"state": "overdue"}).content.decode()
    assert "2 条留言待答复" in page and "1 条已超过三个月未答复" in page
    assert "早已超期" in flagged and "等待中" not in flagged
    assert "2026年5月1日" in flagged, "the list shows each letter's three-month line"


def test_the_admin_home_lists_waiting_letters_oldest_first_with_their_age_and_three_month_line(
    client, editor, bureau, other_bureau
):
    with time_machine.travel("2026-06-10 10:00 +0800", tick=False):
        _letter(bureau, "等待中", date(2026, 6, 1))
        _letter(bureau, "三月十日来信", date(2026, 3, 10))
        _letter(bureau, "早已超期", date(2026, 2, 1))
        services.answer(_letter(bureau, "已答复", date(2026, 1, 5)), "已办理。", None, publish=False)
        _letter(other_bureau, "别人的", date(2026, 1, 1))
        client.force_login(editor)
        page = client.get(reverse("admin:index")).content.decode()
    box = page.split('id="feedback-waiting"')[1].split("</div>")[0]
    rows = [re.sub(r"<[^>]+>|\s+", " ", "<tr" + row).split() for row in box.split("<tr")[2:]]
    assert [row[1:] for row in rows] == [
        ["早已超期", "2026-02-01", "129", "天", "2026-05-01", "已超过三个月"],
        ["三月十日来信", "2026-03-10", "92", "天", "2026-06-10", "今天到期"],
        ["等待中", "2026-06-01", "9", "天", "2026-09-01", "还剩", "83", "天"],
    ]
    assert "已答复" not in box and "别人的" not in box


def test_staff_may_shorten_the_public_title_and_personal_data_is_hidden_again(client, editor, bureau):
    letter = _letter(bureau, title="张三丰反映某小区地址门牌号问题")
    client.force_login(editor)
    form = {"answer": "已答复。", "public_title": "张三丰反映小区问题", "public_question": "", "publish": "on"}
    assert client.post(reverse("admin:feedback_message_change", args=[letter.pk]), form).status_code == 302
    letter.refresh_from_db()
    assert letter.public_title == "***反映小区问题" and letter.title == "张三丰反映某小区地址门牌号问题"
