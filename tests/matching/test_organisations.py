"""Reporting lines in every organisation: a partner's director is never paired with her own
report, each organisation's tree holds the rule, and people of different organisations are
never in a reporting line (checked against a brute-force walk of the manager links), in the
engine's problem, in its pairs and in the checker of the pairs a manager or a mentee makes."""

import io
import itertools
import json

import numpy as np
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.build.problem import build_problem
from tandem.matching.engine import solve
from tandem.matching.engine._prep import Prep
from tandem.matching.services.rules import check_pair
from tandem.people.models import Organization
from tandem.people.services.tree import renumber
from tandem.programs.models import Program
from tests import factories as f
from tests.matching import helpers as h

PEOPLE = """\
employee_id,email,full_name,title,department,manager_id,organization,site,timezone,languages
A1,claire@acme.example,Claire Dumas,Chief Executive,Board,,Acme,Paris,Europe/Paris,fr|en
A2,lea@acme.example,Léa Bernard,Data analyst,Digital,A1,Acme,Lyon,Europe/Paris,fr|en
P1,nora@partner.example,Nora Haddad,Director,Direction,,PartnerCo,Lyon,Europe/Paris,fr|en
P2,theo@partner.example,Théo Blanc,Data scientist,Data,P1,PartnerCo,Lyon,Europe/Paris,fr|en
"""
ENROLMENTS = """employee_id,role,topics,capacity,languages,availability
P1,mentee,genai:high,,fr,mon-fri 09:00-12:00
P2,mentor,genai:3:assessed,1,fr,mon 09:00-12:00
"""


def _command(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_never_pairs_a_partners_director_with_her_own_report(db, tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "enrolments.csv").write_text(ENROLMENTS, encoding="utf-8")
    _command("import-people", str(tmp_path / "people.csv"))
    assert Organization.objects.get(name="PartnerCo").kind == Organization.Kind.PARTNER
    slug = _command(
        "create-program",
        "Partners",
        "--format",
        "one-to-one",
        "--start",
        "2026-01-05",
        "--end",
        "2026-06-30",
    ).strip()
    Program.objects.filter(slug=slug).update(require_training=False)
    _command("import-enrollments", slug, str(tmp_path / "enrolments.csv"))
    data = json.loads(_command("match", slug, "--format", "json"))
    assert data["pairs"] == []
    reasons = {u["employee_id"]: u["reasons"] for u in data["unmatched"]}
    assert reasons["P1"] == [
        "every qualified mentor is in the same organisation and too close in its reporting line"
    ]


# ----- the rule against a brute force walk, over random multi-organisation trees -------------


@st.composite
def organisations(draw):
    """People as (organisation, manager index or None, role); managers come earlier, mostly in
    the same organisation, sometimes in another one (a subsidiary's head reporting to the
    group's)."""
    people = []
    for _person in range(draw(st.integers(2, 18))):
        org = draw(st.integers(0, 2))
        same = [k for k, (o, _m, _r) in enumerate(people) if o == org]
        other = [k for k, (o, _m, _r) in enumerate(people) if o != org]
        manager = draw(
            st.one_of(
                st.none(),
                st.sampled_from(same) if same else st.none(),
                st.sampled_from(same) if same else st.none(),
                st.sampled_from(other) if other else st.none(),
            )
        )
        role = draw(st.sampled_from(["mentee", "mentor", "mentor", None]))
        people.append((org, manager, role))
    return people


def _same_org_chain(people, k):
    """k's managers upwards, as long as they are of k's organisation."""
    chain, org, manager = [], people[k][0], people[k][1]
    while manager is not None and people[manager][0] == org:
        chain.append(manager)
        manager = people[manager][1]
    return chain


def _forbidden(people, a, b, distance) -> bool:
    """Brute force: a and b of the same organisation, and one above the other within
    ``distance`` levels (any distance for -1), or both under the same manager of it."""
    if distance == 0 or people[a][0] != people[b][0]:
        return False
    up_a, up_b = _same_org_chain(people, a), _same_org_chain(people, b)
    if up_a and up_b and up_a[0] == up_b[0]:
        return True
    for top, chain in ((a, up_b), (b, up_a)):
        if top in chain and (distance < 0 or chain.index(top) + 1 <= distance):
            return True
    return False


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    people=organisations(),
    distance=st.sampled_from([-1, 1, 2, 3]),
    renumbered=st.booleans(),
)
def test_the_problem_and_the_engine_follow_the_rule_in_every_organisation(
    db, people, distance, renumbered
):
    with transaction.atomic():
        orgs = [
            f.organization("Host"),
            f.organization("Partner", kind=Organization.Kind.PARTNER),
            f.organization("Subsidiary", kind=Organization.Kind.PARTNER),
        ]
        prog = h.program(reporting_distance=distance)
        made = []
        for org, manager, role in people:
            boss = made[manager] if manager is not None else None
            if role == "mentee":
                made.append(h.mentee(prog, org=orgs[org], manager=boss))
            elif role == "mentor":
                made.append(h.mentor(prog, org=orgs[org], manager=boss, enrol={"capacity": 3}))
            else:
                made.append(f.person(org=orgs[org], manager=boss))
        if renumbered:
            renumber()
        built = build_problem(prog)
        index = {p.pk: k for k, p in enumerate(made)}
        mentees = [index[pk] for pk in built.mentees.ids.tolist()]
        mentors = [index[pk] for pk in built.mentors.ids.tolist()]
        for a, b in itertools.islice(itertools.product(mentees, mentors), 0, None, 7):
            # a manager's lock or swap, a mentee's request: the one checker says the same
            codes = {r.code for r in check_pair(prog, made[a], made[b], capacity=False)}
            assert ("reporting_line" in codes) == _forbidden(people, a, b, distance)
        transaction.set_rollback(True)
    p = built.problem
    if not (p.n and p.m):
        return
    ii = np.repeat(np.arange(p.n), p.m)
    jj = np.tile(np.arange(p.m), p.n)
    conflict = Prep(p, built.weights).reporting_conflict(ii, jj)
    pairs = zip(ii.tolist(), jj.tolist(), strict=True)
    expected = [_forbidden(people, mentees[i], mentors[j], distance) for i, j in pairs]
    assert conflict.tolist() == expected
    result = solve(p, built.weights)
    for i, j in zip(result.pairs.mentee.tolist(), result.pairs.mentor.tolist(), strict=True):
        assert not _forbidden(people, mentees[i], mentors[j], distance)
        if distance != 1:  # never a manager or skip-level manager of their own organisation
            assert mentees[i] not in _same_org_chain(people, mentors[j])[:2]
            assert mentors[j] not in _same_org_chain(people, mentees[i])[:2]
