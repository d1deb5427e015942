import time
from datetime import date

import pytest
from django.core import signing

from applications.forms.citizen import TIMING_SALT
from catalog.models import Category
from subscriptions import criteria, services
from tests.factories import new_item

BASE = "https://gk.example.gov.cn"


def form_data(**changes) -> dict:
    """The subscription form as a citizen sends it, rendered a minute earlier."""
    data = {
        "email": "reader@example.org",
        "q": "",
        "website": "",
        "started": signing.dumps(time.time() - 60, salt=TIMING_SALT),
    }
    data.update(changes)
    return data


def subscribe_confirmed(email="reader@example.org", since=date(2026, 3, 2), **values):
    subscription = services.confirm(email, criteria.canonical(values))
    subscription.since = since
    subscription.save(update_fields=["since"])
    return subscription


@pytest.fixture
def notices(db) -> Category:
    return Category.objects.get(slug="notices")


@pytest.fixture
def news(db) -> Category:
    return Category.objects.get(slug="work-news")


@pytest.fixture
def settings_base(settings):
    settings.PORTAL_BASE_URL = BASE
    return settings


__all__ = ["new_item"]
