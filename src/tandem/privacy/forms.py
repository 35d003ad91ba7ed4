from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.forms import CleanTextMixin


class EraseForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email of the person to erase"))
    confirm = forms.BooleanField(
        label=_("I understand that this anonymises the person everywhere and cannot be undone.")
    )
