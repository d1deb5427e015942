from django.urls import path

from . import views

app_name = "feedback"

# /feedback/ ... the 信息公开意见箱 and 网站纠错; staff answer in the admin (feedback/admin.py).
urlpatterns = [
    path("", views.index, name="index"),
    path("write/", views.write, name="write"),
    path("sent/", views.sent, name="sent"),
    path("lookup/", views.lookup, name="lookup"),
    path("<str:number>/", views.detail, name="detail"),
]
