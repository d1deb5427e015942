"""受理编号 run on per organization and year; 查询码 are readable, and only the right pair opens a file."""

import hashlib
import hmac
from datetime import date

import pytest

from applications import services
from applications.models import Channel
from applications.services import numbers

FIELDS = {"applicant_name": "郑一", "info_title": "河道整治方案", "applicant_type": "natural"}


def _enter(organization, editor, received_on):
    return services.enter_offline(
        organization, dict(FIELDS), by=editor, channel=Channel.MAIL, received_on=received_on
    ).number


def test_numbers_run_on_within_an_organization_and_year(bureau, editor):
    first = _enter(bureau, editor, date(2025, 1, 2))
    second = _enter(bureau, editor, date(2025, 12, 31))
    prefix = f"YSQ2025-{bureau.pk:04d}-"
    assert (first, second) == (f"{prefix}00001", f"{prefix}00002")


def test_the_next_number_follows_the_highest_one_of_its_own_year_and_organization(
    bureau, other_bureau, editor, make_application
):
    make_application(number=f"YSQ2025-{bureau.pk:04d}-00041")
    make_application(number=f"YSQ2025-{bureau.pk:04d}-00009")
    make_application(number=f"YSQ2026-{bureau.pk:04d}-00077")
    make_application(other_bureau, number=f"YSQ2025-{other_bureau.pk:04d}-00500")
    assert _enter(bureau, editor, date(2025, 7, 1)) == f"YSQ2025-{bureau.pk:04d}-00042"
    assert _enter(other_bureau, editor, date(2024, 7, 1)) == f"YSQ2024-{other_bureau.pk:04d}-00001"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ysq2025-0003-00012", "YSQ2025-0003-00012"),
        ("ＹＳＱ２０２５－０００３－０００１２", "YSQ2025-0003-00012"),
        ("YSQ 2025 0003 00012", "YSQ2025-0003-00012"),
        ("YSQ2025_0003‐00012", "YSQ2025-0003-00012"),
        ("YSQ2025000300012", "YSQ2025-0003-00012"),
        ("YSQ-2025-0003-00012", "YSQ2025-0003-00012"),
        ("YSQ2025-000300012", "YSQ2025-0003-00012"),
        # Numbers from before the portal (ledger imports) are kept as typed, in capitals.
        ("js-2019-17", "JS-2019-17"),
        ("A123", "A123"),
        ("A" * 40, "A" * 40),
    ],
)
def test_a_typed_number_becomes_the_stored_one(typed, stored):
    assert numbers.canonical_number(typed) == stored


@pytest.mark.parametrize("typed", ["", "A12", "A" * 41, "-2019-17", "受理编号", "YSQ2025/0003/00012"])
def test_what_cannot_be_a_number_is_refused(typed):
    assert numbers.canonical_number(typed) is None


def test_a_code_from_a_seed_is_the_same_each_time_and_differs_between_seeds():
    code = numbers.new_lookup_code(b"\x01" * 16)
    assert code == numbers.new_lookup_code(b"\x01" * 16) != numbers.new_lookup_code(b"\x02" * 16)
    # The seed's number in base 31, lowest digit first (1026 = 1·31² + 2·31 + 3), in an alphabet starting at "2".
    assert numbers.new_lookup_code((31 * 31 + 2 * 31 + 3).to_bytes(2, "big")) == "5432222222"


def test_random_codes_use_only_letters_that_cannot_be_misread():
    codes = {numbers.new_lookup_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 10 and set(code) <= set(numbers.CODE_ALPHABET) for code in codes)
    assert not set("01OIL") & set("".join(codes))


def test_only_the_number_with_its_own_code_opens_the_application(bureau, other_bureau):
    application, code = services.submit_online(bureau, dict(FIELDS))
    other, other_code = services.submit_online(other_bureau, dict(FIELDS))
    assert numbers.check_lookup_code(application.number.lower(), f" {code.lower()} ") == application
    assert numbers.check_lookup_code(application.number, f"{code[:5]} {code[5:]}") == application
    assert numbers.check_lookup_code(application.number, other_code) is None
    assert numbers.check_lookup_code(other.number, code) is None
    assert numbers.check_lookup_code("YSQ2099-0001-00001", code) is None


def test_an_application_entered_by_staff_has_no_code_that_opens_it(bureau, editor):
    number = _enter(bureau, editor, date(2025, 3, 3))
    assert numbers.check_lookup_code(number, "") is None
    assert numbers.check_lookup_code(number, numbers.new_lookup_code()) is None


def test_a_code_hashes_as_it_always_has_so_stored_codes_keep_working(settings):
    # HMAC-SHA256 keyed by the salt and SECRET_KEY (Django's salted_hmac), of the code in capitals without
    # spaces. Changing any part would lock every applicant out of an application filed before.
    settings.SECRET_KEY = "a-fixed-key-for-this-test"
    key = hashlib.sha256(b"applications.lookup-code" + b"a-fixed-key-for-this-test").digest()
    digest = hmac.new(key, b"ABCDEFGHJK", hashlib.sha256).hexdigest()
    assert numbers.hash_lookup_code(" abcde fghjk ") == f"hmac-sha256${digest}"
