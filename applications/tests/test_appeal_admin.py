"""行政复议/行政诉讼 cases in the admin: staff see and record only their organizations' cases."""

from datetime import date

import pytest
from django.urls import reverse

from applications.models import Appeal


@pytest.fixture
def appeal(bureau):
    return Appeal.objects.create(organization=bureau, kind="review", filed_on=date(2025, 5, 6))


def test_own_staff_see_the_case(client, editor, appeal):
    client.force_login(editor)
    page = client.get(reverse("admin:applications_appeal_change", args=[appeal.pk])).content.decode()
    assert '<input type="text" name="filed_on" value="2025/05/06"' in page
    assert '<option value="review" selected>行政复议</option>' in page
    listed = client.get(reverse("admin:applications_appeal_changelist")).content.decode()
    assert "2025年5月6日" in listed and "示范市教育局" in listed


def test_other_organizations_staff_do_not(client, outsider, appeal):
    client.force_login(outsider)
    response = client.get(reverse("admin:applications_appeal_change", args=[appeal.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")  # "does not exist"
    assert "2025-05-06" not in client.get(reverse("admin:applications_appeal_changelist")).content.decode()


def test_anonymous_users_are_sent_to_login(client, appeal):
    response = client.get(reverse("admin:applications_appeal_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_case_cannot_be_linked_to_another_organizations_application(client, outsider, make_application, other_bureau):
    foreign = make_application()
    client.force_login(outsider)
    data = {"organization": other_bureau.pk, "kind": "review", "filed_on": "2025-05-06", "result": "pending",
            "application": foreign.pk}  # fmt: skip
    response = client.post(reverse("admin:applications_appeal_add"), data)
    assert response.status_code == 200 and Appeal.objects.count() == 0
