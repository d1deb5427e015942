from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms.citizen import ApplyForm, timing_token

from . import criteria


class SubscribeForm(forms.Form):
    """An address and what to follow; the catalog's filters are validated by the catalog's own filter form."""

    email = forms.EmailField(label=_("电子邮箱"), max_length=254, help_text=_("只用于发送订阅邮件；退订时立即删除。"))
    q = forms.CharField(
        label=_("检索词"),
        max_length=200,
        required=False,
        help_text=_("可选。填写后只接收标题或正文包含全部检索词的信息，多个词用空格分开。"),
    )
    website = forms.CharField(label=_("请勿填写此项"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    # The same honeypot and signed render time as the application form.
    is_bot = ApplyForm.is_bot

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.catalog_filter = criteria.catalog_filter(self.data)
        else:
            # Prefilled from a search or catalog page's filters, shown without complaining about them.
            self.catalog_filter = criteria.ItemFilter()
            self.catalog_filter.form.initial.update(self._initial_filters())
            self.initial.setdefault("started", timing_token())

    def to_send_again(self) -> "SubscribeForm":
        """What a suspected bot gets, as on the application form: what was typed, a fresh token, no reason why."""
        data = self.data.copy()
        data["started"], data["website"] = timing_token(), ""
        form = SubscribeForm(data)
        form.is_valid()
        form.add_error(None, _("提交过快或表单已过期，请核对内容后再次提交。"))
        return form

    def _initial_filters(self) -> dict:
        return {name: self.initial[name] for name in criteria.FILTERS if self.initial.get(name)}

    @property
    def filter_fields(self) -> list:
        return [self.catalog_filter.form[name] for name in criteria.FILTERS]

    def clean_q(self) -> str:
        from search.forms import SearchForm

        search_form = SearchForm({"q": self.cleaned_data["q"]})
        if not search_form.is_valid():
            raise forms.ValidationError(search_form.errors["q"])
        return search_form.cleaned_data["q"]

    def clean(self):
        cleaned = super().clean()
        filter_form = self.catalog_filter.form
        for name, errors in (filter_form.errors if filter_form.is_bound else {}).items():
            self.add_error(None, f"{filter_form.fields[name].label}：{errors[0]}")
        chosen = self.catalog_filter.form.is_valid() and any(self.catalog_filter.form.cleaned_data.values())
        if not chosen and not cleaned.get("q") and "q" not in self.errors:
            self.add_error(None, _("请至少选择一个信息分类、发布机构或填写检索词，再订阅。"))
        return cleaned

    def criteria(self) -> str:
        values = {name: self._filter_value(name) for name in criteria.FILTERS}
        return criteria.canonical({**values, criteria.QUERY: self.cleaned_data["q"]})

    def _filter_value(self, name: str):
        value = self.catalog_filter.form.cleaned_data.get(name)
        return getattr(value, "pk", value)
