"""The page frame every public page shares: navigation, reader preferences, meta tags."""

import re

from django.core.management import call_command


def test_home_page_shows_portal_and_organization_names_and_navigation(client, city):
    page = client.get("/").content.decode()
    assert city.name in page
    for label in ("政府信息公开指南", "政府信息公开目录", "依申请公开", "政府信息公开年报"):
        assert label in page
    assert 'name="SiteName"' in page
    assert 'role="search"' in page


def test_footer_shows_the_organization_contact_details(client, city):
    city.address, city.phone = "示范市人民路1号", "0000-12345678"
    city.save()
    page = client.get("/").content.decode()
    assert "示范市人民路1号" in page
    assert "0000-12345678" in page


def test_font_size_choice_persists_in_a_cookie_without_javascript(client, city):
    response = client.get("/preferences/fontsize/large/", {"next": "/guide/"})
    assert response.status_code == 302
    assert response["Location"] == "/guide/"
    assert 'class="font-large' in client.get("/catalog/").content.decode()


def test_high_contrast_choice_persists(client, city):
    client.get("/preferences/contrast/high/")
    assert "high-contrast" in client.get("/").content.decode()


def test_unknown_preference_value_is_refused(client, city):
    assert client.get("/preferences/fontsize/enormous/").status_code == 400


def test_preference_link_does_not_redirect_off_site(client, city):
    response = client.get("/preferences/fontsize/small/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_traditional_script_renders_pages_in_traditional_characters(client, city):
    client.get("/preferences/script/hant/")
    page = client.get("/guide/").content.decode()
    assert "政府資訊公開指南" in page or "政府信息公開指南" in page
    assert 'lang="zh-Hant"' in page


def test_admin_stays_in_simplified_characters(client, site_admin):
    client.force_login(site_admin)
    client.get("/preferences/script/hant/")
    assert "工作台" in client.get("/admin/").content.decode()


def test_load_demo_runs_every_apps_loader_and_makes_one_demo_login(db, monkeypatch):
    """Each app's demo.load() is tested for idempotency in its own suite (a full load takes about a minute)."""
    from django.contrib.auth import get_user_model

    from annual_reports import demo as report_demo
    from applications import demo as application_demo
    from catalog import demo as catalog_demo
    from feedback import demo as feedback_demo

    calls = []
    for module in (catalog_demo, application_demo, report_demo, feedback_demo):
        monkeypatch.setattr(module, "load", lambda name=module.__name__: calls.append(name))
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert sorted(calls) == sorted(["catalog.demo", "applications.demo", "annual_reports.demo", "feedback.demo"] * 2)
    demo_user = get_user_model().objects.get(username="demo")
    assert demo_user.is_staff and demo_user.check_password("demo-portal-2026")


IDENTITY = {
    "PORTAL_NAME": "云溪市政府信息公开",
    "PORTAL_DOMAIN": "gk.yunxi.example.gov.cn",
    "PORTAL_SITE_CODE": "3309000001",
    "PORTAL_ICP_RECORD": "浙ICP备12345678号",
    "PORTAL_POLICE_RECORD": "浙公网安备33090202000001号",
    "PORTAL_CONAC_URL": "https://bszs.conac.cn/sitename?method=show&id=0001",
    "PORTAL_CONAC_IMAGE": "/static/conac.png",
    "PORTAL_SPONSOR": "云溪市人民政府办公室",
    "PORTAL_OPERATOR": "云溪市大数据发展管理局",
    "PORTAL_CONTACT_PHONE": "0570-8000100",
    "PORTAL_CONTACT_EMAIL": "gk@yunxi.example.gov.cn",
}


def test_footer_shows_the_site_s_identity_from_the_settings(client, city, settings):
    for name, value in IDENTITY.items():
        setattr(settings, name, value)
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert "网站标识码：3309000001" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">浙ICP备12345678号</a>' in footer
    assert (
        '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=33090202000001" rel="noopener">'
        "浙公网安备33090202000001号</a>"
    ) in footer
    assert '<a class="conac" href="https://bszs.conac.cn/sitename?method=show&amp;id=0001"' in footer
    assert '<img src="/static/conac.png" alt="党政机关网站标识"' in footer
    assert "主办单位：云溪市人民政府办公室" in footer and "承办单位：云溪市大数据发展管理局" in footer
    assert "0570-8000100" in footer and 'href="mailto:gk@yunxi.example.gov.cn"' in footer


def test_footer_leaves_out_what_is_not_configured_and_falls_back_to_the_organization(client, city):
    city.phone = "0000-12345678"
    city.save()
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert f"主办单位：{city.name}" in footer and "0000-12345678" in footer
    assert "网站标识码" not in footer and "ICP" not in footer and "公网安备" not in footer and "<img" not in footer


def test_every_page_carries_the_site_tags_and_list_pages_their_column_tags(client, city, settings):
    for name, value in IDENTITY.items():
        setattr(settings, name, value)
    tags = {
        "/catalog/": ("政府信息公开目录", "政府信息公开目录"),
        "/guide/": ("政府信息公开指南", "政府信息公开指南"),
        "/feedback/": ("信息公开意见箱", "咨询投诉"),
        "/reports/": ("政府信息公开年报", "政府信息公开年报"),
        "/apply/": ("依申请公开", "依申请公开"),
    }
    for url, (column, kind) in tags.items():
        page = client.get(url).content.decode()
        assert '<meta name="SiteName" content="云溪市政府信息公开">' in page, url
        assert '<meta name="SiteDomain" content="gk.yunxi.example.gov.cn">' in page, url
        assert '<meta name="SiteIDCode" content="3309000001">' in page, url
        assert f'<meta name="ColumnName" content="{column}">' in page, url
        assert f'<meta name="ColumnType" content="{kind}">' in page, url


def test_the_site_domain_comes_from_the_base_address_or_the_request(client, city, settings):
    assert '<meta name="SiteDomain" content="testserver">' in client.get("/").content.decode()
    settings.PORTAL_BASE_URL = "https://gk.example.gov.cn/"
    assert '<meta name="SiteDomain" content="gk.example.gov.cn">' in client.get("/").content.decode()


def test_the_statistics_are_in_the_menu_and_on_the_disclosure_on_request_pages(client, city):
    menu = client.get("/").content.decode().split('aria-label="主导航"')[1].split("</nav>")[0]
    assert '<a href="/reports/statistics/">统计数据</a>' in menu
    for url in ("/apply/", "/apply/lookup/"):
        column = client.get(url).content.decode().split('class="column-nav"')[1].split("</nav>")[0]
        assert '<a href="/reports/statistics/">统计数据</a>' in column, url
        assert '<a href="/apply/lookup/"' in column, url


def test_the_admin_is_named_after_the_portal_and_lists_login_records_last_in_chinese(client, site_admin, settings):
    settings.PORTAL_NAME = "云溪市政府信息公开"
    client.force_login(site_admin)
    page = client.get("/admin/").content.decode()
    assert "云溪市政府信息公开 · 管理" in page and "Django" not in page
    apps = re.findall(r'<caption>\s*<a href="/admin/(\w+)/"[^>]*>(.*?)</a>', page)
    assert [label for label, _ in apps][:5] == ["catalog", "applications", "feedback", "annual_reports", "search"]
    assert dict(apps)["axes"] == "登录安全记录"
    assert "登录尝试" in page and "Access attempts" not in page
