"""Where the app reads and writes, decided once at start and passed around (never global).

``--data-dir`` beats ``COFACILITATOR_DATA_DIR`` beats the platform's user data folder, so tests and
trials never touch a facilitator's real profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "cofacilitator"
DATA_DIR_ENV = "COFACILITATOR_DATA_DIR"
DATABASE_URL_ENV = "COFACILITATOR_DATABASE_URL"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "cofacilitator.sqlite"

    @property
    def modules(self) -> Path:
        """Facilitators' own module files; they override shipped modules with the same id."""
        return self.root / "modules"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def templates(self) -> Path:
        """The facilitator's own message templates, which replace the shipped ones of that name."""
        return self.root / "templates"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    def ensure(self) -> DataPaths:
        """Create the folders private to the user: notes about people live here."""
        for folder in (self.root, self.modules, self.backups, self.templates):
            folder.mkdir(parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        return self


def resolve_data_paths(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().resolve())
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return DataPaths(Path(from_env).expanduser().resolve())
    return DataPaths(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def database_url(paths: DataPaths) -> str:
    """Any SQLAlchemy URL from the environment, else the SQLite file in the data folder."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{paths.database}"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, from a source checkout or an installed wheel alike."""
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "sessions").is_dir():
        return checkout
    # resources/ has no __init__.py (it is data, not code), so go through the parent package.
    return Path(str(resources.files("cofacilitator") / "resources"))


def shipped_modules_dir() -> Path:
    return resources_dir() / "sessions"
