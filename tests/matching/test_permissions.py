"""Who may open a matching run: the program's managers and superusers, nobody else."""

import pytest
from django.http import Http404

from tandem.accounts.models import User
from tandem.matching.permissions import get_run_for
from tandem.matching.services.run import run_matching


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("manager", True),
        ("coach", False),
        ("mentor", False),
        ("mentee", False),
        ("sponsor", False),
        ("outsider", False),
    ],
)
def test_it_opens_a_run_only_for_the_programs_managers(cast, who, allowed):
    run = run_matching(cast.program).run
    user = getattr(cast, who)
    if allowed:
        assert get_run_for(user, run.pk) == run
    else:
        with pytest.raises(Http404):
            get_run_for(user, run.pk)


def test_it_opens_any_run_for_a_superuser(cast):
    run = run_matching(cast.program).run
    admin = User.objects.create_superuser(email="root@example.com", password="x")
    assert get_run_for(admin, run.pk) == run
    with pytest.raises(Http404):
        get_run_for(admin, run.pk + 1)
