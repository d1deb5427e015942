"""The page frame every public page shares: navigation, reader preferences, meta tags."""

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
