from django.db import models
from django.utils.translation import gettext_lazy as _

from ..uploads import CORRECTION, CORRECTION_FOLDER


class CorrectionReply(models.Model):
    """The applicant's answer to a 补正 request, handed in online from the lookup page."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="correction_replies"
    )
    text = models.TextField(_("补正内容"))
    received_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("网上补正")
        verbose_name_plural = _("网上补正")

    def __str__(self) -> str:
        return f"{self.application_id} {self.received_at:%Y-%m-%d}"


class CorrectionFile(models.Model):
    reply = models.ForeignKey(CorrectionReply, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("补正材料"), upload_to=CORRECTION_FOLDER, max_length=300, validators=[CORRECTION])

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.name
