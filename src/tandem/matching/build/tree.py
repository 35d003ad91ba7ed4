"""The reporting trees as the engine wants them: pre/post/depth numbers, parent and tree id.

Every organisation (the host and each partner) has its own tree, numbered by
``people.services.tree``: a manager link to someone of another organisation does not count,
so people of different organisations are never in a reporting line, and the rule (ancestor
within ``reporting_distance`` levels, colleagues with the same manager) holds inside each
organisation. The tree id given to the engine is the organisation's id.

The stored numbering (``Person.tree_pre``/``tree_post``/``tree_depth``) is used when it is
exactly the numbering of the current manager links; when it is stale (people changed managers
since the last renumbering) the trees are numbered again in memory (about half a second for
100,000 people), so the reporting-line rule never rests on outdated numbers.
"""

from __future__ import annotations

import numpy as np

from tandem.people.models import Person
from tandem.people.services.tree import TREE_FIELDS, number_forest, parent_in_organization


def _stored_is_exact(pre, post, depth, parent) -> bool:
    """Whether stored numbers are a depth-first numbering of the forest ``parent`` (index of
    each one's parent, -1 for a top): every child nested in its parent one level below, tops
    at depth 0, pre and post numbers all distinct, and each interval exactly as wide as its
    subtree (so an interval holds its own subtree's numbers and nobody else's)."""
    n = len(pre)
    if not n:
        return True
    if len(np.unique(np.concatenate([pre, post]))) != 2 * n or (post <= pre).any():
        return False
    child = np.flatnonzero(parent >= 0)
    up = parent[child]
    if (depth[parent < 0] != 0).any():
        return False
    if not (
        (pre[up] < pre[child]).all()
        and (post[child] < post[up]).all()
        and (depth[child] == depth[up] + 1).all()
    ):
        return False
    size = np.ones(n, dtype=np.int64)
    for level in range(int(depth.max(initial=0)), 0, -1):  # bottom-up subtree sizes
        at = child[depth[child] == level]
        np.add.at(size, parent[at], size[at])
    return bool((post - pre + 1 == 2 * size).all())


def numbering(org_ids) -> tuple[dict[int, tuple[int, int, int]], dict[int, int | None]]:
    """``({person id: (pre, post, depth)}, {person id: manager id in the same organisation})``
    for everyone of the given organisations."""
    rows = list(Person.objects.filter(organization_id__in=list(org_ids)).values_list(*TREE_FIELDS))
    parent_of = {row[0]: parent_in_organization(*row[1:4]) for row in rows}
    if not rows:
        return {}, parent_of
    table = np.array([row[4:] for row in rows], dtype=np.int64).reshape(-1, 3)
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    pos = {pid: k for k, pid in enumerate(ids.tolist())}
    parent = np.array(
        [pos.get(parent_of[pid], -1) for pid in ids.tolist()],
        dtype=np.int64,
    )
    if _stored_is_exact(table[:, 0], table[:, 1], table[:, 2], parent):
        return dict(zip(ids.tolist(), map(tuple, table.tolist()), strict=True)), parent_of
    return number_forest(parent_of), parent_of


def reporting_tree(rows_mentee, rows_mentor, *, org_at: int) -> dict[str, np.ndarray]:
    """Enrolment rows (person id first) -> the engine's ``mentee_pre`` … ``mentor_tree``.

    Everyone is numbered in their own organisation's tree (tree id: the organisation's id);
    ``*_parent`` is the manager only when of the same organisation, for the same-manager rule.
    """
    orgs = {r[org_at] for r in (*rows_mentee, *rows_mentor)}
    numbers, parent_of = numbering(orgs)
    out = {}
    for side, rows in (("mentee", rows_mentee), ("mentor", rows_mentor)):
        found = [numbers.get(r[0]) for r in rows]
        for k, name in enumerate(("pre", "post", "depth")):
            out[f"{side}_{name}"] = [-1 if f is None else f[k] for f in found]
        out[f"{side}_parent"] = [
            -1 if parent_of.get(r[0]) is None else parent_of[r[0]] for r in rows
        ]
        out[f"{side}_tree"] = [
            -1 if f is None else r[org_at] for r, f in zip(rows, found, strict=True)
        ]
    return {k: np.asarray(v, dtype=np.int64) for k, v in out.items()}
