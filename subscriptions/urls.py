from django.urls import path

from . import views

app_name = "subscriptions"

# /subscriptions/ ... e-mail subscriptions (double opt-in, one-click unsubscribe)
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:key>/", views.unsubscribe, name="unsubscribe"),
]
