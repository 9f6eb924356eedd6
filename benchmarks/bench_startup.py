"""Start-up time: process start to the main window shown and idle, against a bare PySide6 window.

Each sample is a fresh Python process, timed from the parent's side: from just before the process
is spawned until it reports that its window is shown and the event loop has gone idle (a zero-delay
timer fired after ``show()``). Bare and app runs alternate so that both see the same machine load.
The app starts against a data folder that already holds the demo cohort, as a facilitator's would.

    .venv/bin/python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 720)
window.show()
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
"""

APP = """
import sys
from PySide6.QtCore import QTimer
from cofacilitator.paths import resolve_data_paths
from cofacilitator.ui.app import make_application, start
from cofacilitator.ui.background import SynchronousRunner
app = make_application()
shell = start(app, resolve_data_paths(sys.argv[1]), runner=SynchronousRunner())
shell.window.resize(1280, 720)
QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
app.exec()
shell.store.dispose()
"""


def time_process(code: str, *args: str) -> float:
    """Seconds from spawning a Python process until it prints "ready"."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - began
    process.wait(timeout=60)
    if line.strip() != "ready":
        raise RuntimeError(f"the process did not report ready (exit {process.returncode})")
    return elapsed


def prepare_data_dir(folder: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "cofacilitator", "--data-dir", str(folder), "demo"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        prepare_data_dir(Path(folder))
        time_process(BARE)
        time_process(APP, folder)
        bare: list[float] = []
        app: list[float] = []
        for _ in range(args.runs):
            bare.append(time_process(BARE))
            app.append(time_process(APP, folder))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    print(f"runs: {args.runs} each, alternating; platform {os.environ.get('QT_QPA_PLATFORM')}")
    print(f"bare PySide6 window: median {bare_median * 1000:.0f} ms, min {min(bare) * 1000:.0f} ms")
    print(f"cofacilitator:       median {app_median * 1000:.0f} ms, min {min(app) * 1000:.0f} ms")
    print(f"ratio (medians): {app_median / bare_median:.2f}  (target under 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
