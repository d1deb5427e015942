from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("guide/<int:organization_id>/", views.guide, name="guide_for"),
    # /catalog/ ... the 政府信息公开目录 and its items
    path("catalog/", views.item_list, name="item_list"),
    path("catalog/<int:pk>/", views.item_detail, name="item_detail"),
    path("catalog/<int:pk>/print/", views.item_print, name="item_print"),
    path("catalog/<int:pk>/qr.svg", views.item_qr, name="item_qr"),
    path("attachments/<int:pk>/", views.download_attachment, name="attachment"),
    # /feeds/ ... RSS 2.0 and Atom
    path("feeds/rss/", feeds.LatestItemsFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestItemsAtomFeed(), name="feed_atom"),
    path("feeds/category/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_rss"),
    path("feeds/category/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category_atom"),
    path("feeds/organization/<int:organization_id>/rss/", feeds.OrganizationFeed(), name="organization_rss"),
    path("feeds/organization/<int:organization_id>/atom/", feeds.OrganizationAtomFeed(), name="organization_atom"),
    # pages about the site: the site map for people, the feeds explained
    path("sitemap/", views.site_map, name="site_map"),
    path("subscribe/", views.subscribe, name="subscribe"),
    # machine-readable site maps
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "catalog:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
]
