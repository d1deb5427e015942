from django.contrib import admin
from django.urls import include, path

from . import views

handler500 = "disclosure_portal.views.server_error"

urlpatterns = [
    # /admin/site-check/ ... 网站自查, staff pages in the admin frame (before the admin's catch-all)
    path("admin/site-check/", include("site_check.urls")),
    path("admin/", admin.site.urls),
    path("preferences/<str:name>/<str:value>/", views.set_preference, name="set_preference"),
    # /search/ ... full-text search of the catalog
    path("search/", include("search.urls")),
    # /apply/ ... disclosure on request
    path("apply/", include("applications.urls")),
    # /reports/ ... annual reports and statistics
    path("reports/", include("annual_reports.urls")),
    # /feedback/ ... the 信息公开意见箱 and 网站纠错
    path("feedback/", include("feedback.urls")),
    # /api/v1/ ... open data: the read-only API, its schema and the bulk exports
    path("api/v1/", include("open_data.urls")),
    # /subscriptions/ ... e-mail subscriptions to new items
    path("subscriptions/", include("subscriptions.urls")),
    # / ... home, guide, catalog, items, feeds, sitemap
    path("", include("catalog.urls")),
]
