"""Benchmark of the matching engine (prints figures; not a timed test).

    python bench/matching.py [--sizes 1000,5000,10000,100000] [--json]

Each size runs in a child process so that ru_maxrss is that size's own peak memory.
References on the same instance: greedy (best edge first) on the whole graph of qualified,
allowed pairs up to 10,000 mentees (each mentee's best 200 beyond), the `matching` package's
hospital-residents stable matching at 1,000 and 5,000 (preference lists cut to each mentee's
best 50 allowed mentors), and at 5,000 the exact optimum of the whole graph with OR-Tools.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
# this file is called matching.py: keep it from shadowing the `matching` package
sys.path[:] = [x for x in sys.path if os.path.abspath(x or ".") != HERE]
sys.path.append(os.path.dirname(HERE))

from bench.matching_data import generate  # noqa: E402
from tandem.matching.engine import Weights, solve  # noqa: E402
from tandem.matching.engine._candidates import generate as gen_candidates  # noqa: E402
from tandem.matching.engine._flow import flow  # noqa: E402
from tandem.matching.engine._prep import prep  # noqa: E402


def all_pairs(p, w, block=400):
    pr = prep(p, w)
    out_i, out_j, out_s = [], [], []
    for s in range(0, pr.n, block):
        ii = np.repeat(np.arange(s, min(s + block, pr.n)), pr.m)
        jj = np.tile(np.arange(pr.m), min(block, pr.n - s))
        ok = pr.qualified(ii, jj)
        ii, jj = ii[ok], jj[ok]
        ok = pr.feasible(ii, jj)
        ii, jj = ii[ok], jj[ok]
        sc, _ = pr.scores(ii, jj)
        out_i.append(ii)
        out_j.append(jj)
        out_s.append(sc)
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_s)


def best_pairs(p, w, depth, block=5000):
    pr = prep(p, w)
    zero, live = np.zeros(pr.m, np.int64), p.mentor_capacity > 0
    out = [[], [], []]
    for s in range(0, pr.n, block):  # blocks of mentees bound the pair arrays
        who = np.arange(s, min(s + block, pr.n))
        g = gen_candidates(pr, zero, live, who, depth, 1, 0, None)
        for acc, a in zip(out, (g.ci, g.cj, g.score), strict=True):
            acc.append(a)
    return tuple(np.concatenate(a) for a in out)


def greedy(p, ii, jj, sc):
    o = np.lexsort((jj, ii, -sc))
    capa = p.mentee_capacity.copy().tolist()
    capb = p.mentor_capacity.copy().tolist()
    left = sum(capa)
    matched = score = 0
    for i, j, s in zip(ii[o].tolist(), jj[o].tolist(), sc[o].tolist(), strict=True):
        if capa[i] and capb[j]:
            capa[i] -= 1
            capb[j] -= 1
            matched += 1
            score += s
            left -= 1
            if not left:
                break
    return matched, score


def hospital_resident(p, ii, jj, sc, per_mentee=50):
    from matching.games import HospitalResident

    sys.setrecursionlimit(100_000)
    o = np.lexsort((jj, -sc, ii))
    ii, jj, sc = ii[o], jj[o], sc[o]
    start = np.flatnonzero(np.r_[True, ii[1:] != ii[:-1]])
    rank = np.arange(len(ii)) - np.repeat(start, np.diff(np.r_[start, len(ii)]))
    keep = rank < per_mentee
    ii, jj, sc = ii[keep], jj[keep], sc[keep]
    res = {}
    for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
        res.setdefault(f"e{i}", []).append(f"r{j}")
    o = np.lexsort((ii, -sc, jj))
    hos = {}
    for i, j in zip(ii[o].tolist(), jj[o].tolist(), strict=True):
        hos.setdefault(f"r{j}", []).append(f"e{i}")
    caps = {h: int(p.mentor_capacity[int(h[1:])]) for h in hos}
    score_of = {(int(i), int(j)): int(s) for i, j, s in zip(ii, jj, sc, strict=True)}
    t = time.perf_counter()
    game = HospitalResident.create_from_dictionaries(res, hos, caps)
    m = game.solve(optimal="resident")
    dt = time.perf_counter() - t
    matched = score = 0
    for h, rs in m.items():
        for r in rs:
            matched += 1
            score += score_of[(int(r.name[1:]), int(h.name[1:]))]
    return matched, score, dt


def warm_up():
    """Compile the auction once (numba caches it on disk: a one-off per installation), so that
    the timings below are those of every later run. Returns the seconds it took."""
    from tandem.matching.engine import _pricing

    t = time.perf_counter()
    saved = _pricing.AUCTION_FROM
    _pricing.AUCTION_FROM = 1
    try:
        solve(generate(200, seed=1), Weights())
    finally:
        _pricing.AUCTION_FROM = saved
    return time.perf_counter() - t


def one(n):
    w = Weights()
    jit_s = warm_up()
    p = generate(n)
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    r = solve(p, w)
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    t = r.totals
    out = {
        "mentees": n,
        "candidates_s": round(t["timings"]["candidates_s"], 2),
        "solve_s": round(t["timings"]["solve_s"], 2),
        "total_s": round(t["timings"]["total_s"], 2),
        "cpu_s": round(ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "matched": t["matched_slots"],
        "score": t["score"],
        "bound_score": t["bound_score"],
        "gap": t["gap"],
        "rounds": t["rounds"],
        "candidate_arcs": t["candidate_arcs"],
        "solver": t.get("solver"),
        "warm_up_s": round(jit_s, 2),
    }
    tg = time.perf_counter()
    pairs = all_pairs(p, w) if n <= 10_000 else best_pairs(p, w, 200)
    out["greedy_matched"], out["greedy_score"] = greedy(p, *pairs)
    out["greedy_s"] = round(time.perf_counter() - tg, 2)
    out["greedy_graph"] = "all" if n <= 10_000 else "best200"
    if n in (1000, 5000):
        hm, hs, hdt = hospital_resident(p, *pairs)
        out.update(hr_matched=hm, hr_score=hs, hr_s=round(hdt, 2))
    if n == 5000:
        ii, jj, sc = pairs
        t0 = time.perf_counter()
        x = flow(n, p.m, ii, jj, sc, None, p.mentee_capacity, p.mentor_capacity, 1, 0)
        out.update(
            optimum_matched=int(x.sum()),
            optimum_score=int(sc[x].sum()),
            optimum_s=round(time.perf_counter() - t0, 2),
            optimum_arcs=len(ii),
        )
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,5000,10000,100000")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(a.one)))
        return
    for n in [int(s) for s in a.sizes.split(",")]:
        cp = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--one", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(cp.stdout.strip().splitlines()[-1])
        if a.json:
            print(json.dumps(row), flush=True)
            continue
        print(
            f"{n:>7} mentees: candidates {row['candidates_s']}s solve {row['solve_s']}s "
            f"total {row['total_s']}s (cpu {row['cpu_s']}s) peak {row['peak_mib']} MiB | "
            f"matched {row['matched']} "
            f"score {row['score']} bound {row['bound_score']} gap {row['gap']}",
            flush=True,
        )
        print(
            f"         greedy({row['greedy_graph']}): matched {row['greedy_matched']} score "
            f"{row['greedy_score']} ({row['greedy_s']}s) -> gain "
            f"{row['score'] / max(row['greedy_score'], 1) - 1:+.2%}, speed x"
            f"{row['greedy_s'] / max(row['total_s'], 1e-9):.2f}",
            flush=True,
        )
        if "hr_matched" in row:
            print(
                f"         stable HR: matched {row['hr_matched']} score {row['hr_score']} "
                f"({row['hr_s']}s) -> gain {row['score'] / max(row['hr_score'], 1) - 1:+.2%}, "
                f"speed x{row['hr_s'] / max(row['total_s'], 1e-9):.2f}",
                flush=True,
            )
        if "optimum_matched" in row:
            print(
                f"         optimum (whole graph, {row['optimum_arcs']} arcs, "
                f"{row['optimum_s']}s): matched {row['optimum_matched']} score "
                f"{row['optimum_score']} -> ours {row['score'] / row['optimum_score']:.4%}",
                flush=True,
            )


if __name__ == "__main__":
    main()
