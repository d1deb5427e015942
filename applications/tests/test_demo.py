"""applications.demo.load(): every state, idempotent, nothing without organizations."""

from datetime import date

import time_machine

from applications import demo
from applications.models import Application


def test_nothing_is_created_without_organizations(db):
    demo.load()
    assert Application.objects.count() == 0


@time_machine.travel(date(2026, 6, 15), tick=False)
def test_every_state_and_safe_to_run_twice(bureau):
    demo.load()
    count = Application.objects.count()
    demo.load()
    assert Application.objects.count() == count
    states = set(Application.objects.filter(organization=bureau).values_list("state", flat=True))
    assert states == set(Application.State.values)
