"""A real, non-editable install still finds the shipped modules.

The editable install the tests run from reads ``resources/`` straight from the checkout, which
would hide a wheel that forgot the module files or a lookup that only works from a source tree.
So this builds the wheel, installs it into a bare folder and loads the catalog from there, in a
separate interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_MODULES = 4

PROBE = """
import json, cofacilitator
from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import load_catalog
folder = shipped_modules_dir()
catalog = load_catalog(folder, None)
print(json.dumps({
    "package": cofacilitator.__file__,
    "folder": str(folder),
    "modules": [module.id for module in catalog.modules],
    "errors": [str(problem) for problem in catalog.problems if problem.is_error],
}))
"""


def pip(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def build_wheel(out: Path) -> Path:
    """Build with the interpreter's own setuptools when it is recent enough (fast, offline);
    otherwise let pip fetch the build backend pyproject.toml asks for."""
    for isolation in (["--no-build-isolation"], []):
        built = pip("wheel", "--no-deps", *isolation, "--wheel-dir", str(out), str(ROOT))
        if built.returncode == 0:
            return next(out.glob("cofacilitator-*.whl"))
    raise AssertionError(f"the wheel did not build:\n{built.stdout}\n{built.stderr}")


def test_an_installed_wheel_finds_and_loads_the_shipped_modules(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        shipped = [
            name
            for name in archive.namelist()
            if name.startswith("cofacilitator/resources/sessions/") and name.endswith(".toml")
        ]
    assert len(shipped) == SHIPPED_MODULES, shipped

    site = tmp_path / "site"
    installed = pip("install", "--no-deps", "--target", str(site), str(wheel))
    assert installed.returncode == 0, installed.stderr

    environment = {**os.environ, "PYTHONPATH": str(site)}
    environment.pop("COFACILITATOR_DATA_DIR", None)
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=tmp_path,  # not the checkout, whose cofacilitator/ would shadow the installed one
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)

    assert Path(found["package"]).is_relative_to(site)
    assert Path(found["folder"]).is_relative_to(site), found["folder"]
    assert len(found["modules"]) == SHIPPED_MODULES
    assert found["errors"] == []
