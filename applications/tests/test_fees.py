"""The 2020 fee rules (国办函〔2020〕109号)."""

from decimal import Decimal

import pytest

from applications.fees import compute_fee, fee_for_application_rank, fee_for_month, fee_for_pages


def test_first_ten_applications_of_a_month_are_free():
    assert fee_for_month(10) == 0
    assert fee_for_application_rank(11) == 100


def test_bands_of_ten_raise_the_fee_by_a_hundred():
    assert [fee_for_application_rank(r) for r in (30, 31, 40, 41, 51)] == [100, 200, 200, 300, 400]


def test_forty_five_in_a_month_cost_5500():
    assert fee_for_month(45) == Decimal(5500)


def test_thirty_pages_are_free_and_then_ten_yuan_a_page():
    assert fee_for_pages(30) == 0
    assert fee_for_pages(31) == 10
    assert fee_for_pages(100) == 700


def test_pages_are_charged_progressively():
    assert fee_for_pages(150) == 70 * 10 + 50 * 20
    assert fee_for_pages(250) == 70 * 10 + 100 * 20 + 50 * 40


def test_never_both_methods():
    for arguments in ({"rank": 12, "pages": 40}, {}):
        with pytest.raises(ValueError) as refused:
            compute_fee(**arguments)
        assert str(refused.value) == "give exactly one of rank (per application) or pages (per page)"
    assert compute_fee(pages=40) == 100


def test_either_method_alone_gives_its_fee():
    assert (compute_fee(rank=10), compute_fee(rank=11)) == (0, 100)
    assert (compute_fee(pages=30), compute_fee(pages=31)) == (0, 10)


def test_a_rank_below_one_or_negative_pages_are_refused_and_nothing_costs_nothing():
    with pytest.raises(ValueError) as refused:
        fee_for_application_rank(0)
    assert str(refused.value) == "rank starts at 1"
    with pytest.raises(ValueError) as refused:
        fee_for_pages(-1)
    assert str(refused.value) == "pages must not be negative"
    assert (fee_for_pages(0), fee_for_month(0), fee_for_application_rank(1)) == (0, 0, 0)
