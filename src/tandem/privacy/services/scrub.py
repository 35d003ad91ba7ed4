"""Replace a person's identifiers wherever plain text or JSON may have copied them: audit
details, matching reasons, admin history, reminders, login throttling records, tasks…

Every text and JSON column of every installed model is searched, so a column added later
is covered without being listed. It scans whole tables: erasure is rare and correctness
matters more than speed here. Encrypted columns are handled by ``confidential``.
"""

from __future__ import annotations

import json
import re

from django.apps import apps
from django.db import models
from django.db.models import Q

from tandem.accounts.fields import EncryptedTextField

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


class Replacer:
    """Whole-word, case-insensitive replacement of each identifier by its pseudonym."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = {k.lower(): v for k, v in mapping.items() if k and len(k) >= 3}
        words = sorted(self.mapping, key=len, reverse=True)
        alternation = "|".join(re.escape(w) for w in words)
        # Whole words: "Jean Moreau's" matches; "Jean Moreau-Dupont", "sp5@x.com" and
        # "p5@x.com.au" are someone else.
        self.pattern = re.compile(rf"(?<![\w.+-])(?:{alternation})(?![\w-])(?!\.\w)", re.IGNORECASE)

    @property
    def needles(self) -> list[str]:
        return list(self.mapping)

    def text(self, value: str) -> str:
        if not self.mapping or not value:
            return value
        return self.pattern.sub(lambda m: self.mapping[m.group(0).lower()], value)

    def json(self, value):
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k): self.json(v) for k, v in value.items()}
        return value


def text_columns():
    """(model, field) for every plain text or JSON column of the installed models."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS) and not isinstance(field, EncryptedTextField):
                yield model, field


def _candidates(model, field, replacer: Replacer):
    query = Q()
    for needle in replacer.needles:
        query |= Q(**{f"{field.attname}__icontains": needle})
        if isinstance(field, models.JSONField):  # SQLite keeps JSON with \u escapes
            escaped = json.dumps(needle)[1:-1]
            if escaped != needle:
                query |= Q(**{f"{field.attname}__icontains": escaped})
    return model._base_manager.filter(query).values_list("pk", field.attname)


def scrub_everywhere(replacer: Replacer) -> int:
    """Rewrite every matching value in place (``update()``: no ``save()``, no ``auto_now``);
    returns how many values changed."""
    changed = 0
    for model, field in text_columns():
        for pk, value in list(_candidates(model, field, replacer)):
            if isinstance(field, models.JSONField):
                new = replacer.json(value)
            else:
                new = replacer.text(value)[: field.max_length or None]
            if new != value:
                model._base_manager.filter(pk=pk).update(**{field.attname: new})
                changed += 1
    return changed
