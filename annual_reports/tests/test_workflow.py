"""The transitions table, the four-eyes rule and the steps that lost a race."""

from datetime import date

import pytest

from annual_reports import permissions, services
from annual_reports.models import AnnualReport, ReportEvent
from annual_reports.workflow import TRANSITIONS
from catalog.transitions import NotAllowedNow, offered

from .conftest import fill_in

DAY = date(2026, 1, 20)


@pytest.fixture
def written_by_reviewer(year_of_applications, reviewer):
    """A draft whose text the reviewer wrote herself."""
    report = fill_in(services.generate_report(year_of_applications, 2025, by=reviewer))
    return services.save_draft(report, by=reviewer)


def test_the_author_of_a_draft_cannot_publish_it_under_four_eyes(written_by_reviewer, reviewer):
    with pytest.raises(NotAllowedNow, match="双人审核"):
        services.publish_report(written_by_reviewer, by=reviewer, today=DAY)
    assert not AnnualReport.objects.get(pk=written_by_reviewer.pk).is_published


def test_another_reviewer_publishes_what_a_reviewer_wrote(written_by_reviewer, second_reviewer, quick_pdf):
    report = services.publish_report(written_by_reviewer, by=second_reviewer, today=DAY)
    assert report.is_published and report.published_by == second_reviewer


def test_the_generator_counts_as_author_until_someone_edits(year_of_applications, reviewer, editor):
    report = fill_in(services.generate_report(year_of_applications, 2025, by=reviewer))
    assert not permissions.can_publish(reviewer, report)
    services.save_draft(report, by=editor)
    assert permissions.can_publish(reviewer, report)


def test_saving_without_changes_does_not_make_the_reviewer_the_author(year_of_applications, editor, reviewer):
    report = fill_in(services.generate_report(year_of_applications, 2025, by=editor))
    services.save_draft(report, by=reviewer, changed=False)
    assert permissions.can_publish(reviewer, report)


def test_without_four_eyes_the_author_publishes_and_the_trail_says_so(written_by_reviewer, reviewer, quick_pdf):
    organization = written_by_reviewer.organization
    organization.requires_four_eyes = False
    organization.save()
    services.publish_report(written_by_reviewer, by=reviewer, today=DAY)
    event = ReportEvent.objects.get(report=written_by_reviewer, kind=ReportEvent.Kind.PUBLISHED)
    assert "本机关未启用双人审核，发布人即最后修改人。" in event.note


def test_publish_is_offered_to_another_reviewer_only(written_by_reviewer, reviewer, second_reviewer, editor):
    def actions(user):
        return [transition.action for transition in offered(TRANSITIONS, written_by_reviewer, user)]

    assert actions(second_reviewer) == ["save", "refresh", "publish"]
    assert actions(reviewer) == ["save", "refresh"]
    assert actions(editor) == ["save", "refresh"]


def test_publishing_is_marked_irreversible_with_what_will_happen():
    publish = TRANSITIONS["publish"]
    assert publish.irreversible and "发布不能撤销" in str(publish.confirmation)
