from django.urls import reverse

from search.models import MissedQuery


def test_staff_of_any_organization_read_the_missed_queries(client, outsider):
    MissedQuery.objects.create(query="火星基地", times=3)
    client.force_login(outsider)
    response = client.get(reverse("admin:search_missedquery_changelist"))
    assert response.status_code == 200 and "火星基地" in response.content.decode()


def test_nobody_adds_or_edits_missed_queries(client, site_admin):
    missed = MissedQuery.objects.create(query="火星基地")
    client.force_login(site_admin)
    assert client.get(reverse("admin:search_missedquery_add")).status_code == 403
    client.post(reverse("admin:search_missedquery_change", args=[missed.pk]), {"query": "改过"})
    assert MissedQuery.objects.get().query == "火星基地"


def test_the_public_cannot_see_them(client, db):
    response = client.get(reverse("admin:search_missedquery_changelist"))
    assert response.status_code == 302 and "/login/" in response.url
