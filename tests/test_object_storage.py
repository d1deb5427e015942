"""With S3 settings, uploads live in an S3-compatible object store (moto's S3 server here, standing in for
MinIO, Ceph, Alibaba OSS or Huawei OBS); downloads still pass the portal's views and permission checks."""

import uuid

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.services import add_attachment
from disclosure_portal.env import s3_storage
from tests.conftest import PDF_BYTES
from tests.factories import new_item
from tests.services import s3_endpoint  # noqa: F401  (fixture)

KEYS = {"aws_access_key_id": "portal-test", "aws_secret_access_key": "portal-test-secret", "region_name": "cn-north-1"}


@pytest.fixture
def bucket(db, settings, monkeypatch, s3_endpoint):  # noqa: F811
    name = f"portal-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, **KEYS)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": KEYS["region_name"]})
    environment = {
        "S3_BUCKET": name,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_ACCESS_KEY": KEYS["aws_access_key_id"],
        "S3_SECRET_KEY": KEYS["aws_secret_access_key"],
        "S3_REGION": KEYS["region_name"],
    }
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage()}
    return client, name


def stored_objects(bucket) -> dict[str, bytes]:
    client, name = bucket
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {entry["Key"]: client.get_object(Bucket=name, Key=entry["Key"])["Body"].read() for entry in listed}


def test_an_attachment_is_stored_in_the_bucket_and_downloaded_through_the_portal(client, bucket, bureau):
    item = new_item(bureau)
    attachment = add_attachment(item, SimpleUploadedFile("防汛预案.pdf", PDF_BYTES, "application/pdf"), None)
    objects = stored_objects(bucket)
    assert list(objects.values()) == [PDF_BYTES]
    assert next(iter(objects)).startswith(f"attachments/{bureau.pk}/") and "防汛预案" not in next(iter(objects))
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"


def test_a_drafts_attachment_in_the_bucket_stays_private(client, bucket, bureau, editor):
    item = new_item(bureau, publish=False)
    attachment = add_attachment(item, SimpleUploadedFile("内部稿.pdf", PDF_BYTES, "application/pdf"), None)
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404
    client.force_login(editor)
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES


def test_a_file_missing_from_the_bucket_is_a_404(client, bucket, bureau):
    item = new_item(bureau)
    attachment = add_attachment(item, SimpleUploadedFile("防汛预案.pdf", PDF_BYTES, "application/pdf"), None)
    client_s3, name = bucket
    client_s3.delete_object(Bucket=name, Key=attachment.file.name)
    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404


def test_without_s3_settings_uploads_stay_on_disk(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert s3_storage() is None
