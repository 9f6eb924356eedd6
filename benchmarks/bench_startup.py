"""Start-up time: process start to the main window shown and idle, against a bare PySide6 window.

Each sample is a fresh Python process, timed from the parent's side: from just before the process
is spawned until it reports that its window is shown and the event loop has gone idle (a zero-delay
timer fired after ``show()``), and, for the app, until the pages with the cohorts are built.
Bare and app runs alternate so that both see the same machine load. The app starts through the
``cofacilitator`` command's own ``main`` against a data folder that already holds the demo cohort,
as a facilitator's would.

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
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])  # the app's make_application takes this one over

def pages_built():
    return any("Home" in getattr(w, "page_names", ()) for w in app.topLevelWidgets())

def check():
    if pages_built():
        print("loaded", flush=True)
        app.quit()

QTimer.singleShot(0, lambda: print("ready", flush=True))
poll = QTimer()
poll.timeout.connect(check)
poll.start(1)
from cofacilitator.cli import main
main(["--data-dir", sys.argv[1]])
"""


def time_process(code: str, *args: str) -> list[float]:
    """Seconds from spawning a Python process until each line it prints ("ready", "loaded")."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    stamps = []
    for line in process.stdout:
        stamps.append(time.perf_counter() - began)
        if line.strip() not in ("ready", "loaded"):
            raise RuntimeError(f"unexpected output: {line!r}")
    process.wait(timeout=60)
    if not stamps or process.returncode != 0:
        raise RuntimeError(f"the process did not report ready (exit {process.returncode})")
    return stamps


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
        loaded: list[float] = []
        for _ in range(args.runs):
            bare.append(time_process(BARE)[0])
            shown, filled = time_process(APP, folder)
            app.append(shown)
            loaded.append(filled)
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    loaded_median = statistics.median(loaded)
    print(f"runs: {args.runs} each, alternating; platform {os.environ.get('QT_QPA_PLATFORM')}")
    print(f"bare PySide6 window shown and idle: median {bare_median * 1000:.0f} ms")
    print(f"cofacilitator window shown and idle: median {app_median * 1000:.0f} ms")
    print(f"cofacilitator cohorts on screen:    median {loaded_median * 1000:.0f} ms")
    print(f"ratio, window shown (medians): {app_median / bare_median:.2f}  (target under 1.5)")
    print(f"ratio, cohorts on screen:      {loaded_median / bare_median:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
