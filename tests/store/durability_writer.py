"""Writes notes one transaction each, reporting every commit, until it is killed.

Run as ``python durability_writer.py DB_URL`` against a database already at head. Each
``committed <id>`` line is printed and flushed only after the commit returned, so every id the test
has read is a promise the store made: it must survive a SIGKILL a moment later.
"""

from __future__ import annotations

import sys

from cofacilitator.store.database import open_store
from cofacilitator.store.models import Cohort, Note, SessionRun


def main(url: str) -> None:
    store = open_store(url, migrate=False)
    with store.session_factory() as session, session.begin():
        run = SessionRun(cohort=Cohort(name="Durability"), module_id="session-1", module_number=1)
        session.add(run)
        session.flush()
        run_id = run.id
    counter = 0
    while True:
        counter += 1
        with store.session_factory() as session, session.begin():
            note = Note(run_id=run_id, segment_id="intro", text=f"note {counter}")
            session.add(note)
            session.flush()
            note_id = note.id
        sys.stdout.write(f"committed {note_id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
