from django.contrib import admin
from django.urls import path

from . import views

app_name = "site_check"

# /admin/site-check/ ... the 网站自查 pages behind the admin's login; the admin home lists the user's organizations.
urlpatterns = [
    path("<int:pk>/", admin.site.admin_view(views.organization_page), name="organization"),
    path("<int:pk>.json", admin.site.admin_view(views.organization_json), name="organization_json"),
]
