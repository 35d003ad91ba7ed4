"""Realistic synthetic reverse-mentoring programs for the matching benchmark and tests.

A reporting tree (seniors near the top, juniors below, 10 % partner-organisation mentors outside
the tree), 25 topics with Zipf popularity, 4 languages, availabilities in 3 time zones,
mentor capacities 1-3, 1-3 needs per mentee, 1-4 competences per mentor.
"""

from __future__ import annotations

import numpy as np

from tandem.matching.engine import AVAIL_WORDS, SLOTS_PER_DAY, SLOTS_PER_WEEK, Problem, Weights

# The weights every benchmark figure since the first was measured with (a program's are in
# ``tandem.programs.weights``): kept as they are, so results compare across versions.
WEIGHTS = Weights(
    priority=(1, 2, 3),
    level=(0, 1, 2, 3, 4),
    evidence=(1, 2, 3, 4),
    other_department=60,
    other_site=30,
    other_organization=60,
    other_gender=30,
    other_generation=40,
    preference=200,
    unmatched_before=150,
)
N_TOPICS = 25
N_LANG = 4
TZ_OFFSETS = (-10, 0, 11)  # half-hours from UTC: New York, London, India (rounded)


def _zipf(rng, k, s, size):
    p = 1.0 / np.arange(1, k + 1) ** s
    return rng.choice(k, size=size, p=p / p.sum())


def _csr(rng, count, lo, hi, topic_s):
    c = rng.integers(lo, hi + 1, size=count)
    ptr = np.r_[0, np.cumsum(c)]
    topics = _zipf(rng, N_TOPICS, topic_s, int(ptr[-1]))
    owner = np.repeat(np.arange(count), c)
    # make topics unique per person (redraw duplicates uniformly)
    for _ in range(4):
        key = owner * N_TOPICS + topics
        _, first = np.unique(key, return_index=True)
        dup = np.ones(len(key), dtype=bool)
        dup[first] = False
        if not dup.any():
            break
        topics[dup] = rng.integers(0, N_TOPICS, size=int(dup.sum()))
    return ptr, topics, owner


def dfs_numbering(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pre, post) of a depth-first walk from root 0, without recursion; ``parent[1:]`` must be
    sorted (each level's people after the level above, children contiguous)."""
    people = len(parent)
    first_child = np.searchsorted(parent[1:], np.arange(people)) + 1
    last_child = np.searchsorted(parent[1:], np.arange(people), side="right") + 1
    pre = np.zeros(people, dtype=np.int64)
    post = np.zeros(people, dtype=np.int64)
    clock = 0
    stack = [(0, False)]
    while stack:
        v, done = stack.pop()
        if done:
            post[v] = clock
            clock += 1
            continue
        pre[v] = clock
        clock += 1
        stack.append((v, True))
        stack.extend((int(c), False) for c in range(last_child[v] - 1, first_child[v] - 1, -1))
    return pre, post


def _tree(rng, people):
    """Random organisation: returns parent, depth, pre, post for `people` people (one tree)."""
    depth = np.zeros(people, dtype=np.int64)
    parent = np.full(people, -1, dtype=np.int64)
    # level sizes grow geometrically (span of control ~6)
    sizes = [1]
    while sum(sizes) < people:
        sizes.append(min(sizes[-1] * 6, people - sum(sizes)))
    start = 0
    for lvl, sz in enumerate(sizes):
        idx = np.arange(start, start + sz)
        depth[idx] = lvl
        if lvl:
            prev = np.arange(start - sizes[lvl - 1], start)
            parent[idx] = np.sort(rng.choice(prev, size=sz))
        start += sz
    pre, post = dfs_numbering(parent)
    return parent, depth, pre, post


def _avail(rng, count, tz):
    slots = np.zeros((count, SLOTS_PER_WEEK), dtype=bool)
    blocks = rng.integers(2, 5, size=count)
    for b in range(4):
        who = np.flatnonzero(blocks > b)
        day = rng.integers(0, 5, size=len(who))
        start = rng.integers(16, 34, size=len(who))  # 8:00..17:00 local
        length = rng.integers(2, 7, size=len(who))
        for d in range(7):
            s = (day * SLOTS_PER_DAY + start + d - np.asarray(TZ_OFFSETS)[tz[who]]) % SLOTS_PER_WEEK
            mask = d < length
            slots[who[mask], s[mask]] = True
    full = np.zeros((count, AVAIL_WORDS * 64), dtype=bool)
    full[:, :SLOTS_PER_WEEK] = slots
    packed = np.packbits(full, axis=1, bitorder="little")
    return np.ascontiguousarray(packed).view("<u8").astype(np.uint64).reshape(count, AVAIL_WORDS)


def _langs(rng, count):
    first = rng.choice(N_LANG, size=count, p=[0.55, 0.2, 0.15, 0.1])
    second = rng.choice(N_LANG, size=count, p=[0.7, 0.1, 0.1, 0.1])
    both = rng.random(count) < 0.5
    mask = (np.uint64(1) << first.astype(np.uint64)) | np.where(
        both, np.uint64(1) << second.astype(np.uint64), np.uint64(0)
    )
    return mask.astype(np.uint64)


def generate(n: int, m: int | None = None, seed: int = 0, topic_s: float = 1.1) -> Problem:
    """A program with n mentees and m (default n) mentors."""
    m = n if m is None else m
    rng = np.random.default_rng(seed)
    need_ptr, need_topic, _ = _csr(rng, n, 1, 3, topic_s)
    need_priority = rng.choice(3, size=len(need_topic), p=[0.3, 0.4, 0.3])
    comp_ptr, comp_topic, _ = _csr(rng, m, 1, 4, topic_s)
    comp_level = rng.integers(1, 5, size=len(comp_topic))
    comp_evidence = rng.choice(4, size=len(comp_topic), p=[0.35, 0.3, 0.25, 0.1])
    # people tree: mentees are seniors (upper levels), internal mentors juniors (lower levels)
    external = rng.random(m) < 0.1
    internal = np.flatnonzero(~external)
    people = n + len(internal)
    parent, depth, pre, post = _tree(rng, people)
    order = np.argsort(depth, kind="stable")
    mentee_person = order[:n]
    mentor_person = order[n:]
    rng.shuffle(mentee_person)
    rng.shuffle(mentor_person)

    def side(persons, count, mask):
        arrs = {k: np.full(count, -1, dtype=np.int64) for k in ("pre", "post", "depth", "parent")}
        tree = np.full(count, -1, dtype=np.int64)
        arrs["pre"][mask] = pre[persons]
        arrs["post"][mask] = post[persons]
        arrs["depth"][mask] = depth[persons]
        arrs["parent"][mask] = parent[persons]
        tree[mask] = 0
        return arrs, tree

    ma, mtree = side(mentee_person, n, np.ones(n, dtype=bool))
    ra, rtree = side(mentor_person, m, ~external)
    tz_a = rng.choice(3, size=n, p=[0.3, 0.5, 0.2])
    tz_b = rng.choice(3, size=m, p=[0.3, 0.5, 0.2])
    k_e = max(1, n // 100)
    earlier = np.stack([rng.integers(0, n, k_e), rng.integers(0, m, k_e)], axis=1)
    forbidden = np.stack([rng.integers(0, n, k_e), rng.integers(0, m, k_e)], axis=1)
    preferred = np.stack([rng.integers(0, n, k_e * 2), rng.integers(0, m, k_e * 2)], axis=1)
    return Problem(
        need_ptr=need_ptr,
        need_topic=need_topic,
        need_priority=need_priority,
        comp_ptr=comp_ptr,
        comp_topic=comp_topic,
        comp_level=comp_level,
        comp_evidence=comp_evidence,
        min_evidence=1,
        require_training=True,
        mentor_trained=rng.random(m) < 0.9,
        mentor_capacity=rng.integers(1, 4, size=m),
        mentee_capacity=np.ones(n, dtype=np.int64),
        mentee_lang=_langs(rng, n),
        mentor_lang=_langs(rng, m),
        mentee_avail=_avail(rng, n, tz_a),
        mentor_avail=_avail(rng, m, tz_b),
        mentee_avail_given=rng.random(n) < 0.9,
        mentor_avail_given=rng.random(m) < 0.9,
        meeting_slots=2,
        mentee_pre=ma["pre"],
        mentee_post=ma["post"],
        mentee_depth=ma["depth"],
        mentee_parent=ma["parent"],
        mentee_tree=mtree,
        mentor_pre=ra["pre"],
        mentor_post=ra["post"],
        mentor_depth=ra["depth"],
        mentor_parent=ra["parent"],
        mentor_tree=rtree,
        reporting_distance=2,
        earlier_pairs=earlier,
        forbidden_pairs=forbidden,
        preferred_pairs=preferred,
        mentee_dept=rng.integers(0, 40, size=n),
        mentor_dept=np.where(external, -1, rng.integers(0, 40, size=m)),
        mentee_site=rng.integers(0, 8, size=n),
        mentor_site=np.where(external, -1, rng.integers(0, 8, size=m)),
        mentee_org=np.zeros(n, dtype=np.int64),
        mentor_org=np.where(external, rng.integers(1, 4, size=m), 0),
        mentee_gender=rng.choice([-1, 0, 1], size=n, p=[0.1, 0.45, 0.45]),
        mentor_gender=rng.choice([-1, 0, 1], size=m, p=[0.1, 0.45, 0.45]),
        mentee_generation=rng.integers(0, 2, size=n),
        mentor_generation=rng.integers(2, 4, size=m),
        mentee_unmatched_before=rng.random(n) < 0.05,
    )
