from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from ..attachments import WORD_IMPORT, check_upload
from ..models import Attachment, GuideEdition, Item
from ..sanitize import clean_body

EDITOR_CONFIG = {
    "extensions": {
        "Bold": True, "Italic": True, "Underline": True, "Strike": True, "Subscript": True, "Superscript": True,
        "Heading": {"levels": [2, 3, 4]}, "BulletList": True, "OrderedList": True, "ListItem": True,
        "Blockquote": True, "HorizontalRule": True, "Link": True, "HardBreak": True, "History": True,
        "Table": True, "TableRow": True, "TableHeader": True, "TableCell": True,
        "HTML": True,
    }
}  # fmt: skip


class ItemAdminForm(forms.ModelForm):
    docx_upload = forms.FileField(
        label=_("从 Word 文档导入正文"),
        required=False,
        help_text=WORD_IMPORT.help_text(_("上传 .docx 文件后，正文将替换为文档内容（保留标题、列表和表格）。")),
        validators=[WORD_IMPORT],
    )
    workflow_reason = forms.CharField(
        label=_("退回理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("退回时必填。")
    )
    workflow_date = forms.DateField(
        label=_("废止或失效日期"), required=False, help_text=_("废止或宣布失效时填写，留空为今天。")
    )

    class Meta:
        model = Item
        fields = [
            "organization", "title", "summary", "body", "category", "topic", "document_type", "document_number",
            "keywords", "written_on", "published_on", "source", "interprets", "related",
        ]  # fmt: skip
        widgets = {
            "body": AdminProseEditorWidget(config=EDITOR_CONFIG, preset="configurable"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("docx_upload")
        if upload:
            cleaned["body"] = docx_to_html(upload)
            self.instance.body = cleaned["body"]
        return cleaned


def docx_to_html(upload) -> str:
    import mammoth

    upload.seek(0)
    try:
        result = mammoth.convert_to_html(upload)
    except Exception as error:  # mammoth raises many kinds on a broken file
        raise ValidationError(_("无法读取这个 Word 文档，请确认文件没有损坏。")) from error
    return clean_body(result.value)


class AttachmentInlineForm(forms.ModelForm):
    """Checks each upload's size and real type; the admin saves it through the attachment service."""

    class Meta:
        model = Attachment
        fields = ["file", "sort_order"]
        help_texts = {"file": _("已上传的附件不能直接更换：如需更换，请勾选删除，再在新的一行上传。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Replaced by deleting it and adding the new file, both through the attachment service: a file chosen
            # on a stored attachment's row would otherwise be dropped without a word.
            self.fields["file"].disabled = True

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            check_upload(upload)
        return upload


class GuideEditionAdminForm(forms.ModelForm):
    workflow_reason = forms.CharField(
        label=_("退回理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("退回时必填。")
    )

    class Meta:
        model = GuideEdition
        fields = [
            "organization", "effective_on", "introduction", "proactive_notes", "request_notes", "remedy_notes",
            "change_note",
        ]  # fmt: skip
