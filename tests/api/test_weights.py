"""The API reads a program's weights with the schema the set-up form and the engine use."""

from tandem.programs.models import Program
from tandem.programs.weights import HIGHEST
from tests.programs.test_weights import STORED


def test_the_api_checks_weights_with_the_schema(api, cast):
    pk = cast.program.pk
    url = f"/programs/{pk}"
    ok = api.patch(url, {"weights": {"level": [0, 2, 4, 6, 8], "version": 1}}, as_=cast.manager)
    assert ok.status_code == 400  # "version" is not a weight
    ok = api.patch(url, {"weights": {"level": [0, 2, 4, 6, 8]}, "version": 1}, as_=cast.manager)
    assert ok.status_code == 200, ok.content
    assert ok.json()["weights"] == {**STORED, "level": [0, 2, 4, 6, 8]}
    for bad in ({"other_site": HIGHEST + 1}, {"priority": [1, 2]}, {"other_gender": "5"}):
        refused = api.patch(url, {"weights": bad, "version": 2}, as_=cast.manager)
        assert refused.status_code in (400, 422), bad
        assert refused.json()["errors"][0]["field"].startswith("weights"), bad
    Program.objects.filter(pk=pk).update(weights={"scale": 20})
    stored_junk = api.patch(url, {"weights": {"other_site": 3}, "version": 2}, as_=cast.manager)
    assert stored_junk.status_code == 400
    assert "scale" in stored_junk.json()["errors"][0]["message"]
    assert Program.objects.get(pk=pk).weights == {"scale": 20}
