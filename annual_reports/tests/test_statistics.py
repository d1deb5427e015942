from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from annual_reports.figures import compute_figures
from annual_reports.models import AnnualReport
from annual_reports.statistics import year_statistics, yearly_totals
from applications.models import Consultation

from .conftest import make_application, make_item


def test_on_time_rate_and_median_working_days(bureau):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 10), "1")  # 5 working days
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 17), "1")  # 10
    make_application(bureau, date(2025, 3, 3), date(2025, 4, 30), "1")  # late: due 2025-03-31
    stats = year_statistics([bureau.pk], 2025)
    assert (stats.timed, stats.on_time, stats.on_time_rate) == (3, 2, 66.7)
    assert stats.median_workdays == 10


def test_a_consultation_pauses_the_clock_for_the_on_time_rate(bureau):
    application = make_application(bureau, date(2025, 3, 3), date(2025, 4, 8), "1")
    Consultation.objects.create(
        application=application, party="third_party", sent_on=date(2025, 3, 10), opinion_received_on=date(2025, 3, 21)
    )
    assert year_statistics([bureau.pk], 2025).on_time == 1


def test_received_by_month_and_channel(bureau):
    make_application(bureau, date(2025, 1, 6), channel="online")
    make_application(bureau, date(2025, 1, 7), channel="mail")
    make_application(bureau, date(2025, 12, 1), channel="mail")
    stats = year_statistics([bureau.pk], 2025)
    assert stats.received_by_month == [2, *[0] * 10, 1]
    assert stats.received_by_channel == {"网络": 1, "邮寄": 2}


def test_items_per_category_and_art_26_share(bureau):
    make_item(bureau, "other", date(2025, 3, 3), category="notices", published_on=date(2025, 3, 5))
    make_item(bureau, "other", date(2025, 3, 3), category="notices", published_on=date(2025, 6, 30))
    stats = year_statistics([bureau.pk], 2025)
    assert stats.items_by_category == {"通知公告": 2}
    assert (stats.items_on_time, stats.items_on_time_share) == (1, 50.0)


def test_yearly_totals_count_received_concluded_and_items(bureau):
    make_application(bureau, date(2024, 12, 30), date(2025, 1, 6), "1")
    make_item(bureau, "other", date(2025, 2, 3), category="notices")
    assert yearly_totals([bureau.pk]) == [
        {"year": 2024, "received": 1, "concluded": 0, "items": 0},
        {"year": 2025, "received": 0, "concluded": 1, "items": 1},
    ]


def count_queries(organization) -> int:
    with CaptureQueriesContext(connection) as queries:
        compute_figures(AnnualReport(organization=organization, year=2025))
    return len(queries)


def test_the_report_runs_the_same_number_of_queries_whatever_the_data(bureau, other_bureau):
    make_application(bureau, date(2025, 3, 3), date(2025, 3, 10), "1")
    for day in range(1, 29):
        application = make_application(other_bureau, date(2025, 2, day), date(2025, 3, day), "2")
        Consultation.objects.create(application=application, party="agency", sent_on=date(2025, 2, day))
        make_item(other_bureau, "rule", date(2025, 2, day))
    assert count_queries(bureau) == count_queries(other_bureau)
