"""A pair's health, defined once from its open alerts: at risk (no meeting for too long, two
missed, a low satisfaction answer, a closing notice), to watch (no goal yet, an unanswered
proposal), on track (going, no alert), closed (completed, ended or declined). The cockpit,
the coach page, the home pages and the pair page all read it from here."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from tandem.insights.models import Alert
from tandem.mentorships.models import OPEN_STATUSES

Kind = Alert.Kind
AT_RISK = (Kind.NO_RECENT_MEETING, Kind.TWO_MISSED, Kind.LOW_SATISFACTION, Kind.INACTIVE)
WATCH = (Kind.NO_GOAL, Kind.PROPOSAL_UNANSWERED)


class Health(models.TextChoices):
    AT_RISK = "at-risk", _("At risk")
    WATCH = "watch", _("To watch")
    ON_TRACK = "on-track", _("On track")
    CLOSED = "closed", _("Closed")


RANK = {Health.AT_RISK: 0, Health.WATCH: 1, Health.ON_TRACK: 2, Health.CLOSED: 3}
BY_RANK = {rank: health for health, rank in RANK.items()}


def with_health(mentorships: QuerySet) -> QuerySet:
    """Annotates ``health_rank`` (0 at risk … 3 closed), computed in SQL from open alerts."""
    open_alerts = Alert.objects.filter(mentorship=OuterRef("pk"), closed_at__isnull=True)
    return mentorships.annotate(
        health_rank=Case(
            When(~models.Q(status__in=OPEN_STATUSES), then=Value(RANK[Health.CLOSED])),
            When(Exists(open_alerts.filter(kind__in=AT_RISK)), then=Value(RANK[Health.AT_RISK])),
            When(Exists(open_alerts.filter(kind__in=WATCH)), then=Value(RANK[Health.WATCH])),
            default=Value(RANK[Health.ON_TRACK]),
            output_field=IntegerField(),
        )
    )


def health_of(rank: int) -> Health:
    return BY_RANK.get(rank, Health.ON_TRACK)
