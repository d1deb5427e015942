def test_home_shows_latest_items_per_main_category(client, make_item, bureau):
    make_item(bureau, state="published", title="关于停水的公告", category="notices")
    make_item(bureau, state="published", title="规范性文件甲", category="normative-documents")
    html = client.get("/").content.decode()
    assert "关于停水的公告" in html and "规范性文件甲" in html  # a subcategory counts for its parent column


def test_home_has_quick_entries(client, city):
    html = client.get("/").content.decode()
    for href in ('href="/guide/"', 'href="/catalog/"', 'href="/apply/"', 'href="/reports/"'):
        assert href in html


def test_organization_switcher_narrows_the_home_page(client, make_item, bureau, other_bureau):
    make_item(bureau, state="published", title="教育局公告")
    make_item(other_bureau, state="published", title="民政局公告")
    html = client.get(f"/?organization={bureau.pk}").content.decode()
    assert "教育局公告" in html and "民政局公告" not in html
    assert f'<option value="{bureau.pk}" selected>' in html


def test_home_never_shows_drafts(client, make_item, bureau):
    make_item(bureau, title="草稿公告")
    assert "草稿公告" not in client.get("/").content.decode()


def test_home_query_count_is_constant(client, make_item, bureau, django_assert_num_queries):
    for n in range(8):
        make_item(bureau, state="published", title=f"公告{n}")
    # The portal's organization, the organizations and the categories: the page frame's, which each process
    # reads once per version where it keeps it (tests/test_page_frame_reuse.py); then one query per column.
    with django_assert_num_queries(3 + 5):
        client.get("/")


def test_an_organization_s_home_links_to_its_own_application_form_and_the_statistics(client, bureau):
    html = client.get(f"/?organization={bureau.pk}").content.decode()
    assert f'href="/apply/{bureau.pk}/">依申请公开</a>' in html
    assert 'href="/reports/statistics/">统计数据</a>' in html
    assert 'href="/apply/">依申请公开</a>' in client.get("/").content.decode().split("quick-entries")[1]
