"""Fixtures of the quality suite: browser tabs for accessibility, phones and no-JavaScript, and axe-core."""

import json
from pathlib import Path

import pytest
from django.conf import settings

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _tab(chromium, live_server, **options):
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", **options)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return context, tab


@pytest.fixture
def a11y_page(chromium, live_server):
    """A desktop tab that may inject axe-core: CSP allows only the site's own scripts, so it is bypassed here."""
    context, tab = _tab(chromium, live_server, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield tab
    context.close()


@pytest.fixture
def phone_page(chromium, live_server):
    """A 375-pixel-wide phone screen, as an elderly citizen's phone shows the portal."""
    context, tab = _tab(
        chromium,
        live_server,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    yield tab
    context.close()


@pytest.fixture
def nojs_page(chromium, live_server):
    """A tab with JavaScript switched off: every page and form must still work."""
    context, tab = _tab(chromium, live_server, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield tab
    context.close()


def axe_violations(tab) -> list[dict]:
    """Run axe-core on the tab's current page; the violations of WCAG 2.1 A and AA, summarised."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core not found at {AXE_SCRIPT}; run scripts/system-deps.sh")
    if not tab.evaluate("() => typeof window.axe !== 'undefined'"):
        tab.add_script_tag(path=str(AXE_SCRIPT))
    result = tab.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
            "html": [node["html"][:160] for node in violation["nodes"]][:3],
        }
        for violation in result["violations"]
    ]


@pytest.fixture
def axe():
    """`axe(tab)` fails the test with a readable list when the page has accessibility violations."""

    def check(tab, label: str = "") -> None:
        violations = axe_violations(tab)
        assert not violations, (
            f"axe violations on {label or tab.url}:\n{json.dumps(violations, ensure_ascii=False, indent=1)}"
        )

    return check


PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def public_site(city, bureau, editor):
    """A portal with a published item (and its PDF attachment) and an application carrying planted personal data."""
    return make_public_site(city, bureau)


def publish(item, on):
    """Publish as the system would (index number, counters, search index), without a reviewer."""
    from catalog.services.workflow import publish_item

    return publish_item(item, None, on)


def make_public_site(city, bureau) -> dict:
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from applications.models import Application
    from catalog.models import Category, Item
    from catalog.services.attachments import add_attachment
    from tests import support

    category = Category.objects.filter(parent__isnull=True).first() or Category.objects.create(
        name="通知公告", slug="n"
    )
    item = publish(
        Item.objects.create(
            organization=bureau,
            title="关于做好2026年春季学期开学工作的通知",
            summary="开学工作安排。",
            body="各学校：请做好开学准备。",
            category=category,
            written_on=date(2026, 2, 10),
        ),
        date(2026, 2, 12),
    )
    add_attachment(item, SimpleUploadedFile("开学安排.pdf", PDF_BYTES, "application/pdf"), by=None)
    application = Application.objects.create(
        organization=bureau,
        number="YSQ-PLANTED-0001",
        applicant_name="张三丰",
        id_type="id_card",
        id_number=support.PLANTED_ID_NUMBER,
        phone=support.PLANTED_PHONE,
        email=support.PLANTED_EMAIL,
        address=support.PLANTED_ADDRESS,
        info_title="2025年学校食堂检查记录",
    )
    return {"item": item, "application": application, "category": category}


@pytest.fixture
def demo(db):
    """The demo portal (`manage.py load_demo`), on top of the seeded categories, topics and calendar."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
