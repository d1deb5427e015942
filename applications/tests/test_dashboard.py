"""The staff dashboard: buckets, counts per organization and a constant number of queries."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.dashboard import build_dashboard
from applications.models import Consultation

TODAY = date(2025, 10, 27)


def test_buckets_follow_the_clock(make_application, editor, calendar, bureau):
    submitted = make_application(state="submitted", received_on=None)
    due_soon = make_application(received_on=date(2025, 9, 26))  # due 2025-10-30
    overdue = make_application(received_on=date(2025, 9, 1))
    make_application(received_on=date(2025, 10, 20))  # due in November: no bucket
    board = build_dashboard(editor, TODAY, calendar)
    assert [r.application for r in board.awaiting_confirmation] == [submitted]
    assert [r.application for r in board.due_soon] == [due_soon]
    assert [r.application for r in board.overdue] == [overdue]
    assert board.per_organization[0].counts["open"] == 4


def test_awaiting_opinion_and_correction(make_application, editor, calendar):
    consulting = make_application(state="consulting", received_on=date(2025, 10, 20))
    Consultation.objects.create(application=consulting, party="agency", sent_on=date(2025, 10, 21))
    waiting = make_application(
        state="correction", received_on=date(2025, 10, 20), correction_requested_on=date(2025, 10, 21)
    )
    board = build_dashboard(editor, TODAY, calendar)
    assert [r.application for r in board.awaiting_opinion] == [consulting]
    assert [r.application for r in board.awaiting_correction] == [waiting]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_dashboard_queries_stay_constant_as_applications_grow(client, editor, make_application):
    client.force_login(editor)
    url = reverse("admin:applications_application_dashboard")
    with time_machine.travel(TODAY, tick=False):
        make_application(received_on=date(2025, 9, 26))
        few = _queries(client, url)
        for day in range(1, 25):
            application = make_application(received_on=date(2025, 9, day), state="consulting")
            Consultation.objects.create(application=application, party="agency", sent_on=date(2025, 9, 29))
            make_application(state="submitted", received_on=None)
        assert _queries(client, url) == few


def test_online_submissions_show_how_long_they_have_waited(client, editor, make_application):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    shanghai = ZoneInfo("Asia/Shanghai")
    old = make_application(state="submitted", received_on=None, submitted_at=datetime(2025, 10, 10, 9, tzinfo=shanghai))
    new = make_application(state="submitted", received_on=None, submitted_at=datetime(2025, 10, 27, 8, tzinfo=shanghai))
    client.force_login(editor)
    with time_machine.travel(datetime(2025, 10, 27, 10, tzinfo=shanghai), tick=False):
        page = client.get(reverse("admin:applications_application_dashboard")).content.decode()
    waiting = page.split('id="awaiting-confirmation"', 1)[1].split("</table>", 1)[0]
    assert (
        "2025-10-10 09:00" in waiting and '<td class="waiting-late">12个工作日</td>' in waiting
    )  # 10-11 (make-up Saturday), 10-13 … 10-27
    assert "2025-10-27 08:00" in waiting and '<td class="">0个工作日</td>' in waiting
    assert old.number in waiting and new.number in waiting
