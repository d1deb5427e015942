"""Form data for the citizen's application, valid unless a test changes it."""

import time

from django.core import signing

from applications.forms.citizen import TIMING_SALT
from disclosure_portal.submissions import new_token

VALID_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91350100M000100Y43"


def apply_data(**changes) -> dict:
    data = {
        "applicant_type": "natural",
        "applicant_name": "李四",
        "id_type": "居民身份证",
        "id_number": VALID_ID,
        "phone": "13912345678",
        "email": "lisi@example.com",
        "address": "示范市人民路1号",
        "postcode": "100000",
        "info_title": "2025年城区学校招生计划",
        "info_description": "示范市教育局2025年城区公办小学招生计划及学区划分文件",
        "delivery_form": "email",
        "delivery_method": "email",
        "consent": "on",
        "website": "",
        # Signed as if the form had been rendered a minute ago.
        "started": signing.dumps(time.time() - 60, salt=TIMING_SALT),
        "submission_token": new_token(),
    }
    data.update(changes)
    return data
