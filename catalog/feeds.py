"""RSS 2.0 and Atom feeds of published items: all, per category (with its subtree), per organization."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Category, Item, Organization

FEED_SIZE = 30


def publication_moment(item: Item) -> datetime | None:
    """The 发布日期 as a moment: with the time of day it was approved when that was the same day, else midnight."""
    if item.published_on is None:
        return None
    if item.reviewed_at and timezone.localdate(item.reviewed_at) == item.published_on:
        return timezone.localtime(item.reviewed_at)
    return timezone.make_aware(datetime.combine(item.published_on, time()))


class LatestItemsFeed(Feed):
    title = _("最新公开信息")
    link = "/catalog/"
    description = _("政府信息公开目录中最新发布的信息。")

    def items(self, obj=None):
        items = self.filter_items(Item.objects.published(), obj)
        return items.select_related("organization").order_by("-published_on", "-pk")[:FEED_SIZE]

    def filter_items(self, items, obj):
        return items

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary or item.title

    def item_pubdate(self, item: Item):
        return publication_moment(item)

    def item_author_name(self, item: Item) -> str:
        return item.organization.name

    def item_guid(self, item: Item) -> str:
        return item.index_number or str(item.pk)

    item_guid_is_permalink = False


class LatestItemsAtomFeed(LatestItemsFeed):
    feed_type = Atom1Feed
    subtitle = LatestItemsFeed.description


class CategoryFeed(LatestItemsFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return _("%(name)s - 最新公开信息") % {"name": obj.name}

    def link(self, obj: Category) -> str:
        return f"/catalog/?category={obj.pk}"

    def filter_items(self, items, obj: Category):
        return items.filter(category_id__in=obj.descendant_ids())


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = LatestItemsFeed.description


class OrganizationFeed(LatestItemsFeed):
    def get_object(self, request, organization_id: int):
        return get_object_or_404(Organization, pk=organization_id)

    def title(self, obj: Organization) -> str:
        return _("%(name)s - 最新公开信息") % {"name": obj.name}

    def link(self, obj: Organization) -> str:
        return f"/catalog/?organization={obj.pk}"

    def filter_items(self, items, obj: Organization):
        return items.filter(organization_id__in=obj.descendant_ids())


class OrganizationAtomFeed(OrganizationFeed):
    feed_type = Atom1Feed
    subtitle = LatestItemsFeed.description
