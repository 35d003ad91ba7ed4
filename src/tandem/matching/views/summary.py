"""A run's totals as the pages show them, and the page of a dry run, whether it ran at once
(``runs``) or in the background (``progress``)."""

from __future__ import annotations

from django.shortcuts import render


def summary(totals: dict) -> dict:
    gap = totals.get("gap")
    mentees = totals.get("mentees", 0)
    return {
        "matched_share": round(100 * totals.get("matched_mentees", 0) / mentees)
        if mentees
        else None,
        "matched_mentees": totals.get("matched_mentees", 0),
        "mentees": totals.get("mentees", 0),
        "matched_mentors": totals.get("matched_mentors", 0),
        "mentors": totals.get("mentors", 0),
        "score": totals.get("score", 0),
        "bound_score": totals.get("bound_score"),
        "gap_percent": None if gap is None else round(100 * gap, 2),
        "optimal": totals.get("optimal_certified", False),
        "max_matched": totals.get("matched_certified_max", False),
        "seconds": (totals.get("timings") or {}).get("total_s"),
        "out_of_time": totals.get("stopped_by") == "time_limit",
        "time_limit": totals.get("time_limit"),
    }


def dry_run_page(request, program, totals: dict, proposals, unmatched, *, counts: tuple[int, int]):
    """A dry run's result, stored nowhere: its totals, its first proposals and unmatched, and
    how many of each (``counts``)."""
    context = {
        "program": program,
        "summary": summary(totals),
        "proposals": proposals,
        "proposal_count": counts[0],
        "unmatched": unmatched,
        "unmatched_count": counts[1],
    }
    return render(request, "matching/dry_run.html", context)
