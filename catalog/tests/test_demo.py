"""catalog.demo.load(): a full city that reads like a real body's site, and safe to run twice.

The demo is loaded once for the class (setUpTestData); each test runs in its own savepoint, so the second
load of the idempotence test leaves nothing behind for the others.
"""

import re
from collections import Counter

from django.test import TestCase

from catalog import demo
from catalog.models import Attachment, GuideEdition, Item, Membership, Organization


def counts() -> tuple[int, ...]:
    return Organization.objects.count(), Item.objects.count(), Membership.objects.count(), Attachment.objects.count()


class DemoCatalogTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):  # the attachments' text is read by a task after commit
            demo.load()

    def test_demo_loads_a_full_city_and_is_safe_to_run_twice(self):
        city = Organization.objects.get(code=demo.CITY["code"])
        departments = Organization.objects.filter(parent=city)
        assert departments.count() == 5
        for org in [city, *departments]:
            assert org.items.published().count() >= 24 and org.phone and org.address
            assert GuideEdition.objects.filter(organization=org).count() == 2
        assert Membership.objects.filter(role=Membership.Role.REVIEWER).count() == 6
        assert Item.objects.exclude(validity=Item.Validity.VALID).exists()
        assert Item.objects.filter(category__slug="policy-interpretation", interprets__isnull=False).exists()
        before = counts()
        demo.load()
        assert counts() == before

    def test_demo_reads_like_a_real_body_s_site(self):
        published = Item.objects.published()
        titles = list(published.values_list("title", flat=True))
        assert not [t for t in titles if re.search(r"(..)\1", t.replace("《", "").replace("》", ""))], "管理管理"
        news = Counter(published.filter(category__slug="work-news").values_list("title", flat=True))
        assert news.most_common(1)[0][1] == 1, "a 工作动态 title repeats"
        notices = Counter(published.filter(category__slug="notices").values_list("title", flat=True))
        assert notices.most_common(1)[0][1] == 1, "a 通知公告 title repeats"

    def test_demo_marks_every_superseded_version_as_no_longer_in_force(self):
        revised = Item.objects.published().filter(title__endswith="年修订）")
        assert revised.count() >= 6
        for revision in revised:
            original = Item.objects.get(title=revision.title.rsplit("（", 1)[0], organization=revision.organization)
            assert (original.validity, original.validity_changed_on) == (Item.Validity.EXPIRED, revision.published_on)
        assert Item.objects.filter(validity=Item.Validity.REPEALED).exists()

    def test_demo_attachments_are_written_in_chinese(self):
        attachments = Attachment.objects.all()
        assert attachments.count() >= 4
        for attachment in attachments:
            text = re.sub(r"\s+", "", attachment.extracted_text)
            assert attachment.item.title in text and "办理" in text and not re.search(r"[A-Za-z]{4,}", text)
