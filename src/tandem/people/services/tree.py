"""The reporting trees numbered so that "is A above B, within N levels" costs two comparisons.

Each organisation (the host, each partner) has its own tree: a manager link to someone of
another organisation is not followed (that person is a top of their organisation's tree), so
people of different organisations are never in each other's reporting line.

Each person gets ``tree_pre`` when a depth-first walk enters them and ``tree_post`` when it
leaves them, from one counter, and ``tree_depth`` (0 for the top). Then

* A is an ancestor of B  ⇔  ``A.tree_pre < B.tree_pre and B.tree_post < A.tree_post``;
* ... within N levels    ⇔  that, and ``B.tree_depth - A.tree_depth <= N``;
* everyone under A       ⇔  ``A.tree_pre < tree_pre < A.tree_post`` (one indexed range).

The walk is iterative: real trees are 20+ levels deep and 100,000 wide.
"""

import logging
from collections import defaultdict
from collections.abc import Hashable, Mapping

from django.db import transaction

from tandem.operations.bulk import update_rows
from tandem.people.models import Person

log = logging.getLogger(__name__)


def find_cycles(manager_of: Mapping[Hashable, Hashable | None]) -> list[list]:
    """Every cycle in a "who is whose manager" map, each listed once, in walk order.

    A key whose manager is not a key ends its chain; each node has one manager, so a walk
    from any node either ends or enters exactly one cycle.
    """
    walk_of: dict = {}
    cycles = []
    for walk, start in enumerate(manager_of):
        node, path = start, {}
        while node is not None and node not in walk_of and node in manager_of:
            walk_of[node] = walk
            path[node] = len(path)
            node = manager_of[node]
        if node is not None and walk_of.get(node) == walk and node in path:
            cycles.append(list(path)[path[node] :])
    return cycles


def number_forest(parent_of: Mapping[int, int | None]) -> dict[int, tuple[int, int, int]]:
    """``{id: (pre, post, depth)}`` for a forest given as ``{id: parent id or None}``.

    Children are visited in increasing id order so the numbering is stable from run to run
    (a re-import then updates nothing). A cycle, which imports refuse but an edit elsewhere
    could make, is cut at its lowest id rather than looping forever.
    """
    children: dict[int, list[int]] = defaultdict(list)
    for node in sorted(parent_of):
        parent = parent_of[node]
        if parent is not None and parent in parent_of:
            children[parent].append(node)
    numbers: dict[int, tuple[int, int, int]] = {}
    entered: dict[int, tuple[int, int]] = {}
    counter = 0
    for root in sorted(parent_of):
        if root in entered or (parent_of[root] is not None and parent_of[root] in parent_of):
            continue
        counter = _walk(root, children, entered, numbers, counter)
    for node in sorted(parent_of):
        if node not in entered:
            log.warning("Reporting cycle through person %s; numbered as a top.", node)
            counter = _walk(node, children, entered, numbers, counter)
    return numbers


def _walk(root, children, entered, numbers, counter: int) -> int:
    stack = [(root, 0, False)]
    while stack:
        node, depth, leaving = stack.pop()
        if leaving:
            pre, depth = entered[node]
            numbers[node] = (pre, counter, depth)
            counter += 1
            continue
        if node in entered:
            continue
        entered[node] = (counter, depth)
        counter += 1
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in reversed(children.get(node, ())))
    return counter


def parent_in_organization(manager_id, organization_id, manager_organization_id):
    """The manager as a parent in the reporting tree: only within the same organisation."""
    if manager_id is None or manager_organization_id != organization_id:
        return None
    return manager_id


# What numbering reads of each person: links, organisations (a manager of another one is no
# parent) and the stored numbers.
TREE_FIELDS = (
    "id",
    "manager_id",
    "organization_id",
    "manager__organization_id",
    "tree_pre",
    "tree_post",
    "tree_depth",
)


def renumber() -> int:
    """Recompute everyone's tree numbers and save those that changed; returns that count."""
    rows = Person.objects.values_list(*TREE_FIELDS)
    parent_of, current = {}, {}
    for pk, manager_id, org_id, manager_org_id, pre, post, depth in rows.iterator(chunk_size=5000):
        parent_of[pk] = parent_in_organization(manager_id, org_id, manager_org_id)
        current[pk] = (pre, post, depth)
    numbers = number_forest(parent_of)
    changed = [
        (pre, post, depth, pk)
        for pk, (pre, post, depth) in numbers.items()
        if current.get(pk) != (pre, post, depth)
    ]
    with transaction.atomic():
        return update_rows(Person, ["tree_pre", "tree_post", "tree_depth"], changed)
