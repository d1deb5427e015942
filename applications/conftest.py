"""Fixtures for the applications app: applications of `bureau` in any state."""

import itertools
from datetime import date

import pytest

from applications.models import Application
from catalog.workdays import WorkCalendar, current_calendar

_numbers = itertools.count(1)


@pytest.fixture
def calendar(db) -> WorkCalendar:
    """The real calendar, seeded by catalog migration 0002 from chinesecalendar (2004-2026)."""
    return current_calendar()


@pytest.fixture
def make_application(bureau):
    """Create an application of `bureau` (or another organization) with sensible defaults."""

    def make(organization=None, **fields) -> Application:
        defaults = {
            "organization": organization or bureau,
            "number": f"T{next(_numbers):06d}",
            "applicant_name": "张三",
            "id_type": "居民身份证",
            "id_number": "11010519491231002X",
            "phone": "13800138000",
            "info_title": "2024年学校建设项目资金安排",
            "info_description": "2024年全市中小学新建、改扩建项目的资金安排文件",
            "state": Application.State.RECEIVED,
            "received_on": date(2025, 3, 3),
        }
        defaults.update(fields)
        return Application.objects.create(**defaults)

    return make
