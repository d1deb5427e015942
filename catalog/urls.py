from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("catalog/", views.item_list, name="item_list"),
    path("catalog/<int:pk>/", views.item_detail, name="item_detail"),
]
