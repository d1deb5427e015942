"""A ModelAdmin is one object shared by every request and thread: a request must leave nothing on it."""

import copy
from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from applications.models import Appeal, Application

MODELS = (Application, Appeal)
CONTAINERS = (list, tuple, dict, set)


def _state(model) -> dict:
    """The admin instance's own attributes: containers by content (a list mutated in place shows), the rest by id."""
    return {
        name: copy.deepcopy(value) if isinstance(value, CONTAINERS) else id(value)
        for name, value in vars(admin.site._registry[model]).items()
    }


@pytest.fixture
def applications(make_application, other_bureau):
    own = make_application(number="BUREAU-0001", received_on=date(2025, 12, 31))
    theirs = make_application(organization=other_bureau, number="OTHER-0002", received_on=date(2025, 3, 3))
    return own, theirs


def test_interleaved_staff_of_two_organizations_leave_the_shared_admin_as_they_found_it(
    client, editor, outsider, applications
):
    own, theirs = applications
    before = {model: _state(model) for model in MODELS}
    for user, shown, hidden in ((editor, own, theirs), (outsider, theirs, own), (editor, own, theirs)):
        client.force_login(user)
        page = client.get(reverse("admin:applications_application_changelist")).content.decode()
        assert shown.number in page and hidden.number not in page
        process = client.get(reverse("admin:applications_application_process", args=[shown.pk]))
        assert shown.number in process.content.decode()
        for name in ("dashboard", "add"):
            assert client.get(reverse(f"admin:applications_application_{name}")).status_code == 200
        for name in ("changelist", "add"):
            assert client.get(reverse(f"admin:applications_appeal_{name}")).status_code == 200
    assert {model: _state(model) for model in MODELS} == before
