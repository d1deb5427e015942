import time

from django.core import signing

from applications.forms.citizen import TIMING_SALT
from disclosure_portal.submissions import new_token


def letter_data(organization, **changes) -> dict:
    """A letter as a citizen sends it, the form rendered a minute earlier."""
    data = {
        "kind": "comment",
        "organization": organization.pk,
        "title": "建议公开学校食堂检查结果",
        "body": "希望定期公开学校食堂检查结果。我叫张三丰，电话13912345678，邮箱zhang.sanfeng@example.org。",
        "page_url": "",
        "name": "张三丰",
        "phone": "13912345678",
        "email": "zhang.sanfeng@example.org",
        "website": "",
        "started": signing.dumps(time.time() - 60, salt=TIMING_SALT),
        "submission_token": new_token(),
    }
    data.update(changes)
    return data
