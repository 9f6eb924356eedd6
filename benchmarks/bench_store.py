"""Measure the store on an archive made by ``generate_archive.py``: what a facilitator waits for.

Reports the median, p99 and worst time of opening a cohort's overview (attendance grid, note
counts, assignment states), loading one session run with everything in it, and saving one note
(a committed, fsynced transaction), plus the database size. ``--explain`` prints SQLite's query
plan for every statement the two reads issue, and names any that scan a whole table.

    .venv/bin/python benchmarks/bench_store.py /tmp/cofacilitator-archive.sqlite
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from random import Random
from typing import Any

from sqlalchemy import delete, event, func, select

from cofacilitator.notes import add_note
from cofacilitator.overview import cohort_overview
from cofacilitator.runs import load_run
from cofacilitator.store.database import Store, open_store
from cofacilitator.store.models import Cohort, Note, SessionRun

TARGETS_MS = {"overview": 100.0, "run load": 100.0, "note save (p99)": 10.0}


def timed(action: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds per call; the first call is made once beforehand and not counted, so
    statement compilation (cached for the life of the app) does not count against the store."""
    action()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return times


def row(label: str, times: list[float], target: str) -> str:
    """One line of the Markdown table the README records."""
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    median = statistics.median(ordered)
    return (
        f"| {label} | {len(ordered)} | {median:.1f} ms | {p99:.1f} ms | {ordered[-1]:.1f} ms "
        f"| {target} |"
    )


def cycle(items: list[int]) -> Callable[[], int]:
    """Each call the next item, round and round: every repetition reads a different cohort or
    run, so no measurement is served from rows the previous one just brought into the cache."""
    position = [0]

    def following() -> int:
        item = items[position[0] % len(items)]
        position[0] += 1
        return item

    return following


@contextmanager
def recorded_statements(store: Store) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        statements.append((sql, params))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def explain(store: Store, action: Callable[[], Any], label: str) -> None:
    with recorded_statements(store) as statements:
        action()
    print(f"\nQuery plans: {label}")
    with store.engine.connect() as connection:
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
            details = [row[-1] for row in plan]
            scans = [d for d in details if d.startswith("SCAN") and "USING" not in d]
            flag = "  <-- full table scan" if scans else ""
            print(f"  {' '.join(sql.split())[:110]}{flag}")
            for detail in details:
                print(f"      {detail}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--repeat", type=int, default=50, help="overview and run loads")
    parser.add_argument("--saves", type=int, default=500, help="notes saved")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        parser.error(f"{args.archive} does not exist; make it with generate_archive.py")

    store = open_store(f"sqlite:///{args.archive.resolve()}")
    rng = Random(1)
    try:
        with store.session_factory() as s:
            cohorts = list(s.scalars(select(Cohort.id)))
            runs = list(s.scalars(select(SessionRun.id)))
            notes = s.scalar(select(func.count()).select_from(Note)) or 0
        sample_cohorts = rng.sample(cohorts, min(len(cohorts), args.repeat))
        sample_runs = rng.sample(runs, min(len(runs), args.repeat))
        next_cohort, next_run = cycle(sample_cohorts), cycle(sample_runs)

        overview = timed(lambda: cohort_overview(store, next_cohort()), args.repeat)
        loading = timed(lambda: load_run(store, next_run()), args.repeat)
        record = load_run(store, sample_runs[0])
        run_id = record.run.id
        author = record.participants[0].id
        saved: list[int] = []

        def save() -> None:
            note = add_note(
                store,
                run_id,
                "key-takeaways",
                "Write the story down early.",
                prompt_id="takeaway",
                participant_id=author,
            )
            saved.append(note.id)

        saving = timed(save, args.saves)
        with store.session_factory() as s, s.begin():
            s.execute(delete(Note).where(Note.id.in_(saved)))
        machine = f"{platform.platform()}, {os.cpu_count()} cores"
        print(f"Archive: {len(cohorts)} cohorts, {len(runs)} runs, {notes:,} notes")
        print(f"Machine: {machine}, Python {platform.python_version()}\n")
        print("| measure | n | median | p99 | max | target |")
        print("| --- | --- | --- | --- | --- | --- |")
        print(row("cohort overview", overview, "< 100 ms"))
        print(row(f"run load (~{len(record.notes):,} notes)", loading, "< 100 ms"))
        print(row("note save, committed", saving, "p99 < 10 ms"))
        size = sum(
            path.stat().st_size
            for path in (args.archive, Path(f"{args.archive}-wal"))
            if path.exists()
        )
        print(f"\nDatabase size: {size / 1_000_000:.0f} MB")
        if args.explain:
            explain(store, lambda: cohort_overview(store, sample_cohorts[0]), "cohort overview")
            explain(store, lambda: load_run(store, sample_runs[0]), "run load")
    finally:
        store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
