"""Form helpers shared by every app's pages (accounts is the lowest layer)."""


class DescribedErrorsMixin:
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
