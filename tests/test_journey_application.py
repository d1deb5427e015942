"""A citizen files applications in a real browser and follows them with the codes.

A natural person does it with the keyboard alone (errors first, announced and wired to their
fields); an organization does it with JavaScript switched off. Every page passes axe-core and no
public page shows the personal data typed into the form.
"""

import pytest
from playwright.sync_api import expect

from applications.models import Application
from tests import support
from tests.support import leaked_personal_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each invalid control is described (itself, or its radio group's fieldset) by elements that exist.
DESCRIBED_BY_EXISTS = """() => [...document.querySelectorAll('[aria-invalid="true"]')].map(el => {
  const owner = el.hasAttribute('aria-describedby') ? el : el.closest('fieldset[aria-describedby]');
  const refs = owner ? owner.getAttribute('aria-describedby').split(' ').filter(Boolean) : [];
  return {id: el.id, described: refs.length > 0, missing: refs.filter(ref => !document.getElementById(ref))};
})"""


@pytest.fixture(autouse=True)
def no_form_timing(settings):
    settings.APPLICATIONS_MIN_FORM_SECONDS = 0


@pytest.fixture
def portal(city, bureau):
    return bureau


def tab_to(tab, selector: str, limit: int = 90) -> None:
    """Press Tab until the focus is on `selector`: proof that the keyboard reaches it."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"the keyboard never reaches {selector}")


def type_into(tab, field_id: str, text: str) -> None:
    tab_to(tab, f"#{field_id}")
    tab.keyboard.type(text)


def choose(tab, name: str, value: str) -> None:
    """Pick a radio button the keyboard way: focus the group, Space, arrows until the value is chosen."""
    tab_to(tab, f"input[name='{name}']")
    tab.keyboard.press("Space")
    for _ in range(12):
        if tab.evaluate("(n) => document.querySelector(`input[name='${n}']:checked`)?.value", name) == value:
            return
        tab.keyboard.press("ArrowDown")
    pytest.fail(f"{name}={value} cannot be chosen with the keyboard")


def restart_keyboard(tab) -> None:
    tab.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    tab.locator("h1").click()


def test_natural_person_files_and_follows_an_application_with_the_keyboard_alone(a11y_page, axe, screenshot, portal):
    tab = a11y_page
    tab.goto(f"/apply/{portal.pk}/")
    axe(tab, "application form")
    tab_to(tab, ".apply-form button[type='submit']")
    tab.keyboard.press("Enter")
    summary = tab.locator(".error-summary")
    expect(summary).to_be_visible()
    assert summary.get_attribute("role") == "alert"
    for field in tab.evaluate(DESCRIBED_BY_EXISTS):
        assert field["described"] and not field["missing"], field
    axe(tab, "application form with errors")
    screenshot(tab, "1-errors")

    restart_keyboard(tab)
    type_into(tab, "id_applicant_name", "李四")
    type_into(tab, "id_id_number", support.PLANTED_ID_NUMBER)
    type_into(tab, "id_phone", support.PLANTED_PHONE)
    type_into(tab, "id_address", support.PLANTED_ADDRESS)
    type_into(tab, "id_info_title", "2025年城区学校招生计划")
    type_into(tab, "id_info_description", "城区公办小学招生计划及学区划分文件")
    choose(tab, "delivery_form", "email")
    choose(tab, "delivery_method", "email")
    type_into(tab, "id_email", support.PLANTED_EMAIL)
    tab_to(tab, "#id_consent")
    tab.keyboard.press("Space")
    tab_to(tab, ".apply-form button[type='submit']")
    tab.keyboard.press("Enter")

    number, code = tab.locator("#application-number").inner_text(), tab.locator("#lookup-code").inner_text()
    assert Application.objects.filter(number=number, id_number=support.PLANTED_ID_NUMBER).exists()
    axe(tab, "codes page")
    screenshot(tab, "2-codes")
    tab.goto("/apply/lookup/")
    restart_keyboard(tab)
    type_into(tab, "id_number", number)
    type_into(tab, "id_code", code)
    tab.keyboard.press("Enter")
    assert tab.locator("#application-state").inner_text() == "待确认受理"
    axe(tab, "status page")
    screenshot(tab, "3-status")
    for path in ("/", "/catalog/", "/search/?q=招生", "/reports/", "/reports/statistics/", "/feeds/atom/"):
        tab.goto(path)
        assert not leaked_personal_data(tab.content()), path


def test_an_organization_files_and_looks_up_without_javascript(nojs_page, screenshot, portal):
    tab = nojs_page
    tab.goto("/apply/")
    tab.goto(f"/apply/{portal.pk}/")
    tab.get_by_label("商业企业").check()
    tab.locator("#id_org_name").fill("示范科技有限公司")
    tab.locator("#id_credit_code").fill(support.PLANTED_CREDIT_CODE)
    tab.locator("#id_legal_representative").fill("王五")
    tab.locator("#id_contact_name").fill("赵六")
    tab.locator("#id_contact_phone").fill(support.PLANTED_PHONE)
    tab.locator("#id_address").fill(support.PLANTED_ADDRESS)
    tab.locator("#id_info_title").fill("2025年政府采购合同")
    tab.locator("#id_info_description").fill("本局2025年办公设备采购的合同文本")
    tab.locator("input[name='delivery_form'][value='paper']").check()
    tab.locator("input[name='delivery_method'][value='post']").check()
    tab.locator("#id_consent").check()
    tab.get_by_role("button", name="提交申请").click()
    assert not tab.locator(".error-summary").count(), tab.locator(".error-summary").inner_text()
    number, code = tab.locator("#application-number").inner_text(), tab.locator("#lookup-code").inner_text()
    assert Application.objects.get(number=number).applicant_type == "commercial"
    screenshot(tab, "1-codes")
    tab.goto("/apply/lookup/")
    tab.get_by_label("受理编号").fill(number)
    tab.get_by_label("查询码").fill(code)
    tab.get_by_role("button", name="查询").click()
    assert tab.locator("#application-state").inner_text() == "待确认受理"
    screenshot(tab, "2-status")


def test_a_wrong_code_is_refused_with_a_message_and_the_number_kept(nojs_page, portal):
    nojs_page.goto("/apply/lookup/")
    nojs_page.get_by_label("受理编号").fill("NO-SUCH-0001")
    nojs_page.get_by_label("查询码").fill("WRONGCODE2")
    nojs_page.get_by_role("button", name="查询").click()
    assert "不正确" in nojs_page.locator("main").inner_text()
    assert nojs_page.get_by_label("受理编号").input_value() == "NO-SUCH-0001"


def test_the_consent_label_is_one_large_target_on_a_phone(phone_page, screenshot, portal):
    tab = phone_page
    tab.goto(f"/apply/{portal.pk}/")
    label = tab.locator(".field-consent label")
    box = label.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300, box
    checkbox = tab.locator("#id_consent")
    assert checkbox.bounding_box()["y"] >= box["y"]  # inside the label, not below it
    tab.locator(".field-consent label span").click(position={"x": 5, "y": 5})  # the words, not the box
    assert checkbox.is_checked()
    label.scroll_into_view_if_needed()
    screenshot(tab, "consent")
