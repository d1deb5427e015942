from django.urls import path

from .api import api

# /api/v1/ ... the documentation page, the OpenAPI schema (schema/), the data and the exports
urlpatterns = [path("", api.urls)]
