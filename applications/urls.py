from django.urls import path

from .views import public

app_name = "applications"

# /apply/ ... the citizen's side; staff work in the admin (applications/admin/).
urlpatterns = [
    path("", public.index, name="index"),
    path("<int:organization_id>/", public.apply, name="apply"),
    path("submitted/", public.submitted, name="submitted"),
    path("lookup/", public.lookup, name="lookup"),
    path("lookup/<str:number>/", public.status, name="status"),
    path("lookup/<str:number>/correction/", public.correct, name="correct"),
    path("lookup/<str:number>/reply/", public.reply_letter, name="reply_letter"),
    path("lookup/<str:number>/receipt/", public.receipt, name="receipt"),
    path("lookup/<str:number>/receipt.pdf", public.receipt_pdf, name="receipt_pdf"),
]
