"""DistributedDataParallel over two gloo processes on the CPU: rank 0 writes alone, and nobody hangs."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from rundir_reader import read_run

WORKER = Path(__file__).with_name("ddp_worker.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_ranks_one_writer(tmp_path: Path) -> None:
    logdir = tmp_path / "run"
    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    ranks = [
        subprocess.Popen([sys.executable, str(WORKER), str(rank), "2", address, str(logdir), str(tmp_path / f"rank{rank}.json")],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for rank in range(2)
    ]
    outputs = []
    try:
        for p in ranks:
            # A collective call made by one rank alone would block it: the timeout turns that into a failure.
            outputs.append(p.communicate(timeout=120)[0])
    finally:
        for p in ranks:
            p.kill()
    assert [p.returncode for p in ranks] == [0, 0], "\n".join(outputs)

    reports = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(2)]
    assert [(r["rank"], r["active"]) for r in reports] == [(0, True), (1, False)]
    run = read_run(logdir)
    # Names as in a single process: inside DDP, without its "module." prefix.
    assert [l["name"] for l in run.info["layers"]] == ["2"] == reports[0]["layers"]
    # Each record once: a second writer would have been refused or doubled the lines.
    assert [m["step"] for m, _ in run.records] == [0, 2, 4, 5]
    assert sorted(os.listdir(logdir)) == ["metrics.jsonl", "run.json", "units.jsonl"]
