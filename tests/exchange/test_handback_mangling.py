"""Whatever happens to a hand-back file on its way back (cut short, bytes flipped, its embedded
answers edited, junk appended), importing it either brings in exactly the answers the participant
wrote or refuses the file whole. Never another exception, never part of a file."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, event

from cofacilitator.assignment_store import (
    ImportReport,
    ImportStatus,
    get_response,
    import_handbacks,
)
from cofacilitator.sessions.schema import Module
from cofacilitator.store.database import Store
from cofacilitator.store.models import AssignmentResponse
from tests.exchange.exchange_stores import Roster, row_counts
from tests.exchange.handback_files import block_span, handback_text, payload_of, with_payload
from tests.exchange.sample_answers import catalog_of, every_kind_answers

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)

Edit = Callable[[dict[str, Any]], None]


@st.composite
def payload_edits(draw: st.DrawFn) -> Edit:
    """Change an answer, change or remove a top-level entry, or claim format version 999."""
    choice = draw(st.sampled_from(["answer", "entry", "remove", "version"]))
    if choice == "answer":
        field = draw(st.sampled_from(sorted(every_kind_answers())))
        new = draw(JSON_VALUES)
        return lambda payload: payload["values"].__setitem__(field, new)
    key = draw(st.sampled_from(sorted(payload_keys())))
    if choice == "entry":
        new = draw(JSON_VALUES)
        return lambda payload: payload.__setitem__(key, new)
    if choice == "remove":
        return lambda payload: payload.pop(key)
    return lambda payload: payload.__setitem__("version", 999)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def payload_keys() -> set[str]:
    return {
        "format",
        "version",
        "written_by",
        "cohort_uid",
        "cohort_name",
        "participant_uid",
        "participant_name",
        "module_id",
        "module_version",
        "assignment_id",
        "response_version",
        "status",
        "saved_at",
        "values",
        "sha256",
    }


@dataclass
class Exchange:
    """One facilitator store, one valid file, and a way to try any bytes as that file."""

    store: Store
    roster: Roster
    module: Module
    text: str
    folder: Path

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    def block_bytes(self) -> tuple[int, int]:
        """The block's byte span, plus the line break before it, which makes it a block."""
        start, end = block_span(self.text)
        return len(self.text[:start].encode()) - 1, len(self.text[:end].encode())

    def try_import(self, data: bytes) -> ImportReport:
        path = self.folder / "mangled.md"
        path.write_bytes(data)
        report = import_handbacks(
            self.store, [path], catalog_of(self.module), cohort_id=self.roster.cohort_id
        )
        [outcome] = report.outcomes
        assert outcome.status in (ImportStatus.IMPORTED, ImportStatus.REFUSED), outcome
        return report

    def imported_values(self, report: ImportReport) -> dict[str, Any] | None:
        """What the import stored (then forgets it, for the next example); None if refused."""
        if report.refused:
            assert row_counts(self.store) == (0, 0), "a refused file must change nothing"
            return None
        assert row_counts(self.store) == (1, 0)
        response = get_response(self.store, self.roster.ada, self.module.id)
        assert response is not None
        with self.store.session_factory() as s, s.begin():
            s.execute(delete(AssignmentResponse))
        return response.values


@pytest.fixture
def exchange(store: Store, roster: Roster, every_kind: Module, tmp_path: Path) -> Exchange:
    # Hundreds of imports per test: waiting for the disk on every commit would make these the
    # slowest tests of the suite, and durability is not what they check.
    store.engine.dispose()
    event.listen(store.engine, "connect", _without_fsync)
    text = handback_text(roster, every_kind, every_kind_answers())
    return Exchange(store, roster, every_kind, text, tmp_path)


def _without_fsync(connection: Any, _record: Any) -> None:
    connection.execute("PRAGMA synchronous=OFF")


@SETTINGS
@given(cut=st.integers(min_value=0))
def test_a_cut_file_imports_only_if_the_cut_spared_the_answers(
    exchange: Exchange, cut: int
) -> None:
    data = exchange.data
    cut %= len(data) + 1
    values = exchange.imported_values(exchange.try_import(data[:cut]))
    if cut >= exchange.block_bytes()[1]:
        assert values == every_kind_answers()
    else:
        assert values is None


@SETTINGS
@given(
    flips=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
        min_size=1,
        max_size=6,
    )
)
def test_flipped_bytes_never_import_different_answers(
    exchange: Exchange, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(exchange.data)
    positions = []
    for position, mask in flips:
        position %= len(data)
        data[position] ^= mask
        positions.append(position)
    values = exchange.imported_values(exchange.try_import(bytes(data)))
    start, end = exchange.block_bytes()
    if all(not start <= p < end for p in positions):
        assert values == every_kind_answers(), "damage outside the block changes nothing"
    else:
        assert values in (None, every_kind_answers())


@SETTINGS
@given(junk=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_junk_after_the_file_changes_nothing(exchange: Exchange, junk: bytes) -> None:
    values = exchange.imported_values(exchange.try_import(exchange.data + junk))
    assert values == every_kind_answers()


@SETTINGS
@given(edit=payload_edits())
def test_editing_the_embedded_answers_is_refused(exchange: Exchange, edit: Edit) -> None:
    payload = payload_of(exchange.text)
    edit(payload)
    # Compared as JSON, where 1, 1.0 and true differ as they do in the file.
    unchanged = canonical(payload) == canonical(payload_of(exchange.text))
    values = exchange.imported_values(
        exchange.try_import(with_payload(exchange.text, payload).encode())
    )
    assert values == (every_kind_answers() if unchanged else None)


@SETTINGS
@given(edit=payload_edits())
def test_an_edit_with_a_renewed_checksum_is_refused_or_imported_whole(
    exchange: Exchange, edit: Edit
) -> None:
    """A checksum is no signature: someone who renews it is trusted, but never half-way."""
    payload = payload_of(exchange.text)
    edit(payload)
    text = with_payload(exchange.text, payload, rehash=True)
    values = exchange.imported_values(exchange.try_import(text.encode()))
    if values is not None:
        assert canonical(values) == canonical(payload["values"])
