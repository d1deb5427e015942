"""Fixtures shared by every app's tests: a city with departments and a cast of staff users."""

import pytest
from django.contrib.auth import get_user_model

from catalog.models import Membership, Organization


@pytest.fixture
def city(db) -> Organization:
    return Organization.objects.create(name="示范市人民政府", short_name="示范市", code="11100000TEST0001")


@pytest.fixture
def bureau(city) -> Organization:
    return Organization.objects.create(name="示范市教育局", short_name="市教育局", code="11100000TEST0002", parent=city)


@pytest.fixture
def other_bureau(city) -> Organization:
    return Organization.objects.create(name="示范市民政局", short_name="市民政局", code="11100000TEST0003", parent=city)


def make_staff(username: str, organization: Organization | None = None, role: str = Membership.Role.EDITOR):
    user = get_user_model().objects.create_user(username, password="correct-horse-battery", is_staff=True)
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user


@pytest.fixture
def editor(bureau):
    return make_staff("editor", bureau, Membership.Role.EDITOR)


@pytest.fixture
def reviewer(bureau):
    return make_staff("reviewer", bureau, Membership.Role.REVIEWER)


@pytest.fixture
def outsider(other_bureau):
    """Staff of another organization: must see nothing of `bureau`'s work."""
    return make_staff("outsider", other_bureau, Membership.Role.REVIEWER)


@pytest.fixture
def site_admin(db):
    return get_user_model().objects.create_superuser("admin", password="correct-horse-battery")
