#!/usr/bin/env python3
"""
Independent recomputation of the headline figures from the raw canonical CSVs, in plain Python (no code
shared with the TypeScript data step), compared with a build's dist/exports. For UTC data in the canonical
template, such as the shipped sample:

    python3 scripts/tools/verify/recompute.py data/sample dist/exports

Checks, per month: time to fill (filled, median, p75, p90 over all departments), feedback slots and
median hours to feedback (all departments and stages), and rejections. A figure the dashboard hides for
privacy (its `suppressed` flag true) is not compared, and counted apart. Prints each disagreement; exits 1
if there is any.
"""
import csv
import math
import sys
from collections import defaultdict
from datetime import date, datetime, timezone


def quantile(sorted_values, p):
    """Linear interpolation between order statistics (numpy's default, d3.quantile, SQL quantile_cont)."""
    if not sorted_values:
        return None
    h = (len(sorted_values) - 1) * p
    lo = int(h)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def instant(text):
    text = text.strip()
    if not text:
        return None
    if len(text) == 10:
        return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def one_decimal(x):
    """
    One decimal, halves away from zero (the dashboard's documented rounding; Python's own is half-even), written
    as the exports write it: a whole number without its decimal point (23, not 23.0).
    """
    if x is None:
        return None
    text = f"{math.copysign(math.floor(abs(x) * 10 + 0.5), x) / 10:.1f}"
    return text[:-2] if text.endswith(".0") else text


def main(data_dir, exports_dir):
    problems = []
    hidden = 0

    # Time to fill: calendar days from opened_at's date to filled_at's date, in the month of filled_at.
    days_by_month = defaultdict(list)
    for r in rows(f"{data_dir}/requisitions.csv"):
        opened, filled = instant(r["opened_at"]), instant(r["filled_at"])
        if filled is None:
            continue
        days_by_month[filled.strftime("%Y-%m")].append((filled.date() - opened.date()).days)
    shown = {(r["month"], r["department"]): r for r in rows(f"{exports_dir}/time-to-fill-by-month.csv")}
    for month, values in sorted(days_by_month.items()):
        values.sort()
        row = shown.get((month, "All"))
        expected = [str(len(values))] + [one_decimal(quantile(values, p)) for p in (0.5, 0.75, 0.9)]
        got = None if row is None else [row["filled"], row["median_days"], row["p75_days"], row["p90_days"]]
        if got != expected:
            problems.append(f"time to fill {month}: expected {expected}, dashboard {got}")

    # Feedback: one slot per interview row, due at interview_end_at else interview_at; hours from due to
    # feedback_submitted_at (before due counts as 0); counted in the month of interview_at.
    slots, hours = defaultdict(int), defaultdict(list)
    for r in rows(f"{data_dir}/interviews.csv"):
        at = instant(r["interview_at"])
        due = instant(r["interview_end_at"]) or at
        month = at.strftime("%Y-%m")
        slots[month] += 1
        submitted = instant(r["feedback_submitted_at"])
        if submitted is not None:
            hours[month].append(max(0.0, (submitted - due).total_seconds() / 3600))
    shown = {
        (r["month"], r["department"], r["stage"]): r for r in rows(f"{exports_dir}/feedback-by-month-with-totals.csv")
    }
    for month in sorted(slots):
        row = shown.get((month, "All", "All"))
        if row is not None and row["suppressed"] == "true":
            hidden += 1
            continue
        expected = [str(slots[month]), one_decimal(quantile(sorted(hours[month]), 0.5))]
        got = None if row is None else [row["slots"], row["median_hours"]]
        if got != expected:
            problems.append(f"feedback {month}: expected {expected}, dashboard {got}")

    # Rejections: applications rejected or withdrawn, in the month of rejected_at.
    rejections = defaultdict(int)
    for r in rows(f"{data_dir}/applications.csv"):
        if r["status"] in ("rejected", "withdrawn") and r["rejected_at"].strip():
            rejections[instant(r["rejected_at"]).strftime("%Y-%m")] += 1
    shown = {
        r["month"]: r["value"]
        for r in rows(f"{exports_dir}/headlines.csv")
        if r["metric"] == "rejections" and r["scope_kind"] == "all" and r["suppressed"] != "true"
    }
    hidden_months = {
        r["month"]
        for r in rows(f"{exports_dir}/headlines.csv")
        if r["metric"] == "rejections" and r["scope_kind"] == "all" and r["suppressed"] == "true"
    }
    for month, n in sorted(rejections.items()):
        if month in hidden_months:
            hidden += 1
            continue
        if shown.get(month) != str(n):
            problems.append(f"rejections {month}: expected {n}, dashboard {shown.get(month)}")

    checked = len(days_by_month) + len(slots) + len(rejections) - hidden
    for p in problems:
        print(p)
    print(
        f"{checked} monthly figures recomputed independently; {len(problems)} disagreement(s); "
        f"{hidden} hidden by the dashboard for privacy, not compared"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
