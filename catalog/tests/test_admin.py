import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.demo import _docx, _pdf
from catalog.models import CalendarYear, Category, Item
from catalog.services import add_attachment, publish_item, submit_item

ADD_URL = "/admin/catalog/item/add/"


def form_data(organization, **overrides):
    data = {
        "organization": organization.pk,
        "title": "关于开展政务公开日活动的通知",
        "summary": "",
        "body": "<p>正文</p>",
        "category": Category.objects.get(slug="notices").pk,
        "written_on": "2025-04-01",
        "published_on": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    return {**data, **overrides}


def change_url(item):
    return f"/admin/catalog/item/{item.pk}/change/"


def test_editor_drafts_with_a_sanitised_body(client, editor, bureau):
    client.force_login(editor)
    client.post(ADD_URL, form_data(bureau, body="<h2>一</h2><ul><li>甲</li></ul><script>x()</script>"))
    item = Item.objects.get()
    assert (item.state, item.created_by, item.body) == ("draft", editor, "<h2>一</h2><ul><li>甲</li></ul>")


def test_editor_cannot_draft_for_another_organization(client, editor, other_bureau):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(other_bureau))
    assert response.status_code == 200 and not Item.objects.exists()


def test_editor_never_sees_another_organizations_drafts(client, make_item, other_bureau, editor):
    item = make_item(other_bureau, title="民政局内部草稿")
    client.force_login(editor)
    assert "民政局内部草稿" not in client.get("/admin/catalog/item/").content.decode()
    assert client.get(change_url(item)).status_code == 302  # "does not exist" redirect
    client.post(change_url(item), form_data(other_bureau, title="改"))
    item.refresh_from_db()
    assert item.title == "民政局内部草稿"


def test_editor_submits_and_reviewer_publishes_with_the_buttons(client, make_item, bureau, editor, reviewer):
    item = make_item(bureau)
    client.force_login(editor)
    client.post(change_url(item), form_data(bureau, _workflow="submit"))
    client.force_login(reviewer)
    response = client.post(change_url(item), form_data(bureau, _workflow="publish"))
    confirm_url = f"/admin/catalog/item/{item.pk}/workflow/publish/"
    assert response["Location"] == confirm_url
    item.refresh_from_db()
    assert item.state == "submitted"  # not yet: an irreversible step asks once more
    page = client.get(confirm_url).content.decode()
    assert "分配不可更改的索引号" in page and "确认审核通过并发布" in page
    client.post(confirm_url, {"confirmed": "1"})
    item.refresh_from_db()
    assert item.state == "published" and item.index_number.startswith(bureau.code + "/")


def test_editor_has_no_publish_button_and_cannot_publish_by_posting(client, make_item, bureau, editor):
    item = make_item(bureau)
    client.force_login(editor)
    assert 'value="publish"' not in client.get(change_url(item)).content.decode()
    client.post(change_url(item), form_data(bureau, _workflow="publish"))
    page = client.get(f"/admin/catalog/item/{item.pk}/workflow/publish/").content.decode()
    assert "只有本机关的审核人或系统管理员可以审核发布" in page and 'name="confirmed"' not in page
    client.post(f"/admin/catalog/item/{item.pk}/workflow/publish/", {"confirmed": "1"})
    item.refresh_from_db()
    assert item.state == "draft"


def test_returning_without_a_reason_shows_an_error_and_keeps_the_edit(client, make_item, bureau, reviewer):
    item = make_item(bureau, state="submitted")
    client.force_login(reviewer)
    response = client.post(change_url(item), form_data(bureau, title="改过的标题", _workflow="return"), follow=True)
    item.refresh_from_db()
    assert (item.state, item.title) == ("submitted", "改过的标题")
    assert "退回时请填写退回理由" in response.content.decode()


def test_publication_date_before_written_date_is_refused_keeping_input(client, editor, bureau):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(bureau, published_on="2025-03-01", title="保留我"))
    html = response.content.decode()
    assert "发布日期不能早于成文日期" in html and 'value="保留我"' in html
    assert "<title>错误：" in html  # not Django's untranslated "Error:"
    assert not Item.objects.exists()


def test_a_document_number_used_before_gives_a_warning(client, make_item, editor, bureau):
    make_item(bureau, document_number="云教发〔2025〕1号")
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(bureau, document_number="云教发〔2025〕1号"), follow=True)
    assert "请确认文号是否填写正确" in response.content.decode()
    assert Item.objects.count() == 2


def test_uploading_a_docx_fills_the_body(client, editor, bureau):
    client.force_login(editor)
    upload = SimpleUploadedFile("通知.docx", _docx("实施方案"))
    client.post(ADD_URL, form_data(bureau, body="", docx_upload=upload))
    assert "<h2>实施方案</h2>" in Item.objects.get().body


def test_a_disguised_attachment_is_refused_next_to_its_field(client, editor, bureau):
    client.force_login(editor)
    fake = SimpleUploadedFile("附件.pdf", b"<html><body>not a pdf</body></html>")
    data = form_data(bureau, **{"attachments-TOTAL_FORMS": "1", "attachments-0-file": fake})
    response = client.post(ADD_URL, data)
    assert "内容与扩展名不符" in response.content.decode() and not Item.objects.exists()


def test_a_stored_attachment_is_replaced_by_deleting_it_not_by_choosing_a_file_on_its_row(
    client, make_item, bureau, editor
):
    item = make_item(bureau)
    stored = add_attachment(item, SimpleUploadedFile("旧.pdf", _pdf("旧版")), editor)
    client.force_login(editor)
    page = client.get(change_url(item)).content.decode()
    assert "已上传的附件不能直接更换：如需更换，请勾选删除，再在新的一行上传。" in page
    rows = {"attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "1", "attachments-0-id": stored.pk,
            "attachments-0-item": item.pk, "attachments-0-sort_order": "0",
            "attachments-0-file": SimpleUploadedFile("新.pdf", _pdf("新版"))}  # fmt: skip
    assert client.post(change_url(item), form_data(bureau, title=item.title, **rows)).status_code == 302
    stored.refresh_from_db()
    with stored.file.open("rb") as handle:
        assert stored.original_name == "旧.pdf" and handle.read() == _pdf("旧版")


def test_published_items_cannot_be_deleted(client, make_item, bureau, reviewer):
    item = make_item(bureau, state="published")
    client.force_login(reviewer)
    assert client.post(f"/admin/catalog/item/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Item.objects.filter(pk=item.pk).exists()


def test_reviewer_bulk_publishes_only_what_he_may(client, make_item, bureau, other_bureau, reviewer):
    mine, theirs = make_item(bureau, state="submitted"), make_item(other_bureau, state="submitted")
    client.force_login(reviewer)
    data = {"action": "publish_selected", "_selected_action": [mine.pk, theirs.pk]}
    asked = client.post("/admin/catalog/item/", data).content.decode()
    assert "确认审核通过并发布以下 1 项" in asked and Item.objects.get(pk=mine.pk).state == "submitted"
    client.post("/admin/catalog/item/", {**data, "confirmed": "1"})
    assert Item.objects.get(pk=mine.pk).state == "published"
    assert Item.objects.get(pk=theirs.pk).state == "submitted"


def test_editors_get_no_bulk_actions(client, editor):
    client.force_login(editor)
    assert "publish_selected" not in client.get("/admin/catalog/item/").content.decode()


def test_late_items_list(client, make_item, bureau, reviewer):
    make_item(bureau, state="published", title="按时", written_on=date(2025, 3, 3), published_on=date(2025, 3, 5))
    make_item(bureau, state="published", title="逾期", written_on=date(2025, 3, 3), published_on=date(2025, 5, 5))
    client.force_login(reviewer)
    html = client.get("/admin/catalog/item/?timeliness=late").content.decode()
    assert "逾期</a>" in html and "按时</a>" not in html


def test_the_editor_page_allows_exactly_its_import_map(client, editor):
    client.force_login(editor)
    response = client.get(ADD_URL)
    assert '<script type="importmap">' in response.content.decode()
    assert re.search(r"script-src 'self' 'sha256-[A-Za-z0-9+/=]+'", response["Content-Security-Policy"])
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_site_admin_reseeds_a_calendar_year_from_the_package(client, site_admin):
    year = CalendarYear.objects.get(year=2025)
    year.days.all().delete()
    client.force_login(site_admin)
    client.post("/admin/catalog/calendaryear/", {"action": "reseed_from_package", "_selected_action": [year.pk]})
    assert year.days.filter(date=date(2025, 10, 1), is_workday=False).exists()


def test_history_of_an_item_is_visible_to_its_staff(client, make_item, bureau, editor, reviewer):
    item = submit_item(make_item(bureau, title="历史可见的信息"), editor)
    item = publish_item(item, reviewer)
    client.force_login(reviewer)
    page = client.get(f"/admin/catalog/item/{item.pk}/history/").content.decode()
    assert "历史可见的信息" in page
    assert page.count("<tr") >= 4  # a header row and one row per version: draft, submitted, published
    assert "editor" in page and "reviewer" in page


@pytest.mark.parametrize("url", ["/admin/catalog/item/", "/admin/catalog/guideedition/"])
def test_staff_without_membership_see_nothing(db, client, url):
    from conftest import make_staff

    client.force_login(make_staff("nobody"))
    assert client.get(url).status_code == 403


def test_site_admin_enters_a_new_years_holidays(client, site_admin):
    client.force_login(site_admin)
    data = {
        "year": "2027", "note": "国办发明电〔2026〕1号",
        "days-TOTAL_FORMS": "2", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2027-01-01", "days-0-name": "元旦",
        "days-1-date": "2027-02-06", "days-1-is_workday": "on", "days-1-name": "春节调休上班",
    }  # fmt: skip
    client.post("/admin/catalog/calendaryear/add/", data)
    year = CalendarYear.objects.get(year=2027)
    assert year.source == CalendarYear.Source.STAFF
    assert list(year.days.values_list("is_workday", flat=True)) == [False, True]


def test_a_holiday_outside_its_year_is_refused(client, site_admin):
    client.force_login(site_admin)
    data = {
        "year": "2027", "note": "",
        "days-TOTAL_FORMS": "1", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2028-01-01", "days-0-name": "元旦",
    }  # fmt: skip
    response = client.post("/admin/catalog/calendaryear/add/", data)
    assert "日期必须在2027年内" in response.content.decode()


def test_the_staff_index_reads_the_editors_memberships_once(client, editor, bureau):
    """Every app's admin asks whether she is staff of some organization: one read answers them all."""
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("admin:index")).content.decode()
    assert "年度报告" in page and "无结果的检索" in page  # the reports' and the search's admin both asked
    reads = [query["sql"] for query in queries if query["sql"].split(" FROM ")[1].startswith('"catalog_membership"')]
    assert len(reads) == 1, reads


def test_a_website_typed_without_a_scheme_is_kept_as_https(rf, site_admin, bureau):
    from django.contrib import admin
    from django.forms.models import model_to_dict

    from catalog.models import Organization

    request = rf.get("/admin/catalog/organization/")
    request.user = site_admin
    form_class = admin.site.get_model_admin(Organization).get_form(request, bureau)
    form = form_class(data={**model_to_dict(bureau), "website": "www.yxzj.gov.cn"}, instance=bureau)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["website"] == "https://www.yxzj.gov.cn"


def test_a_numbered_item_s_organization_is_shown_not_offered(client, make_item, bureau, reviewer):
    client.force_login(reviewer)
    draft, published = make_item(bureau, title="草稿"), make_item(bureau, state="published")
    assert 'name="organization"' in client.get(change_url(draft)).content.decode()
    page = client.get(change_url(published)).content.decode()
    assert 'name="organization"' not in page and bureau.name in page


def test_a_repeal_day_typed_the_admin_s_way_on_the_change_form_reaches_the_confirmation(
    client, make_item, bureau, reviewer
):
    item = make_item(bureau, state="published")
    client.force_login(reviewer)
    data = form_data(bureau, title=item.title, _workflow="repeal", workflow_date="2025/06/01")
    response = client.post(change_url(item), data)
    assert response["Location"] == f"/admin/catalog/item/{item.pk}/workflow/repeal/?workflow_date=2025-06-01"


def test_staff_link_an_interpretation_to_the_policy_it_interprets(client, make_item, bureau, editor):
    policy = make_item(bureau, state="published", title="实施办法")
    client.force_login(editor)
    interpretation = form_data(bureau, title="《实施办法》政策解读", interprets=policy.pk)
    assert client.post(ADD_URL, interpretation).status_code == 302
    assert Item.objects.get(title="《实施办法》政策解读").interprets == policy


def test_an_interpretation_links_only_to_items_one_may_see(client, make_item, other_bureau, bureau, editor):
    hidden = make_item(other_bureau, title="别处的草稿")
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(bureau, title="解读", interprets=hidden.pk))
    assert response.status_code == 200 and not Item.objects.filter(title="解读").exists()
