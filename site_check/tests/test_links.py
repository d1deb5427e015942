from datetime import date

import pytest
from django.core.files.base import ContentFile

from catalog.models import Attachment
from site_check import rules
from tests.factories import new_item

pytestmark = pytest.mark.django_db


def with_body(organization, body: str, title="有链接的通知"):
    item = new_item(organization, title=title, on=date(2026, 3, 2))
    item.body = body
    item.save(update_fields=["body"])
    return item


def test_links_to_missing_pages_and_unpublished_items_are_found(bureau, settings):
    settings.PORTAL_BASE_URL = "https://gk.example.gov.cn"
    target = new_item(bureau, title="已发布的目标", on=date(2026, 3, 2))
    draft = new_item(bureau, title="草稿", on=date(2026, 3, 2), publish=False)
    with_body(
        bureau,
        f'<p><a href="/catalog/{target.pk}/">好的</a> <a href="/catalog/{draft.pk}/">草稿</a>'
        f' <a href="/no-such-page/">坏的</a> <a href="https://example.com/x">外站</a>'
        f' <a href="https://gk.example.gov.cn/catalog/{draft.pk}">本站绝对地址</a> <a href="#top">锚点</a></p>',
    )
    details = [line.detail for line in rules.broken_link_lines([bureau.pk])]
    assert details == [
        f"正文中的链接 /catalog/{draft.pk}/：指向的信息未发布或已删除",
        "正文中的链接 /no-such-page/：页面不存在（404）",
        f"正文中的链接 /catalog/{draft.pk}：指向的信息未发布或已删除",
    ]


def test_a_body_without_bad_links_gives_no_line(bureau):
    with_body(bureau, '<p><a href="/catalog/">目录</a> <a href="/feedback/">意见箱</a></p>')
    assert rules.broken_link_lines([bureau.pk]) == []


def test_an_attachment_missing_from_storage_is_found(bureau):
    item = new_item(bureau, title="有附件的通知", on=date(2026, 3, 2))
    kept = Attachment(item=item, original_name="在.pdf")
    kept.file.save("kept.pdf", ContentFile(b"%PDF-1.4"), save=True)
    lost = Attachment(item=item, original_name="丢失的表格.xlsx")
    lost.file.save("lost.xlsx", ContentFile(b"x"), save=True)
    lost.file.storage.delete(lost.file.name)
    [line] = rules.attachment_lines([bureau.pk])
    assert line.subject == "有附件的通知"
    assert line.detail == "附件“丢失的表格.xlsx”的文件在存储中不存在，读者下载会失败"
