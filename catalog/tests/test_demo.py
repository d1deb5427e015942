from catalog import demo
from catalog.models import Attachment, GuideEdition, Item, Membership, Organization


def counts() -> tuple[int, ...]:
    return Organization.objects.count(), Item.objects.count(), Membership.objects.count(), Attachment.objects.count()


def test_demo_loads_a_full_city_and_is_safe_to_run_twice(db):
    demo.load()
    city = Organization.objects.get(code=demo.CITY["code"])
    departments = Organization.objects.filter(parent=city)
    assert departments.count() == 5
    for org in [city, *departments]:
        assert org.items.published().count() >= 24 and org.phone and org.address
        assert GuideEdition.objects.filter(organization=org).count() == 2
    assert Membership.objects.filter(role=Membership.Role.REVIEWER).count() == 6
    assert Item.objects.exclude(validity=Item.Validity.VALID).exists()
    assert Item.objects.filter(category__slug="policy-interpretation", related__isnull=False).exists()
    before = counts()
    demo.load()
    assert counts() == before
