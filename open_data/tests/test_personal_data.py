"""Planted personal data (names, ID numbers, phones, addresses, e-mails of applicants) never reaches the API
or the exports, whichever endpoint and filter is asked."""

import json
from datetime import date

from applications.models import Application
from tests import support

from .conftest import streamed_text
from .test_schema import answers

APPLICANT_NAME = "欧阳建华"


def _plant_more(bureau) -> None:
    """A second applicant, a company, typed into every personal field."""
    Application.objects.create(
        organization=bureau,
        number="YSQ-PLANTED-0002",
        applicant_type="commercial",
        credit_code=support.PLANTED_CREDIT_CODE,
        applicant_name=APPLICANT_NAME,
        contact_name=APPLICANT_NAME,
        id_number=support.PLANTED_ID_NUMBER,
        phone=support.PLANTED_PHONE,
        email=support.PLANTED_EMAIL,
        address=support.PLANTED_ADDRESS,
        info_title="营业执照核发记录",
        received_on=date(2025, 6, 3),
    )


def leaks(text: str) -> list[str]:
    found = support.leaked_personal_data(text)
    return found + [value for value in (APPLICANT_NAME, "张三丰", support.PLANTED_CREDIT_CODE) if value in text]


def test_no_api_answer_and_no_export_holds_personal_data(client, report_site, bureau):
    _plant_more(bureau)
    bodies = {url: json.dumps(body, ensure_ascii=False) for url, body in answers(client, report_site).values()}
    for url in ("/api/v1/", "/api/v1/schema/", "/api/v1/statistics/", "/api/v1/statistics/?year=2025"):
        bodies[url] = client.get(url).content.decode()
    for url in ("/api/v1/exports/items.csv", "/api/v1/exports/items.json", "/api/v1/exports/statistics.csv?year=2025"):
        bodies[url] = streamed_text(client.get(url))
    assert len(bodies) == 15
    for url, text in bodies.items():
        assert not leaks(text), url
    assert '"received": 1,' in bodies["/api/v1/statistics/?year=2025"], "the planted application is counted"


def test_a_raw_answer_is_clean_too(client, report_site, bureau):
    """Chinese is written as characters, so a byte scan of the answer sees exactly what a reader sees."""
    _plant_more(bureau)
    raw = client.get(f"/api/v1/items/{report_site['item'].pk}/").content.decode()
    assert "开学安排" in raw and not leaks(raw)
