"""axe-core (WCAG 2.1 A and AA) on the page frame's own pages, in both contrast modes and on a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRAME_PAGES = ["/", "/guide/", "/catalog/", "/no-such-page/"]


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_frame_pages_have_no_axe_violations(a11y_page, axe, city, contrast):
    a11y_page.goto(f"/preferences/contrast/{contrast}/")
    for path in FRAME_PAGES:
        a11y_page.goto(path)
        axe(a11y_page, f"{path} ({contrast})")
