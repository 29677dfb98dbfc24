"""relu_lab against the core: a network trained by `relu-lab run`, loaded into torch with the code
`relu-lab pytorch` prints, watched on the same probe inputs, gives the core's final record.

Same inputs: the data is inline with no test split and the probe is "train", so the core measures
on every sample (in its shuffled training order, which no statistic depends on) and so does torch.

Same values: every input row is one-hot with a power of two (1, 2, 0.5 or 4), so a hidden unit's
pre-activation is w·x + b with w·x exact: one rounding, whatever order either side adds in. The
pre- and post-activations are then the same float32 numbers bit for bit in both, and every
count — inactive, zero, per-unit rates, dead units, histogram bins — must be equal, not close.
(A second hidden layer would sum rounded products, in an order that differs between the core's
kernels and torch's BLAS: equal only within rounding. So each network here has one.)
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import List

import pytest
import torch

import relu_lab
from rundir_reader import read_run

INPUTS, CLASSES = 6, 3
SCALES = [1.0, 2.0, 0.5, 4.0]


def inline_data() -> dict:
    x: List[List[float]] = []
    y: List[int] = []
    for i in range(48):
        position, scale = i % INPUTS, SCALES[(i // INPUTS) % len(SCALES)]
        row = [0.0] * INPUTS
        row[position] = scale
        x.append(row)
        y.append((position + (1 if scale > 1 else 0)) % CLASSES)
    return {"kind": "inline", "x": x, "y": y, "testFraction": 0}


CASES = {
    # A learning rate high enough to kill some units for good.
    "relu-sgd": ({"units": 24, "activation": "relu", "init": "he-normal"}, {"kind": "sgd", "lr": 2.0, "momentum": 0.9}),
    "prelu-adam": ({"units": 16, "activation": {"kind": "prelu", "alpha": 0.2}, "init": "he-uniform", "bias": -0.5}, {"kind": "adam", "lr": 0.05}),
}


def experiment(case: str) -> dict:
    hidden, optimizer = CASES[case]
    return {
        "format": "relu-lab/experiment@1",
        "name": f"cross-check {case}",
        "seed": 7,
        "data": inline_data(),
        "network": {"inputs": INPUTS, "layers": [hidden, {"units": CLASSES, "activation": "linear"}], "loss": "softmax-cross-entropy"},
        "weights": None,
        "training": {"optimizer": optimizer, "batchSize": 16, "epochs": 4, "steps": None, "shuffle": True},
        "monitor": {"every": 10, "probe": "train", "bins": 40},
    }


@pytest.mark.parametrize("case", sorted(CASES))
def test_torch_watching_the_exported_network_gives_the_cores_final_record(case: str, cli: list, tmp_path: Path) -> None:
    spec = experiment(case)
    file = tmp_path / "x.relu.json"
    file.write_text(json.dumps(spec))
    trained = subprocess.run([*cli, "run", str(file), "--out", str(tmp_path / "core")], capture_output=True, text=True)
    assert trained.returncode == 0, trained.stderr
    code = subprocess.run([*cli, "pytorch", str(file), "--weights", str(tmp_path / "core" / "weights.json")],
                          capture_output=True, text=True, check=True).stdout

    namespace: dict = {"__name__": "exported"}
    exec(compile(code, "exported.py", "exec"), namespace)
    model, loss_fn = namespace["model"], namespace["loss_fn"]
    x = torch.tensor(spec["data"]["x"], dtype=torch.float32)
    y = torch.tensor(spec["data"]["y"])
    watch = relu_lab.watch(model, probe=x, logdir=tmp_path / "torch", every=10, bins=40)
    # The core's final record: loss and gradients over the whole training set, at the trained weights.
    loss = loss_fn(model(x), y)
    loss.backward()
    watch.close(loss=loss)

    core, mine = read_run(tmp_path / "core"), read_run(tmp_path / "torch")
    keys = ["name", "activation", "units", "unit", "zeroGradientWhenInactive"]
    assert [{k: l[k] for k in keys} for l in mine.info["layers"]] == [{k: l[k] for k in keys} for l in core.info["layers"]]
    assert mine.info["monitor"]["probe"] == core.info["monitor"]["probe"] == 48

    (core_metrics, core_units), (metrics, units) = core.records[-1], mine.records[-1]
    assert core_metrics["final"] is True and metrics["final"] is True
    assert metrics["loss"] == pytest.approx(core_metrics["loss"], rel=1e-5)
    for a, b, u, v in zip(metrics["layers"], core_metrics["layers"], units["layers"], core_units["layers"]):
        for key in ("inactiveFraction", "zeroFraction", "deadCount"):
            assert a[key] == b[key], key
        for key in ("gradNorm", "weightNorm"):
            assert a[key] == pytest.approx(b[key], rel=1e-5), key
        assert sum(u["preHist"]["counts"]) == 48 * len(u["activationRate"])  # every value binned, none lost
        assert u["activationRate"] == v["activationRate"]
        for key in ("preHist", "postHist"):
            assert u[key] == v[key], key
        assert u.get("alpha") == v.get("alpha")

    if case == "relu-sgd":
        # What the case is for: units that died in training, seen the same by both.
        assert 0 < core_metrics["layers"][0]["deadCount"] < 24
    else:
        assert units["layers"][0]["alpha"] != 0.2  # PReLU's α learned, and written by both
