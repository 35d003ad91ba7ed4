"""The ids of the SAML assertions Tandem accepted, until they expire: a replay is refused."""

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)
KEPT_FOR = dt.timedelta(hours=1)  # longer than any assertion's lifetime Tandem accepts


class UsedAssertion(models.Model):
    assertion_id = models.CharField(max_length=255, unique=True)
    expires = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "accounts"

    def __str__(self) -> str:
        return self.assertion_id


def remember(assertion_info: dict) -> None:
    """Keep the assertion's id; a second use raises ``PermissionDenied`` (a replay)."""
    assertion_id = str(assertion_info.get("assertion_id") or "")
    if not assertion_id:
        raise PermissionDenied("SAML assertion without an id")
    now = timezone.now()
    UsedAssertion.objects.filter(expires__lt=now).delete()
    try:
        with transaction.atomic():
            UsedAssertion.objects.create(assertion_id=assertion_id[:255], expires=now + KEPT_FOR)
    except IntegrityError:
        logger.warning("SAML assertion replayed: %s", assertion_id)
        raise PermissionDenied("SAML assertion replayed") from None
