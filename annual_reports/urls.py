from django.urls import path

from . import views

app_name = "annual_reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/download/<str:fmt>/", views.download, name="download"),
    # /reports/statistics/ ... the whole portal, or one organization and its descendants
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<str:code>/", views.statistics, name="organization_statistics"),
]
