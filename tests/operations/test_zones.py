"""One reader of stored time-zone names: strict where a caller names whose zone is wrong,
UTC where a moment is only shown."""

import pytest

from tandem.operations.dates import UnknownZone, read_zone, zone_of


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "../etc/passwd", "Europe/Paris\x00"])
def test_an_unknown_zone_is_refused_or_shown_in_utc(name):
    with pytest.raises(UnknownZone):
        read_zone(name)
    assert zone_of(name).key == "UTC"


def test_a_known_zone_is_read_and_no_zone_means_utc():
    assert read_zone("Europe/Paris").key == zone_of("Europe/Paris").key == "Europe/Paris"
    assert read_zone("").key == read_zone(None).key == "UTC"
