from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("全文检索")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_delete

        from catalog.models import Attachment, Item
        from catalog.signals import item_changed

        from . import checks, signals  # noqa: F401  (checks register themselves)

        item_changed.connect(signals.on_item_changed, dispatch_uid="search.item_changed")
        pre_delete.connect(signals.on_item_deleted, sender=Item, dispatch_uid="search.item_deleted")
        post_save.connect(signals.on_attachment_saved, sender=Attachment, dispatch_uid="search.attachment_saved")
