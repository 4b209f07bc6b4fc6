"""The audit chain: canonical digests, chained hashes and the check of a chain."""

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from patentshield.audit.chain import (
    GENESIS,
    Action,
    Change,
    Head,
    Problem,
    chained,
    change_digest,
    verify,
)

AT = datetime(2026, 3, 1, 9, tzinfo=UTC)


def changes(count: int) -> list[Change]:
    return [
        Change(AT, "cli:ops", None, Action.INSERT, "policies", f"P-{n}", change_digest({"n": n}))
        for n in range(count)
    ]


def test_the_digest_does_not_depend_on_key_order_or_on_how_a_decimal_came_in():
    assert change_digest({"a": Decimal("1.50"), "b": 2}) == change_digest(
        {"b": 2, "a": Decimal("1.50")}
    )
    assert change_digest({"a": Decimal("1.50")}) != change_digest({"a": Decimal("1.5")})


def test_a_fresh_chain_starts_after_the_genesis_and_verifies():
    entries = chained(changes(3), Head(0, GENESIS))
    assert [entry.sequence for entry in entries] == [1, 2, 3]
    assert entries[0].previous == GENESIS and entries[1].previous == entries[0].hash
    report = verify(entries, Head(3, entries[-1].hash))
    assert report.is_intact and report.count == 3


def test_an_edited_entry_is_reported_as_changed():
    entries = chained(changes(3), Head(0, GENESIS))
    edited = replace(entries[1], change=replace(entries[1].change, actor="someone@else.cn"))
    report = verify([entries[0], edited, entries[2]], Head(3, entries[-1].hash))
    assert report.breach is not None
    assert (report.breach.sequence, report.breach.problem) == (2, Problem.CHANGED)


def test_a_deleted_entry_in_the_middle_or_at_the_end_is_reported_as_deleted():
    entries = chained(changes(3), Head(0, GENESIS))
    head = Head(3, entries[-1].hash)
    middle = verify([entries[0], entries[2]], head).breach
    last = verify(entries[:2], head).breach
    assert middle is not None and (middle.sequence, middle.problem) == (2, Problem.DELETED)
    assert last is not None and (last.sequence, last.problem) == (3, Problem.DELETED)


def test_an_entry_added_after_the_head_is_reported_as_inserted():
    entries = chained(changes(4), Head(0, GENESIS))
    report = verify(entries, Head(3, entries[2].hash))
    assert report.breach is not None
    assert (report.breach.sequence, report.breach.problem) == (4, Problem.INSERTED)
