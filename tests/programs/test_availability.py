"""The one availability grammar: what it reads, what it refuses and how, and that every path
(import, form, matching, schedule) gives the same slots for the same text."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.build.availability import slots as engine_slots
from tandem.mentorships.services.schedule import utc_intervals
from tandem.programs.forms_participant import SlotForm, slot_initial
from tandem.programs.services.availability import (
    DAYS,
    SlotError,
    normalise_slots,
    parse_slot,
    parse_slots,
    week_spans,
)


def test_it_reads_a_day_range_as_one_slot_per_day():
    assert normalise_slots(["mon-fri 09:00-12:00"]) == [f"{d} 09:00-12:00" for d in DAYS[:5]]
    assert normalise_slots(["Lun–Ven 9h-12h"]) == normalise_slots(["mon-fri 09:00-12:00"])
    assert normalise_slots(["fri-mon 10:00-11:00"]) == [
        "mon 10:00-11:00",
        "fri 10:00-11:00",
        "sat 10:00-11:00",
        "sun 10:00-11:00",
    ]


def test_it_reads_a_slot_that_runs_past_midnight():
    (slot,) = parse_slot("fri 22:00-01:00")
    assert slot.week_span == (4 * 1440 + 1320, 4 * 1440 + 1500)
    assert slot.text == "fri 22:00-01:00"
    assert normalise_slots(["sat 20:00-00:00"]) == ["sat 20:00-24:00"]
    assert week_spans(["sun 23:00-02:00"]) == [(6 * 1440 + 1380, 7 * 1440 + 120)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("someday 09:00-10:00", "unknown day"),
        ("mon 9 to 10", "is not a slot; write it like “mon 09:00-12:00”, “mon-fri"),
        ("mon 25:00-26:00", "hours run from 00:00 to 24:00"),
        ("mon 09:60-10:00", "hours run from 00:00 to 24:00"),
        ("mon 10:00-10:00", "the end must differ from the start"),
        ("mon 24:00-01:00", "a slot starts before 24:00"),
        ("mon 12:00-09:00", "the end must be after the start (a slot may run past midnight"),
        ("", "is not a slot"),
    ],
)
def test_it_refuses_anything_else_saying_why(text, words):
    with pytest.raises(SlotError) as caught:
        parse_slot(text)
    assert words in str(caught.value)
    assert f"“{text}”" in str(caught.value)


DAY_WORDS = [*DAYS, "monday", "lundi", "mar", "vendredi", "dim"]
times = st.tuples(st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


def _time(hm, style: int) -> str:
    h, m = hm
    return (f"{h:02d}:{m:02d}", f"{h}h{m:02d}", f"{h}:{m:02d}")[style]


@st.composite
def slot_texts(draw) -> str:
    first = draw(st.sampled_from(DAY_WORDS))
    last = draw(st.one_of(st.none(), st.sampled_from(DAY_WORDS)))
    start, end = draw(times), draw(times)
    style = draw(st.integers(0, 2))
    days = first if last is None else f"{first}-{last}"
    return f"{days} {_time(start, style)}-{_time(end, style)}"


@settings(max_examples=300, deadline=None)
@given(st.lists(slot_texts(), max_size=4))
def test_parse_canonical_parse_is_stable(texts):
    try:
        first = parse_slots(texts)
    except SlotError:
        return
    canonical = [slot.text for slot in first]
    assert parse_slots(canonical) == first
    assert normalise_slots(canonical) == canonical


@settings(max_examples=200, deadline=None)
@given(
    day=st.sampled_from(DAYS),
    start=times,
    end=times,
    offset=st.sampled_from([-300, 0, 60, 120, 330]),
)
def test_the_form_the_engine_and_the_schedule_agree(day, start, end, offset):
    text = f"{day} {_time(start, 0)}-{_time(end, 0)}"
    form = SlotForm({"day": day, "start": _time(start, 0), "end": _time(end, 0)})
    try:
        (slot,) = parse_slot(text)
    except SlotError as exc:
        assert not form.is_valid()
        assert str(exc) in str(form.errors)
        return
    assert form.is_valid(), form.errors
    stored = normalise_slots([form.cleaned_data["slot"]])
    assert stored == [slot.text]
    # the form shows what is stored, and saving it again stores the same
    (row,) = slot_initial(stored)
    again = SlotForm(row)
    assert again.is_valid() and normalise_slots([again.cleaned_data["slot"]]) == stored
    # matching's bitmask covers the half hours of the slot, shifted by the zone's offset
    a, b = slot.week_span
    first, last = -(-(a - offset) // 30), (b - offset) // 30
    expected = sorted({t % 336 for t in range(first, last)})
    assert engine_slots(stored[0], offset).tolist() == expected
    # the schedule lays the same minutes on the calendar
    monday = dt.date(2026, 1, 5)
    laid = utc_intervals(week_spans(stored), ZoneInfo("UTC"), monday, monday + dt.timedelta(6))
    assert laid and {end - begin for begin, end in laid} == {dt.timedelta(minutes=b - a)}


def test_the_import_and_the_api_take_day_ranges_and_slots_past_midnight(db, client):
    from tandem.accounts.tokens import create_token
    from tandem.programs.models import Enrolment
    from tandem.programs.services.enrolment_import import import_enrolments
    from tests import factories as f

    manager = f.person("HR", with_user=True).user
    program = f.program("Grammar", topics=("genai",))
    program.managers.add(manager)
    f.person("Mentor", employee_id="M1")
    f.person("Senior", employee_id="S1")
    header = "employee_id,role,topics,capacity,languages,availability"
    rows = [header, "M1,mentor,genai:3:assessed,1,,mon-wed 09:00-10:00|fri 22:00-01:00"]
    report = import_enrolments(program, "\n".join(rows) + "\n")
    assert report.errors == []
    assert Enrolment.objects.get(person__employee_id="M1").availability == [
        "mon 09:00-10:00",
        "tue 09:00-10:00",
        "wed 09:00-10:00",
        "fri 22:00-01:00",
    ]
    _token, secret = create_token(manager, "t")
    body = {
        "rows": [
            {
                "employee_id": "S1",
                "role": "mentee",
                "topics": "genai:high",
                "availability": "lun-mar 9h-10h|sam 23:00-02:00",
            }
        ]
    }
    response = client.post(
        f"/api/v1/programs/{program.pk}/enrolments/bulk",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200, response.content
    assert Enrolment.objects.get(person__employee_id="S1").availability == [
        "mon 09:00-10:00",
        "tue 09:00-10:00",
        "sat 23:00-02:00",
    ]
    bad = {
        "rows": [
            {
                "employee_id": "S1",
                "role": "mentee",
                "topics": "genai:high",
                "availability": "mon 12:00-09:00",
            }
        ]
    }
    refused = client.post(
        f"/api/v1/programs/{program.pk}/enrolments/bulk",
        bad,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert refused.status_code == 400
    assert "a slot may run past midnight" in refused.json()["errors"][0]["message"]
