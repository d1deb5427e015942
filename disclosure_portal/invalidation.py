"""Which changes bump which tags: receivers of the apps' model signals, connected in PortalConfig.ready().

The apps know nothing of the page cache; every write that goes through a model's save() or delete() (the
admin, the services, the demo) is seen here. Writes that bypass the signals (`QuerySet.update`,
`bulk_create`) must call `cache_tags.bump` themselves; the view counter's updates need not (the counts on
cached pages refresh when the entries expire, PAGE_CACHE_SECONDS).

An item's change matters to the public only when it was or is published. It bumps the item's own page,
the unfiltered lists, and, for both its old and its new values, the filtered lists that show it (each filter
includes the subtree below the chosen node, so the ancestors' tags too), the pages of its neighbours in its
category (their 上一篇/下一篇 links) and of its related items.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from . import cache_tags
from .cache_tags import FRAME, GUIDES, ITEMS, REPORTS, STATISTICS
from .frame import current_frame

ITEM_FIELDS = (
    "state", "organization_id", "category_id", "topic_id", "document_type_id", "published_on", "validity",
    "interprets_id",
)  # fmt: skip


def item_snapshot(item) -> dict | None:
    """What of an item decides the pages it appears on; None when it is not public."""
    if item is None or not item.is_published:
        return None
    return {name: getattr(item, name) for name in ITEM_FIELDS} | {"pk": item.pk}


def item_tags(snapshot: dict) -> set[str]:
    frame = current_frame()
    tags = {ITEMS, cache_tags.item_tag(snapshot["pk"])}
    for tree, field in (("org", "organization_id"), ("category", "category_id"), ("topic", "topic_id")):
        tags |= {cache_tags.filter_tag(tree, node) for node in frame.ancestors(tree, snapshot[field])}
    if snapshot["document_type_id"]:
        tags.add(cache_tags.filter_tag("type", snapshot["document_type_id"]))
    if snapshot["published_on"]:
        tags.add(cache_tags.filter_tag("year", snapshot["published_on"].year))
    tags.add(cache_tags.filter_tag("validity", snapshot["validity"]))
    if snapshot["interprets_id"]:  # the policy's page lists its interpretations
        tags.add(cache_tags.item_tag(snapshot["interprets_id"]))
    return tags


def neighbour_tags(snapshot: dict) -> set[str]:
    """The item pages whose 上一篇/下一篇 link may point at this position of the category."""
    from catalog.models import Item

    siblings = Item.objects.published().filter(category_id=snapshot["category_id"]).exclude(pk=snapshot["pk"])
    day, pk = snapshot["published_on"], snapshot["pk"]
    if day is None:
        return set()
    older = siblings.filter(published_on__lte=day).exclude(published_on=day, pk__gte=pk)
    newer = siblings.filter(published_on__gte=day).exclude(published_on=day, pk__lte=pk)
    found = [
        older.order_by("-published_on", "-pk").values_list("pk", flat=True).first(),
        newer.order_by("published_on", "pk").values_list("pk", flat=True).first(),
    ]
    return {cache_tags.item_tag(pk) for pk in found if pk is not None}


def related_tags(item_id: int) -> set[str]:
    """The pages that show this item's title: its related items' and its interpretations'."""
    from catalog.models import Item

    through = Item.related.through
    linked = set(through.objects.filter(from_item_id=item_id).values_list("to_item_id", flat=True))
    linked |= set(Item.objects.filter(interprets_id=item_id).values_list("pk", flat=True))
    return {cache_tags.item_tag(pk) for pk in linked}


def _bump_item(before: dict | None, after: dict | None, related: set[str]) -> None:
    """After commit, when the neighbours can be found among the committed rows."""

    def after_commit() -> None:
        tags = set(related)
        for snapshot in (before, after):
            if snapshot:
                tags |= item_tags(snapshot) | neighbour_tags(snapshot)
        cache_tags.bump_now(tags)

    transaction.on_commit(after_commit, robust=True)


# ---------------------------------------------------------------- receivers


def remember_item(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: the row as it is before the save, for the tags of the values it leaves."""
    if raw or instance.pk is None:
        instance._page_cache_before = None
        return
    instance._page_cache_before = item_snapshot(sender.objects.filter(pk=instance.pk).only(*ITEM_FIELDS).first())


def item_saved(sender, instance, raw=False, **kwargs) -> None:
    before, after = getattr(instance, "_page_cache_before", None), item_snapshot(instance)
    if before or after:
        _bump_item(before, after, related_tags(instance.pk))


def item_deleted(sender, instance, **kwargs) -> None:
    """pre_delete: the related items are still linked."""
    before = item_snapshot(instance)
    if before:
        _bump_item(before, None, related_tags(instance.pk))


def attachment_changed(sender, instance, **kwargs) -> None:
    cache_tags.bump([cache_tags.item_tag(instance.item_id)])


def related_changed(sender, instance, action, pk_set=None, **kwargs) -> None:
    if action == "pre_clear":
        instance._page_cache_related = related_tags(instance.pk)
    elif action in ("post_add", "post_remove", "post_clear"):
        tags = {cache_tags.item_tag(pk) for pk in pk_set or ()} | getattr(instance, "_page_cache_related", set())
        cache_tags.bump(tags | {cache_tags.item_tag(instance.pk)})


def remember_counter(sender, instance, raw=False, **kwargs) -> None:
    old = sender.objects.filter(pk=instance.pk).values_list("last_serial", flat=True).first() if instance.pk else None
    instance._page_cache_new_year = not old and instance.last_serial > 0


def counter_saved(sender, instance, **kwargs) -> None:
    """A first publication in a year adds the year to every list's filter form."""
    if getattr(instance, "_page_cache_new_year", False):
        cache_tags.bump([FRAME])


def _bumps(*tags: str):
    def receiver(sender, instance, raw=False, **kwargs) -> None:
        cache_tags.bump(tags)

    return receiver


def guide_changed(sender, instance, **kwargs) -> None:
    cache_tags.bump([cache_tags.guide_tag(instance.organization_id), GUIDES])


# Model (app label, name) -> receiver of its post_save and post_delete.
SIMPLE = {
    ("catalog", "Organization"): _bumps(FRAME),
    ("catalog", "Category"): _bumps(FRAME),
    ("catalog", "Topic"): _bumps(FRAME),
    ("catalog", "DocumentType"): _bumps(FRAME),
    ("catalog", "CalendarYear"): _bumps(STATISTICS),
    ("catalog", "CalendarDay"): _bumps(STATISTICS),
    ("catalog", "GuideEdition"): guide_changed,
    ("catalog", "Attachment"): attachment_changed,
    ("annual_reports", "AnnualReport"): _bumps(REPORTS),
    ("applications", "Application"): _bumps(STATISTICS),
    ("applications", "Consultation"): _bumps(STATISTICS),
    ("applications", "FeeNotice"): _bumps(STATISTICS),
    ("applications", "Appeal"): _bumps(STATISTICS),
}


def connect() -> None:
    from django.apps import apps

    for (app_label, name), receiver in SIMPLE.items():
        model = apps.get_model(app_label, name)
        uid = f"page_cache.{app_label}.{name}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}.save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}.delete", weak=False)
    item = apps.get_model("catalog", "Item")
    pre_save.connect(remember_item, sender=item, dispatch_uid="page_cache.item.before")
    post_save.connect(item_saved, sender=item, dispatch_uid="page_cache.item.save")
    pre_delete.connect(item_deleted, sender=item, dispatch_uid="page_cache.item.delete")
    m2m_changed.connect(related_changed, sender=item.related.through, dispatch_uid="page_cache.item.related")
    counter = apps.get_model("catalog", "IndexCounter")
    pre_save.connect(remember_counter, sender=counter, dispatch_uid="page_cache.counter.before")
    post_save.connect(counter_saved, sender=counter, dispatch_uid="page_cache.counter.save")
