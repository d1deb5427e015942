"""Every API answer carries an ETag (304 when unchanged); each client is limited, with a Chinese 429."""

import pytest


@pytest.fixture
def tight_limits(settings):
    settings.OPEN_DATA_RATE = "3/m"
    settings.OPEN_DATA_EXPORT_RATE = "2/h"
    from django.core.cache import cache

    cache.clear()


def test_an_unchanged_answer_is_a_304(client, bureau, make_item):
    make_item(bureau)
    first = client.get("/api/v1/items/")
    assert first["ETag"]
    again = client.get("/api/v1/items/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    make_item(bureau, "新发布的通知")
    changed = client.get("/api/v1/items/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "新发布的通知" in changed.content.decode()


def test_the_schema_answers_304_too(client, db):
    etag = client.get("/api/v1/schema/")["ETag"]
    assert client.get("/api/v1/schema/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_past_the_limit_a_client_is_told_in_chinese(client, db, tight_limits):
    for _ in range(3):
        assert client.get("/api/v1/categories/").status_code == 200
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 429
    assert response.json() == {"detail": "请求过于频繁，请稍后再试。"}
    assert response["Retry-After"] == "60"


def test_the_limit_counts_each_client_behind_the_proxy(client, db, tight_limits, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for _ in range(3):
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.4").status_code == 200


def test_exports_have_their_own_smaller_limit(client, db, tight_limits):
    assert client.get("/api/v1/exports/items.csv").status_code == 200
    assert client.get("/api/v1/exports/items.json").status_code == 200
    response = client.get("/api/v1/exports/statistics.csv")
    assert response.status_code == 429 and response.json()["detail"] == "请求过于频繁，请稍后再试。"
    assert client.get("/api/v1/items/").status_code == 200
