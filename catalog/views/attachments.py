from django.http import Http404
from django.shortcuts import get_object_or_404

from disclosure_portal.uploads import serve_file

from .. import permissions
from ..attachments import INLINE_TYPES
from ..models import Attachment


def download_attachment(request, pk: int):
    """Serve an attachment with its fixed Content-Type and a safe Content-Disposition.

    Files are never served from MEDIA_URL: a draft's attachments stay private to its organization's staff.
    """
    attachment = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if not permissions.can_view(request.user, attachment.item):
        raise Http404
    inline = attachment.content_type in INLINE_TYPES
    return serve_file(attachment.file, attachment.original_name, inline=inline)
