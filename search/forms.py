from django import forms
from django.utils.translation import gettext_lazy as _

from . import text
from .services import SORTS


class SearchForm(forms.Form):
    q = forms.CharField(label=_("检索词"), max_length=200, required=False)
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[("date", _("发布日期（新到旧）")), ("relevance", _("标题匹配优先"))],
    )
    page = forms.IntegerField(required=False, min_value=1)

    def clean_q(self) -> str:
        words = text.query_words(self.cleaned_data["q"])
        if len(words) > text.MAX_WORDS:
            raise forms.ValidationError(_("检索词最多 %(max)s 个，请减少一些。"), params={"max": text.MAX_WORDS})
        if any(len(word) > text.MAX_WORD_LENGTH for word in words):
            raise forms.ValidationError(
                _("单个检索词不能超过 %(max)s 个字，请用空格分开或缩短。"), params={"max": text.MAX_WORD_LENGTH}
            )
        return self.cleaned_data["q"].strip()

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] if self.cleaned_data["sort"] in SORTS else "date"

    @property
    def words(self) -> list[str]:
        return text.query_words(self.cleaned_data.get("q", ""))
