"""solve(): which parts run, in which order, and what they hand back.

Parts (each offers its assignments and bounds to one ``Incumbent``: the best assignment and
the lowest bound win, whatever part found them):
- ``exact``: every allowed pair listed, one min-cost flow (``_whole``); one-to-one and group
  programs whose whole graph is small enough to be the cheapest (README, "Matching");
- ``auction``: one-to-one and group programs above that (``_pricing``);
- ``flow``: pricing rounds over a candidate graph (``_rounds``); circles, and the fallback;
each next part runs only while the incumbent is neither optimal nor within the tolerance and
the time budget lasts. The last fallback is the exact flow, so without a time limit a run
always ends optimal or within the tolerance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from . import _pricing, _rules, _whole
from ._arcs import S
from ._candidates import generate
from ._flow import flow
from ._incumbent import Clock, Incumbent
from ._model import MAX_PAIR_SCORE, Problem, Result, Weights
from ._prep import Prep, in_keys, prep
from ._result import finish

TOLERANCE = 1e-2  # certified gap a run may stop at (one-to-one and group programs)
CIRCLE_TOLERANCE = 1e-3  # the same for circles (pricing rounds: cheap to tighten there)
EXACT_PAIRS = 40_000_000  # qualified pairs up to which listing the whole graph is tried
EXACT_ARCS = 1_500_000  # allowed pairs up to which the exact flow is cheaper (measured)
# the whole graph is listed only when the estimate (a sample of mentees) is at most this
# many times EXACT_ARCS: above, the auction runs without the listing (1.3 s of 1.8 s at base
# 10,000); the sample's error is a few per cent
ESTIMATE_MARGIN = 1.25
FLOW_ARC_S = 4e-6  # seconds per arc of OR-Tools' flow on these graphs (measured, 2 cores)
FALLBACK_ARCS = 30_000_000  # the last fallback lists at most this many pairs (memory)
METHODS = ("exact", "auction", "flow")


@dataclass(frozen=True)
class Choice:
    """Where the exact path stops and how coarse the auction's first round is (``solve``'s
    parameters; tests pass smaller ones to reach a path on a small program)."""

    exact_pairs: int = EXACT_PAIRS
    exact_arcs: int = EXACT_ARCS
    eps_share: float = _pricing.EPS_SHARE


@dataclass
class Run:
    """One solve's fixed data: the prepared problem, free capacities, B, the parts' stats."""

    pr: Prep
    cap_a: np.ndarray
    cap_b: np.ndarray
    B: int
    blocked: np.ndarray | None
    K: int
    max_rounds: int | None
    choice: Choice = field(default_factory=lambda: Choice())
    stats: dict = field(default_factory=dict)

    @property
    def live(self) -> np.ndarray:
        return self.cap_b > 0


def solve(
    problem: Problem,
    weights: Weights,
    *,
    candidates_per_mentee: int = 30,
    max_rounds: int | None = None,
    seed: int = 0,
    gap_tolerance: float | None = None,
    time_limit: float | None = None,
    method: str | None = None,
    exact_pairs: int = EXACT_PAIRS,
    exact_arcs: int = EXACT_ARCS,
    eps_share: float = _pricing.EPS_SHARE,
) -> Result:
    """Maximum number of matched mentee slots, then maximum total score (see package doc).

    Stops once optimal or once the number matched is certified maximal and the certified
    gap is at most ``gap_tolerance`` (None: ``TOLERANCE``, ``CIRCLE_TOLERANCE`` for circles;
    0: optimal), or when ``time_limit`` seconds have passed (None: no limit); the best
    assignment found is returned with its certified gap and ``totals["stopped_by"]`` says
    which. ``method`` (None: by size) names the part to run first: "exact", "auction" (not
    for circles) or "flow"; the others follow as fallbacks. ``max_rounds`` bounds the
    pricing rounds of the flow part (None: until they stop improving). ``exact_pairs`` and
    ``exact_arcs``: the qualified and allowed pairs up to which the exact path is chosen by
    size; ``eps_share``: the auction's first slack, in tolerances of the mean best value.
    ``seed`` is accepted for API stability; the algorithm is deterministic and uses no
    randomness.
    """
    del seed
    t0 = time.perf_counter()
    clock = Clock(time_limit, t0)
    run = _setup(problem, weights, candidates_per_mentee, max_rounds)
    run.choice = Choice(exact_pairs, exact_arcs, eps_share)
    pr = run.pr
    if gap_tolerance is None:
        gap_tolerance = CIRCLE_TOLERANCE if pr.p.circle else TOLERANCE
    lk = pr.p.locked_pairs
    lscore = int(pr.scores(lk[:, 0], lk[:, 1])[0].sum()) if len(lk) else 0
    inc = Incumbent(run.B, gap_tolerance, _score_cap(run), lscore)
    _empty(run, inc)
    for part in plan(run, method, clock):
        if inc.done() or clock.out():
            break
        PARTS[part](run, inc, clock)
    stats = {**run.stats, "t0": t0, "time_limit": time_limit}
    return finish(pr, run.cap_a, run.cap_b, inc, stats)


def _setup(p: Problem, w: Weights, K: int, max_rounds: int | None) -> Run:
    pr = prep(p, w)
    n, m = pr.n, pr.m
    lk = p.locked_pairs
    cap_a = np.maximum(p.mentee_capacity - np.bincount(lk[:, 0], minlength=n)[:n], 0)
    cap_b = np.maximum(p.mentor_capacity - np.bincount(lk[:, 1], minlength=m)[:m], 0)
    blocked = None
    if p.circle and len(lk):
        _, lt = pr.scores(lk[:, 0], lk[:, 1])
        blocked = np.unique(lk[:, 0] * (pr.nt + 1) + lt)
    maxpair = int(min(MAX_PAIR_SCORE, pr.NW.max(initial=0) * pr.vmax.max(initial=0) * pr.K))
    maxpair += int(pr.bonus_max.max(initial=0)) + w.preference
    B = int(cap_a.sum()) * min(maxpair, MAX_PAIR_SCORE) + 1
    stats = {"t_cand": 0.0, "t_solve": 0.0, "rounds": 0}
    return Run(pr, cap_a, cap_b, B, blocked, int(K), max_rounds, stats=stats)


def _score_cap(run: Run) -> float:
    """The score no matching can exceed (rules ignored): each mentee's places times its best
    possible pair."""
    pr = run.pr
    best = (pr.NW * pr.vmax[pr.NT]).sum(axis=1) + pr.bonus_max
    if len(pr.p.preferred_pairs):
        best = best + pr.w.preference * np.isin(np.arange(pr.n), pr.p.preferred_pairs[:, 0])
    return float((np.minimum(best, MAX_PAIR_SCORE) * run.cap_a).sum())


def _empty(run: Run, inc: Incumbent) -> None:
    """The empty assignment: feasible, so a run always has one to return."""
    e = np.zeros(0, dtype=np.int64)
    inc.offer("none", e, e, e, np.zeros(0, dtype=bool))
    inc.parts.clear()


def plan(run: Run, method: str | None, clock: Clock) -> list[str]:
    """The parts to try, in order (README, "Matching": which path runs when)."""
    pr = run.pr
    if method is not None and method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    one = _pricing.fits(pr, run.cap_a)
    if method is None:
        method = "flow" if not one else _by_size(run, clock)
    if method == "auction" and not one:
        raise ValueError("the auction needs one mentor per mentee (not circles)")
    rest = ["auction", "flow"] if one else ["flow"]
    return [method] + [p for p in rest if p != method] + ["fallback"]


def _by_size(run: Run, clock: Clock) -> str:
    """Exact when listing the whole graph and one flow over it costs less than the auction
    (measured: up to ``exact_arcs`` allowed pairs), the auction above. The allowed pairs are
    estimated on a sample first: the whole graph is listed only when it may be small enough."""
    ch = run.choice
    pairs = _rules.qualified_pairs(run.pr, run.cap_a, run.live)
    if pairs > ch.exact_pairs:
        return "auction"
    guess = _whole.estimate_allowed(run.pr, run.cap_a, run.live)
    run.stats["whole_arcs_estimate"] = guess
    if guess > ESTIMATE_MARGIN * ch.exact_arcs or guess * FLOW_ARC_S > clock.left():
        return "auction"
    arcs = _whole.allowed_pairs(run.pr, run.cap_a, run.live)
    run.stats["whole_arcs"] = len(arcs[0])
    if len(arcs[0]) > ch.exact_arcs or len(arcs[0]) * FLOW_ARC_S > clock.left():
        return "auction"
    run.stats["arcs"] = arcs
    return "exact"


def _exact(run: Run, inc: Incumbent, clock: Clock, fallback: bool = False) -> None:
    pr = run.pr
    ts = time.perf_counter()
    arcs = run.stats.pop("arcs", None)
    if arcs is None:
        if pr.p.circle:
            arcs = _circle_pairs(run)
        else:
            if fallback and _rules.qualified_pairs(pr, run.cap_a, run.live) > FALLBACK_ARCS:
                return
            arcs = _whole.allowed_pairs(pr, run.cap_a, run.live)
        if len(arcs[0]) * FLOW_ARC_S > clock.left():
            return  # it could not finish in time (a flow cannot be interrupted)
    ci, cj, sc = arcs[:3]
    topic = arcs[3] if len(arcs) > 3 else None
    x = flow(pr.n, pr.m, ci, cj, sc, topic, run.cap_a, run.cap_b, S, 0)
    inc.offer("exact", ci, cj, sc, x)
    inc.prove(float(S * (run.B * int(x.sum()) + int(sc[x].sum()))))
    run.stats["t_solve"] += time.perf_counter() - ts


def _circle_pairs(run: Run):
    """Every allowed pair of a circle program with the topic it counts for."""
    pr = run.pr
    active = np.flatnonzero(run.cap_a > 0)
    zero = np.zeros(pr.m, dtype=np.int64)
    g = generate(pr, zero, run.live, active, max(pr.m, 1), S, run.B, run.blocked)
    keep = ~in_keys(pr.locked_keys, g.ci, g.cj, pr.m)
    return g.ci[keep], g.cj[keep], g.score[keep], g.topic[keep]


def _auction(run: Run, inc: Incumbent, clock: Clock) -> None:
    st = _pricing.auction(run.pr, run.cap_a, run.cap_b, run.live, run.B, inc, clock,
                          run.choice.eps_share)  # fmt: skip
    _merge(run, st)


def _flow(run: Run, inc: Incumbent, clock: Clock) -> None:
    from ._rounds import rounds

    st = rounds(run.pr, run.cap_a, run.cap_b, run.live, run.blocked, run.B, run.K,
                run.max_rounds, inc, clock)  # fmt: skip
    _merge(run, st)


def _merge(run: Run, st: dict) -> None:
    for key in ("t_cand", "t_solve", "rounds"):
        run.stats[key] = run.stats.get(key, 0) + st.pop(key, 0)
    run.stats.update(st)


PARTS = {
    "exact": _exact,
    "auction": _auction,
    "flow": _flow,
    "fallback": lambda run, inc, clock: _exact(run, inc, clock, fallback=True),
}
