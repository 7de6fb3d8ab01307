"""Planning a distributed run: partitions are deterministic, named by their contents, cut
JSON Lines files by line, and read back exactly as ``read_inputs`` reads the inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.batch.partitions import plan_partitions, read_partition
from onrecord.readers import read_inputs
from support.corpus import PARTITION_SIZE, key, write_corpus


def test_partitions_are_deterministic_and_read_as_read_inputs_reads(
    corpus: Path, inputs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_partitions(inputs, PARTITION_SIZE)
    assert [p.name for p in plan] == [p.name for p in plan_partitions(inputs, PARTITION_SIZE)]
    assert all(p.name.startswith(f"part-{p.index:05d}-") for p in plan)
    # the JSON Lines shard is split across partitions by line
    shard_parts = [m.lines for p in plan for m in p.members if m.lines]
    assert shard_parts == [(1, 3), (4, 4)]
    read = [key(i) for p in plan for i in read_partition(p)]
    assert read == [key(i) for i in read_inputs(inputs)]
    # The same files named from elsewhere are the same partitions (sources are renamed).
    monkeypatch.chdir(corpus)
    relative = plan_partitions([".", "missing.txt"], PARTITION_SIZE)
    assert [p.name for p in relative] == [p.name for p in plan]
    assert [key(i) for p in relative for i in read_partition(p)] == [
        key(i) for i in read_inputs([".", "missing.txt"])
    ]


def test_jsonl_shards_keep_line_numbers(tmp_path: Path) -> None:
    lines = ["\ufeff" + json.dumps({"text": "a"}), "", "[1]", *(json.dumps({"text": str(i)})
             for i in range(7))]  # fmt: skip
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # no final newline
    plan = plan_partitions([str(path)], 2)
    assert [p.members[0].lines for p in plan] == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]
    got = [(i.source, getattr(i, "text", None)) for p in plan for i in read_partition(p)]
    want = [(i.source, getattr(i, "text", None)) for i in read_inputs([str(path)])]
    assert got == want and len(got) == 9


def test_a_changed_input_renames_its_partition(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    before = plan_partitions([str(tmp_path)], PARTITION_SIZE)
    (tmp_path / "article4.txt").write_text("A longer text than before, said Bob.")
    after = plan_partitions([str(tmp_path)], PARTITION_SIZE)
    changed = [a.name for a, b in zip(after, before, strict=True) if a.name != b.name]
    assert changed == [p.name for p in after if any("article4" in m.name for m in p.members)]


def test_stdin_is_refused() -> None:
    from onrecord.errors import InputError

    with pytest.raises(InputError, match="stdin"):
        plan_partitions(["-"])
