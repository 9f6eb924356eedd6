"""Measure exports on the ten-year archive: one session run, and one whole cohort, as Markdown
(the reference format, targets below) and as HTML (rendered from it, for information).

Each repetition exports a different run or cohort, so no measurement reuses rows the previous one
just read. Wall time is what a facilitator waits; CPU time is reported beside it because on a busy
machine wall time mostly measures the other processes.

    .venv/bin/python benchmarks/bench_export.py --db /tmp/cofacilitator-archive.sqlite

Without ``--db`` (or when the file is missing) a smaller archive of ten cohorts, at the same
density per session, is generated into a temporary folder first with ``generate_archive.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from random import Random

from sqlalchemy import func, select

from cofacilitator.export_markdown import export_cohort, export_session
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import Catalog, load_catalog
from cofacilitator.store.database import Store, open_store
from cofacilitator.store.models import Cohort, Note, SessionRun

TARGETS_MS = {"session run (md)": 50.0, "whole cohort (md)": 300.0}
SMALL_ARCHIVE_COHORTS = 10


def timed(action: Callable[[int], object], ids: list[int]) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per call, one call per id; one untimed call first, so compiling
    statements and regular expressions (done once per app session) is not counted."""
    action(ids[0])
    wall, cpu = [], []
    for item in ids:
        began_wall, began_cpu = time.perf_counter(), time.process_time()
        action(item)
        wall.append((time.perf_counter() - began_wall) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    return wall, cpu


def row(label: str, wall: list[float], cpu: list[float]) -> str:
    """One line of the Markdown table the README records."""
    ordered = sorted(wall)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    target = TARGETS_MS.get(label)
    verdict = (
        ""
        if target is None
        else f"< {target:.0f} ms " + ("ok" if statistics.median(wall) < target else "MISSED")
    )
    return (
        f"| {label} | {len(wall)} | {statistics.median(wall):.1f} ms | {p99:.1f} ms "
        f"| {ordered[-1]:.1f} ms | {statistics.median(cpu):.1f} ms | {verdict} |"
    )


def small_archive(folder: Path) -> Path:
    """A ten-cohort archive made by the archive generator that sits beside this script."""
    script = Path(__file__).resolve().parent / "generate_archive.py"
    spec = importlib.util.spec_from_file_location("generate_archive", script)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {script}")
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator  # its dataclasses look their module up while loading
    spec.loader.exec_module(generator)
    path = folder / "archive.sqlite"
    if generator.main([str(path), "--cohorts", str(SMALL_ARCHIVE_COHORTS)]) != 0:
        raise SystemExit("generating the small archive failed")
    return path


def measure(store: Store, catalog: Catalog, repeat: int, seed: int) -> list[str]:
    rng = Random(seed)
    with store.session_factory() as s:
        runs = list(s.scalars(select(SessionRun.id)))
        cohorts = list(s.scalars(select(Cohort.id)))
        notes = s.scalar(select(func.count()).select_from(Note)) or 0
    run_ids = rng.sample(runs, min(repeat, len(runs)))
    cohort_ids = rng.sample(cohorts, min(repeat, len(cohorts)))
    lines = [
        f"{len(cohorts)} cohorts, {len(runs)} session runs, {notes:,} notes "
        f"(about {notes // max(len(runs), 1):,} per run); {platform.python_implementation()} "
        f"{platform.python_version()} on {platform.machine()}",
        "",
        "| export | n | median | p99 | worst | median CPU | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    cases = [
        ("session run (md)", run_ids, lambda i: export_session(store, catalog, i, "md")),
        ("whole cohort (md)", cohort_ids, lambda i: export_cohort(store, catalog, i, "md")),
        ("session run (html)", run_ids, lambda i: export_session(store, catalog, i, "html")),
        ("whole cohort (html)", cohort_ids, lambda i: export_cohort(store, catalog, i, "html")),
    ]
    for label, ids, action in cases:
        wall, cpu = timed(action, ids)
        lines.append(row(label, wall, cpu))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an archive made by generate_archive.py")
    parser.add_argument("--repeat", type=int, default=30, help="runs and cohorts to export")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        database = args.db
        if database is None or not database.exists():
            missing = "No --db given" if database is None else f"No archive at {database}"
            print(
                f"{missing}; generating a smaller one ({SMALL_ARCHIVE_COHORTS} cohorts, same "
                "density per session) for this run.",
                file=sys.stderr,
            )
            database = small_archive(Path(scratch))
        store = open_store(f"sqlite:///{database.resolve()}", migrate=False)
        try:
            catalog = load_catalog(shipped_modules_dir(), None)
            print("\n".join(measure(store, catalog, args.repeat, args.seed)))
        finally:
            store.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
