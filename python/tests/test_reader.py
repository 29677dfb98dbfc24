"""Reading a run folder while it is written: a half-written last line is a line to come, not an error."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch
from torch import nn

import relu_lab
from rundir_reader import read_lines, read_run


def written_run(folder: Path) -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2))
    with relu_lab.watch(model, probe=torch.randn(12, 3), logdir=folder, every=1) as watch:
        for _ in range(3):
            watch.step(loss=1.0)


def test_a_half_written_last_line_is_left_for_later(tmp_path: Path) -> None:
    written_run(tmp_path / "done")
    live = tmp_path / "live"
    shutil.copytree(tmp_path / "done", live)
    # Cut the last metrics line in the middle of a multi-byte character, as a reader racing the writer may see it.
    metrics = (tmp_path / "done" / "metrics.jsonl").read_bytes()
    *lines, last, _ = metrics.split(b"\n")
    cut = b"\n".join(lines) + b"\n" + last[: len(last) // 2] + "é".encode()[:1]
    (live / "metrics.jsonl").write_bytes(cut)

    run = read_run(live)
    assert [m["step"] for m, _ in run.records] == [0, 1, 2]
    assert run.metrics.partial is not None
    assert run.units.partial is None
    # The writer completes it: then the final record is there.
    (live / "metrics.jsonl").write_bytes(metrics)
    finished = read_run(live)
    assert finished.metrics.partial is None
    assert finished.records[-1][0]["final"] is True


def test_unknown_fields_are_ignored_and_a_broken_line_is_named(tmp_path: Path) -> None:
    written_run(tmp_path / "run")
    path = tmp_path / "run" / "metrics.jsonl"
    lines = path.read_text().splitlines()
    first = json.loads(lines[0])
    first["fromTheFuture"] = {"x": 1}
    path.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")
    assert read_run(tmp_path / "run").records[0][0]["step"] == 0

    path.write_text("\n".join([lines[0], "{not json", *lines[2:]]) + "\n")
    with pytest.raises(ValueError, match="metrics.jsonl line 2"):
        read_lines(path)
