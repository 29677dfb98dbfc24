"""The examples run offline and write run folders; the viewer's fixture is one of them.

The fixture test/fixtures/runs/cnn-small was written by (from the repository root):

    python3 python/examples/dying_cnn.py --lr 0.12 --steps 300 --every 10 --probe 128 \\
        --logdir test/fixtures/runs/cnn-small --overwrite
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rundir_reader import read_run

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "python" / "examples"
FIXTURE = REPO / "test" / "fixtures" / "runs" / "cnn-small"


def run_example(name: str, logdir: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, str(EXAMPLES / name), "--logdir", str(logdir), *args],
                          capture_output=True, text=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("name", ["dying_cnn.py", "dying_mlp.py"])
def test_an_example_writes_a_run_folder(name: str, tmp_path: Path) -> None:
    out = run_example(name, tmp_path / "run", "--steps", "30", "--every", "10", "--probe", "32")
    run = read_run(tmp_path / "run")
    assert [m["step"] for m, _ in run.records] == [0, 10, 20, 30]
    assert run.records[-1][0]["final"] is True
    assert all(m["loss"] is not None and "accuracy" in m for m, _ in run.records[:-1])
    assert f"30 steps in" in out and "dead" in out


def test_the_fixture_is_a_small_cnn_run_with_a_few_dead_channels(tmp_path: Path) -> None:
    run = read_run(FIXTURE)
    assert sum(f.stat().st_size for f in FIXTURE.iterdir()) < 300_000
    assert 20 <= len(run.records) <= 60
    assert run.metrics.partial is None and run.records[-1][0]["final"] is True
    assert all(units is not None for _, units in run.records)
    assert [(l["name"], l["unit"], l["units"]) for l in run.info["layers"]] == [
        ("features.1", "channel", 16), ("features.4", "channel", 32), ("classifier.2", "feature", 64)]
    final_metrics, _ = run.records[-1]
    dead = [l["deadCount"] for l in final_metrics["layers"][:2]]
    assert all(0 < d < 16 for d in dead), dead
    # What the example writes today has the same shape: the fixture is not stale.
    run_example("dying_cnn.py", tmp_path / "fresh", "--steps", "2", "--every", "10", "--probe", "8")
    fresh = json.loads((tmp_path / "fresh" / "run.json").read_text())
    assert fresh["layers"] == run.info["layers"]
    assert fresh["source"]["writer"] == run.info["source"]["writer"]
