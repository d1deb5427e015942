"""Builders for a hand-made year of records: applications, items, appeals, fee notices."""

import itertools
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from applications.models import Appeal, Application, FeeNotice
from catalog.models import Category, DocumentType, Item, Membership

_numbers = itertools.count(1)


def make_application(organization, received_on, concluded_on=None, outcome="", applicant_type="natural", **extra):
    state = extra.pop("state", Application.State.REPLIED if concluded_on else Application.State.RECEIVED)
    return Application.objects.create(
        organization=organization,
        number=f"T{next(_numbers):06d}",
        applicant_name="测试申请人",
        applicant_type=applicant_type,
        channel=extra.pop("channel", "in_person"),
        received_on=received_on,
        concluded_on=concluded_on,
        outcome=outcome,
        state=state,
        **extra,
    )


def make_item(organization, kind, written_on, *, published=True, validity="valid", changed_on=None, **extra):
    return Item.objects.create(
        organization=organization,
        title=extra.pop("title", f"{kind} {written_on}"),
        category=Category.objects.get(slug=extra.pop("category", "rules-and-documents")),
        document_type=DocumentType.objects.filter(report_kind=kind).first(),
        written_on=written_on,
        published_on=extra.pop("published_on", written_on) if published else None,
        state=Item.State.PUBLISHED if published else Item.State.DRAFT,
        validity=validity,
        validity_changed_on=changed_on,
        **extra,
    )


def make_appeal(organization, kind, filed_on, result="pending", concluded_on=None):
    return Appeal.objects.create(
        organization=organization, kind=kind, filed_on=filed_on, result=result, concluded_on=concluded_on
    )


def make_fee(application, amount, paid_on, notified_on=None):
    return FeeNotice.objects.create(
        application=application,
        method=FeeNotice.Method.PER_PAGE,
        pages=40,
        amount=Decimal(amount),
        notified_on=notified_on or paid_on,
        paid_on=paid_on,
    )


@pytest.fixture
def year_of_applications(bureau, other_bureau):
    return fill_year_of_applications(bureau, other_bureau)


def fill_year_of_applications(bureau, other_bureau):
    """2025 for the bureau: two carried in from 2024, six new, three carried out (see test_tables)."""
    d = date
    make_application(bureau, d(2024, 12, 20), d(2025, 1, 10), "1")
    make_application(bureau, d(2024, 11, 1), applicant_type="commercial")
    make_application(bureau, d(2024, 5, 6), d(2024, 6, 3), "1")
    make_application(bureau, d(2025, 3, 3), d(2025, 3, 20), "2")
    make_application(bureau, d(2025, 6, 2), d(2025, 6, 30), "3.1", applicant_type="research")
    make_application(
        bureau, d(2025, 7, 1), d(2025, 7, 4), "", applicant_type="welfare", state=Application.State.WITHDRAWN
    )
    make_application(
        bureau, d(2025, 8, 1), d(2025, 9, 1), "6.1", applicant_type="legal", state=Application.State.ABANDONED
    )
    make_application(bureau, d(2025, 12, 30), applicant_type="other")
    make_application(bureau, d(2025, 12, 15), d(2026, 1, 5), "1")
    make_application(bureau, None, state=Application.State.SUBMITTED, channel="online")
    make_application(bureau, d(2026, 1, 5))
    make_application(other_bureau, d(2025, 4, 1), d(2025, 4, 10), "1")
    return bureau


TYPED_ZEROS = {"licensing_decisions": 0, "penalty_decisions": 0, "enforcement_decisions": 0, "admin_fees_wan": 0}
WRITTEN = "已按要求开展相关工作。"


def fill_in(report, **typed):
    """What staff do before publishing: type section 二's figures and write over the draft's prompts."""
    for name, value in (TYPED_ZEROS | typed).items():
        setattr(report, name, Decimal(str(value)) if name == "admin_fees_wan" else value)
    for name in ("overview", "problems", "other_matters"):
        setattr(report, name, re.sub(r"（请补充[^）]*）", WRITTEN, getattr(report, name)))
    report.save()
    return report


@pytest.fixture
def second_reviewer(bureau):
    """Another reviewer of the bureau: the four-eyes rule lets her publish what `reviewer` wrote."""
    user = get_user_model().objects.create_user("second-reviewer", password="correct-horse-battery", is_staff=True)
    Membership.objects.create(user=user, organization=bureau, role=Membership.Role.REVIEWER)
    return user
