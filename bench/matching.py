"""Benchmark of the matching engine (prints figures; not a timed test).

    python bench/matching.py [--families base,skewed,tight] [--sizes 1000,5000,20000,100000]
                             [--exact 5000,20000] [--seed 0] [--json]

Families: ``base`` (``matching_data``: the project's own synthetic programs), ``skewed`` and
``tight`` (``matching_families``: one topic needed by half the mentees, self-declared
evidence, few weekly slots; a topic 95 % of mentees need and 3-10 % of mentors hold, places
for 0.9x the mentees, the whole reporting chain excluded). Each engine run is a child process
of its own, so that ru_maxrss is the engine's peak memory; the references run in another:
the exact optimum of the whole graph of allowed pairs (OR-Tools, pure costs) at the
``--exact`` sizes, greedy (best edge first) on the whole graph up to 20,000 mentees (each
mentee's best 200 allowed mentors beyond: the whole graph of a skewed program of 100,000
mentees has hundreds of millions of pairs), and for ``base`` at 1,000 and 5,000 the
``matching`` package's hospital-residents stable matching (lists cut to each mentee's best
50). The load average is read before and after each engine run. ``--seed`` draws other
programs of the same families (0 by default: the README's rows).
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

from bench import matching_families  # noqa: E402
from bench.matching_data import WEIGHTS  # noqa: E402
from bench.matching_data import generate as generate_base  # noqa: E402
from bench.matching_exact import exact, greedy, pairs  # noqa: E402
from tandem.matching.engine import solve  # noqa: E402
from tandem.matching.engine._candidates import generate as gen_candidates  # noqa: E402
from tandem.matching.engine._prep import prep  # noqa: E402

WHOLE_GREEDY_UP_TO = 20_000


def problem(family: str, n: int, seed: int = 0):
    if family == "base":
        return generate_base(n, seed=seed)
    return matching_families.generate(family, n, seed=seed)


def loadavg() -> float:
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


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
    return {"matched": matched, "score": score, "s": round(dt, 2)}


def warm_up():
    """Compile the auction once (numba caches it on disk: a one-off per installation), so that
    the timings below are those of every later run. Returns the seconds it took."""
    t = time.perf_counter()
    solve(generate_base(200, seed=1), WEIGHTS, method="auction")
    return time.perf_counter() - t


def engine(family: str, n: int, seed: int = 0) -> dict:
    w = WEIGHTS
    jit_s = warm_up()
    p = problem(family, n, seed)
    load0 = loadavg()
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    r = solve(p, w)
    wall = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    t = r.totals
    return {
        "total_s": round(wall, 2),
        "candidates_s": round(t["timings"]["candidates_s"], 2),
        "solve_s": round(t["timings"]["solve_s"], 2),
        "cpu_s": round(ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "matched": t["matched_slots"],
        "score": t["score"],
        "bound_score": t["bound_score"],
        "gap": t["gap"],
        "stopped_by": t["stopped_by"],
        "solver": t["solver"],
        "parts": t["parts"],
        "rounds": t["rounds"],
        "candidate_arcs": t["candidate_arcs"],
        "warm_up_s": round(jit_s, 2),
        "loadavg": [load0, loadavg()],
    }


def references(family: str, n: int, with_exact: bool, seed: int = 0) -> dict:
    w = WEIGHTS
    p = problem(family, n, seed)
    out = {}
    t = time.perf_counter()
    whole = n <= WHOLE_GREEDY_UP_TO
    arcs = pairs(p, w) if whole or with_exact else None
    graph = arcs if whole else best_pairs(p, w, 200)
    out["greedy"] = {**greedy(p, *graph), "graph": "whole" if whole else "best200"}
    out["greedy"]["s"] = round(time.perf_counter() - t, 2)
    if with_exact:
        out["exact"] = exact(p, w, arcs)
        out["exact"]["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if family == "base" and n in (1000, 5000):
        out["stable"] = hospital_resident(p, *arcs)
    return out


def _child(*args) -> dict:
    cp = subprocess.run(
        [sys.executable, os.path.abspath(__file__), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(cp.stdout.strip().splitlines()[-1])


def _print(row: dict) -> None:
    e = row["engine"]
    print(
        f"{row['family']:>6} {row['mentees']:>7}: {e['solver']:<7} {e['total_s']:>6}s "
        f"(cpu {e['cpu_s']}s) {e['peak_mib']:>7} MiB | matched {e['matched']} score {e['score']} "
        f"gap {e['gap']:.3%} {e['stopped_by']} | load {e['loadavg'][0]:.1f}-{e['loadavg'][1]:.1f}",
        flush=True,
    )
    for name in ("exact", "greedy", "stable"):
        ref = row.get(name)
        if not ref:
            continue
        extra = f" ({ref['arcs']} arcs)" if name == "exact" else f" ({ref.get('graph', '')})"
        share = e["score"] / max(ref["score"], 1)
        print(
            f"{'':>15} {name}{extra}: matched {ref['matched']} score {ref['score']} -> engine "
            f"{e['matched'] - ref['matched']:+d} matched, score {share:.4%}",
            flush=True,
        )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", default="base,skewed,tight")
    ap.add_argument("--sizes", default="1000,5000,20000,100000")
    ap.add_argument("--exact", default="5000,20000", help="sizes with the exact reference")
    ap.add_argument("--seed", type=int, default=0, help="the programs' random seed")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--engine", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--references", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.engine:
        print(json.dumps(engine(a.engine[0], int(a.engine[1]), a.seed)))
        return
    if a.references:
        family, n, with_exact = a.references
        print(json.dumps(references(family, int(n), with_exact == "1", a.seed)))
        return
    exact_sizes = {int(s) for s in a.exact.split(",") if s}
    for family in a.families.split(","):
        for n in [int(s) for s in a.sizes.split(",")]:
            seed = ("--seed", str(a.seed))
            row = {"family": family, "mentees": n, "seed": a.seed}
            row["engine"] = _child(*seed, "--engine", family, str(n))
            with_exact = "1" if n in exact_sizes else "0"
            row.update(_child(*seed, "--references", family, str(n), with_exact))
            if a.json:
                print(json.dumps(row), flush=True)
            else:
                _print(row)


if __name__ == "__main__":
    main()
