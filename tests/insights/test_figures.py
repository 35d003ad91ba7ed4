"""The k ≥ 5 rule lives in one value object; every output prints figures through it."""

from tandem.insights.services.figures import Figure, interval


def test_it_hides_a_figure_over_fewer_than_five_people():
    assert str(Figure(3, 4)) == "fewer than 5"
    assert Figure(3, 4).shown is None
    assert str(Figure(3, 5)) == "3"
    assert Figure(3, 5).shown == 3


def test_it_formats_each_style_rounded():
    assert str(Figure(1.877989, 5, "signed")) == "+1.88"
    assert str(Figure(-0.3, 5, "signed")) == "-0.30"
    assert str(Figure(79.6, 5, "percent")) == "80 %"
    assert str(Figure(40.0, 9, "score")) == "+40"
    assert str(Figure(None, 9, "mean")) == "—"
    assert str(Figure(12345, 9)) == "12,345"


def test_it_prints_an_interval_or_hides_it():
    assert interval(Figure(0.12, 5, "signed"), Figure(1.88, 5, "signed")) == "[+0.12; +1.88]"
    assert interval(Figure(0.12, 4, "signed"), Figure(1.88, 4, "signed")) == "fewer than 5"
