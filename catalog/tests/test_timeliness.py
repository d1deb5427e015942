from datetime import date

import time_machine

from catalog.models import Item


def test_deadline_is_the_20th_working_day_after_the_written_date(make_item, bureau):
    # 2025-09-26 (Fri): the National Day holiday and two make-up Saturdays/Sundays lie in between.
    item = make_item(bureau, written_on=date(2025, 9, 26))
    assert item.publication_deadline() == date(2025, 10, 30)


def test_published_on_the_deadline_is_timely(make_item, bureau):
    item = make_item(bureau, state="published", written_on=date(2025, 9, 26), published_on=date(2025, 10, 30))
    assert item.is_timely() is True
    assert not Item.objects.late().exists()


def test_published_a_day_later_is_late(make_item, bureau):
    item = make_item(bureau, state="published", written_on=date(2025, 9, 26), published_on=date(2025, 10, 31))
    assert item.is_timely() is False
    assert list(Item.objects.late()) == [item]


@time_machine.travel(date(2025, 11, 3))
def test_an_unpublished_item_past_its_deadline_is_already_late(make_item, bureau):
    assert make_item(bureau, written_on=date(2025, 9, 26)).is_timely() is False
