from django.contrib.sitemaps import Sitemap

from .models import Item, Organization


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Item.objects.published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item: Item):
        return item.updated_at


class PageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["/", "/guide/", "/catalog/", "/apply/", "/reports/"]

    def location(self, path: str) -> str:
        return path


class GuideSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organization.objects.only("pk").order_by("pk")

    def location(self, organization: Organization) -> str:
        return f"/guide/{organization.pk}/"


SITEMAPS = {"pages": PageSitemap, "guides": GuideSitemap, "items": ItemSitemap}
