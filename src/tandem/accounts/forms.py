"""Form helpers shared by every app's pages (accounts is the lowest layer)."""

from django import forms
from django.core.exceptions import ValidationError

from tandem.operations.text import text_problem


class TextRule:
    """A validator: no control character in any text, no line break in a one-line field."""

    def __init__(self, one_line: bool):
        self.one_line = one_line

    def __call__(self, value) -> None:
        problem = text_problem(str(value), one_line=self.one_line) if value else None
        if problem:
            raise ValidationError(problem, code="text")

    def __eq__(self, other) -> bool:
        return isinstance(other, TextRule) and other.one_line == self.one_line


class CleanTextMixin:
    """Every text field of the form follows ``operations.text``: a field shown as one line
    (any widget but a textarea) refuses line breaks and tabs, every field refuses NUL and the
    other control characters. Every form of the project inherits it (a test checks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                one_line = not isinstance(field.widget, forms.Textarea | forms.PasswordInput)
                field.validators.append(TextRule(one_line))


class DescribedErrorsMixin(CleanTextMixin):
    """Point each invalid field at its error message and help text (``aria-describedby``)
    and mark it ``aria-invalid``, so a screen reader reads why when the field gets focus.

    Templates show errors in ``<… id="{{ field.auto_id }}-error">`` and help in
    ``<… id="{{ field.auto_id }}_helptext">``.
    """

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}-error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            attrs = self.fields[name].widget.attrs
            attrs["aria-describedby"] = " ".join(ids)
            attrs["aria-invalid"] = "true"
