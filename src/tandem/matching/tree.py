"""The reporting tree as the engine wants it: pre/post/depth numbers, parent and tree id.

The stored numbering (``Person.tree_pre``/``tree_post``/``tree_depth``) is used when it is
consistent with the manager links; when it is stale (people changed managers since the last
renumbering) the tree is numbered again in memory, which takes a few milliseconds per
thousand people, so the reporting-line rule never rests on outdated numbers.
"""

from __future__ import annotations

import numpy as np

from tandem.people.models import Organization, Person


def _stored_is_consistent(ids, mgr, pre, post, depth) -> bool:
    if not len(ids):
        return True
    pos = {pid: k for k, pid in enumerate(ids.tolist())}
    child = np.array([k for k, m in enumerate(mgr.tolist()) if m in pos], dtype=np.int64)
    if not len(child):
        return len(np.unique(pre)) == len(pre)
    parent = np.array([pos[m] for m in mgr[child].tolist()], dtype=np.int64)
    return bool(
        len(np.unique(pre)) == len(pre)
        and (pre[parent] < pre[child]).all()
        and (post[child] < post[parent]).all()
        and (depth[child] == depth[parent] + 1).all()
    )


def number_tree(ids: np.ndarray, mgr: np.ndarray) -> tuple[dict, dict, dict]:
    """Depth-first numbering of a forest given by manager links; cycles stay unnumbered."""
    known = set(ids.tolist())
    children: dict[int, list[int]] = {}
    roots = []
    for pid, m in zip(ids.tolist(), mgr.tolist(), strict=True):
        if m in known and m != pid:
            children.setdefault(m, []).append(pid)
        else:
            roots.append(pid)
    pre, post, depth = {}, {}, {}
    counter = 0
    for root in roots:
        stack = [(root, 0, False)]
        while stack:
            node, d, done = stack.pop()
            if done:
                post[node] = counter
                counter += 1
                continue
            pre[node], depth[node] = counter, d
            counter += 1
            stack.append((node, d, True))
            stack.extend((c, d + 1, False) for c in reversed(children.get(node, ())))
    return pre, post, depth


def _host_numbering(org_ids: set[int]) -> tuple[dict, dict, dict]:
    rows = np.array(
        Person.objects.filter(
            organization_id__in=org_ids, organization__kind=Organization.Kind.HOST
        ).values_list("id", "manager_id", "tree_pre", "tree_post", "tree_depth"),
        dtype=object,
    ).reshape(-1, 5)
    ids = rows[:, 0].astype(np.int64)
    mgr = np.array([-1 if m is None else m for m in rows[:, 1]], dtype=np.int64)
    pre, post, depth = (rows[:, k].astype(np.int64) for k in (2, 3, 4))
    if len(ids) and (post > 0).any() and _stored_is_consistent(ids, mgr, pre, post, depth):
        keys = ids.tolist()
        return (
            dict(zip(keys, pre.tolist(), strict=True)),
            dict(zip(keys, post.tolist(), strict=True)),
            dict(zip(keys, depth.tolist(), strict=True)),
        )
    return number_tree(ids, mgr)


def reporting_tree(rows_mentee, rows_mentor, *, manager_at: int, org_at: int, kind_at: int):
    """Enrolment rows -> the engine's ``mentee_pre`` … ``mentor_tree`` arrays.

    People of partner organisations are outside the tree (-1): they are never in a reporting
    line with the host's people; their manager still counts for the same-manager rule.
    """
    host_orgs = {
        r[org_at] for r in (*rows_mentee, *rows_mentor) if r[kind_at] == Organization.Kind.HOST
    }
    pre, post, depth = _host_numbering(host_orgs) if host_orgs else ({}, {}, {})
    out = {}
    for side, rows in (("mentee", rows_mentee), ("mentor", rows_mentor)):
        pids = [r[0] for r in rows]
        inside = [r[kind_at] == Organization.Kind.HOST and r[0] in pre for r in rows]
        out[f"{side}_pre"] = [pre[p] if ok else -1 for p, ok in zip(pids, inside, strict=True)]
        out[f"{side}_post"] = [post[p] if ok else -1 for p, ok in zip(pids, inside, strict=True)]
        out[f"{side}_depth"] = [depth[p] if ok else -1 for p, ok in zip(pids, inside, strict=True)]
        out[f"{side}_parent"] = [-1 if r[manager_at] is None else r[manager_at] for r in rows]
        out[f"{side}_tree"] = [r[org_at] if ok else -1 for r, ok in zip(rows, inside, strict=True)]
    return {k: np.asarray(v, dtype=np.int64) for k, v in out.items()}
