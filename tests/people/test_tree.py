"""The reporting tree numbers: ancestor tests in constant time, cycles found, no recursion."""

import random

from tandem.people.models import Person
from tandem.people.services.tree import find_cycles, number_forest, renumber
from tests import factories as f


def is_ancestor(numbers, a, b) -> bool:
    pre_a, post_a, _ = numbers[a]
    pre_b, post_b, _ = numbers[b]
    return pre_a < pre_b and post_b < post_a


def ancestors(parent_of, node):
    found = []
    while parent_of[node] is not None:
        node = parent_of[node]
        found.append(node)
    return found


def test_it_numbers_a_small_tree_so_that_ancestors_contain_descendants():
    #        1           7
    #      / | \         |
    #     2  3  4        8
    #    / \     \
    #   5   6     9
    parent_of = {1: None, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2, 7: None, 8: 7, 9: 4}
    numbers = number_forest(parent_of)
    assert numbers[1] == (0, 13, 0)
    assert numbers[5][2] == 2 and numbers[9][2] == 2 and numbers[8][2] == 1
    for a in parent_of:
        for b in parent_of:
            assert is_ancestor(numbers, a, b) == (a in ancestors(parent_of, b)), (a, b)


def test_it_agrees_with_walking_up_on_a_random_forest():
    rng = random.Random(3)
    parent_of = {1: None}
    for node in range(2, 400):
        parent_of[node] = rng.choice([None, *range(max(1, node - 30), node)])
    numbers = number_forest(parent_of)
    for b in rng.sample(list(parent_of), 60):
        chain = ancestors(parent_of, b)
        assert numbers[b][2] == len(chain)
        for a in parent_of:
            assert is_ancestor(numbers, a, b) == (a in chain)


def test_it_numbers_a_chain_deeper_than_the_recursion_limit():
    parent_of = {n: (n - 1 if n else None) for n in range(5000)}
    numbers = number_forest(parent_of)
    assert numbers[4999] == (4999, 5000, 4999)


def test_it_finds_each_cycle_once():
    manager_of = {"a": "b", "b": "c", "c": "a", "d": "a", "e": None, "f": "f", "g": "zz"}
    cycles = sorted(sorted(cycle) for cycle in find_cycles(manager_of))
    assert cycles == [["a", "b", "c"], ["f"]]


def test_it_renumbers_people_in_the_database_and_saves_only_changes(db):
    ceo = f.person("CEO")
    cfo = f.person("CFO", manager=ceo)
    analyst = f.person("Analyst", manager=cfo)
    assert renumber() == 3
    ceo, cfo, analyst = (Person.objects.get(pk=p.pk) for p in (ceo, cfo, analyst))
    assert ceo.tree_pre < cfo.tree_pre < analyst.tree_pre < analyst.tree_post < ceo.tree_post
    assert (ceo.tree_depth, cfo.tree_depth, analyst.tree_depth) == (0, 1, 2)
    assert renumber() == 0
