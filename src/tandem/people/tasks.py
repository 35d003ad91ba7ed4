"""Reading a person's calendar in the background, so saving its address never waits on it."""

from django_tasks import task

from tandem.people.models import BusyCalendar
from tandem.people.services import freebusy


@task()
def refresh_calendar_task(calendar_id: int) -> bool:
    calendar = BusyCalendar.objects.select_related("person").filter(pk=calendar_id).first()
    return calendar is not None and freebusy.refresh(calendar)
