from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..attachments import IMAGE_TYPES
from ..models import Attachment


def download_attachment(request, pk: int):
    """Serve an attachment with the Content-Type fixed at upload and a safe Content-Disposition.

    Files are never served from MEDIA_URL: a draft's attachments stay private to its organization's staff.
    """
    attachment = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if not permissions.can_view(request.user, attachment.item):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    inline = attachment.content_type in IMAGE_TYPES or attachment.content_type == "application/pdf"
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
