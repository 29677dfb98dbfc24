"""relu_lab.watch on real models: what it finds, what it measures, what it writes."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import List

import pytest
import torch
import torch.nn.functional as F
from torch import nn

import relu_lab
from rundir_reader import read_run
from test_stats import reference_counts


def cnn(channels: int = 8) -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, channels, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(channels, 6, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(6 * 2 * 2, 10), nn.ReLU(), nn.Linear(10, 3),
    )


def train(model: nn.Module, watch: relu_lab.Watcher, steps: int, lr: float = 0.05, seed: int = 0,
          shape: tuple = (16, 1, 10, 10)) -> List[float]:
    """SGD on random data, watch.step() between backward and the update; returns the losses."""
    g = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        x = torch.randn(shape, generator=g)
        y = torch.randint(0, 3, (shape[0],), generator=g)
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        watch.step(loss=loss)
        optimizer.step()
        losses.append(loss.item())
    return losses


def probe(shape: tuple = (32, 1, 10, 10), seed: int = 1) -> torch.Tensor:
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def test_a_cnn_with_channels_killed_by_bias_minus_100_reports_exactly_those_dead(tmp_path: Path) -> None:
    torch.manual_seed(0)
    model = cnn()
    killed = [1, 4, 6]
    with torch.no_grad():
        model[0].bias[killed] = -100.0
    x = probe()
    with relu_lab.watch(model, probe=x, logdir=tmp_path / "run", every=5) as watch:
        train(model, watch, steps=12)

    run = read_run(tmp_path / "run")
    first = run.info["layers"][0]
    assert first == {"index": 0, "name": "1", "activation": "relu", "units": 8, "unit": "channel", "zeroGradientWhenInactive": True}
    assert [(l["name"], l["unit"], l["units"]) for l in run.info["layers"]] == [("1", "channel", 8), ("4", "channel", 6), ("7", "feature", 10)]
    assert [m["step"] for m, _ in run.records] == [0, 5, 10, 12]
    for metrics, units in run.records:
        rates = units["layers"][0]["activationRate"]
        assert [u for u, r in enumerate(rates) if r == 0] == killed
        assert metrics["layers"][0]["deadCount"] == 3

    # The final record against the definitions, computed here without relu_lab.
    metrics, units = run.records[-1]
    assert metrics["final"] is True
    with torch.no_grad():
        pre = model[0](x)
    positive = (pre > 0).sum(dim=(0, 2, 3))
    per_unit = pre.numel() // 8
    assert units["layers"][0]["activationRate"] == [p / per_unit for p in positive.tolist()]
    assert metrics["layers"][0]["inactiveFraction"] == (pre.numel() - positive.sum().item()) / pre.numel()
    assert metrics["layers"][0]["zeroFraction"] == (torch.relu(pre) == 0).sum().item() / pre.numel()
    assert units["layers"][0]["preHist"]["counts"] == reference_counts(pre.flatten().tolist(), 40)
    assert units["layers"][0]["preHist"]["min"] == pre.min().item()
    assert metrics["layers"][0]["weightNorm"] == pytest.approx(model[0].weight.norm().item(), rel=1e-6)


def test_in_place_relu_is_measured_before_it_overwrites_its_input(tmp_path: Path) -> None:
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(5, 7), nn.ReLU(inplace=True), nn.Linear(7, 3))
    x = probe((64, 5))
    watch = relu_lab.watch(model, probe=x, logdir=tmp_path / "run", bins=8)
    watch.close()
    _, units = read_run(tmp_path / "run").records[-1]
    with torch.no_grad():
        pre = model[0](x)
    hist = units["layers"][0]["preHist"]
    assert hist["min"] == pre.min().item() < 0  # after the overwrite the minimum would be 0
    assert hist["counts"] == reference_counts(pre.flatten().tolist(), 8)
    assert units["layers"][0]["postHist"]["min"] == 0


def test_prelu_alpha_is_written_before_the_update_a_record_describes(tmp_path: Path) -> None:
    torch.manual_seed(2)
    model = nn.Sequential(nn.Linear(4, 6), nn.PReLU(init=0.3), nn.Linear(6, 5), nn.PReLU(num_parameters=5, init=0.1), nn.Linear(5, 3))
    alphas = []
    watch = relu_lab.watch(model, probe=probe((20, 4)), logdir=tmp_path / "run", every=1)
    g = torch.Generator().manual_seed(0)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for _ in range(3):
        loss = F.cross_entropy(model(torch.randn(8, 4, generator=g)), torch.randint(0, 3, (8,), generator=g))
        optimizer.zero_grad()
        loss.backward()
        alphas.append((model[1].weight.item(), model[3].weight.tolist()))
        watch.step(loss=loss)
        optimizer.step()
    watch.close()
    run = read_run(tmp_path / "run")
    assert [l["activation"] for l in run.info["layers"]] == ["prelu", "prelu"]
    assert not any(l["zeroGradientWhenInactive"] for l in run.info["layers"])
    written = [(u["layers"][0]["alpha"], u["layers"][1]["alpha"]) for _, u in run.records]
    assert written[:3] == alphas
    assert written[3] == (model[1].weight.item(), model[3].weight.tolist())
    assert written[0][0] != written[3][0]  # it learned


class Block(nn.Module):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.norm = nn.LayerNorm(width)
        self.act = nn.GELU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.norm(self.fc(x)))


class Net(nn.Module):
    """Nested modules, one ReLU instance called twice per forward (as torchvision's ResNet blocks do)."""

    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Linear(3, 8)
        self.relu = nn.ReLU()
        self.blocks = nn.ModuleList([Block(8), Block(8)])
        self.mid = nn.Linear(8, 8)
        self.head = nn.Sequential(nn.Linear(8, 4), nn.Tanh(), nn.Linear(4, 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.stem(x))
        for block in self.blocks:
            x = block(x)
        return self.head(self.relu(self.mid(x)))


def test_nested_modules_are_named_by_path_and_a_reused_module_per_call(tmp_path: Path) -> None:
    torch.manual_seed(3)
    model = Net()
    watch = relu_lab.watch(model, probe=probe((16, 3)), logdir=tmp_path / "run")
    watch.close()
    info = read_run(tmp_path / "run").info
    assert [(l["name"], l["activation"]) for l in info["layers"]] == [
        ("relu#1", "relu"), ("blocks.0.act", "gelu"), ("blocks.1.act", "gelu"), ("relu#2", "relu"), ("head.1", "tanh"),
    ]
    metrics, _ = read_run(tmp_path / "run").records[-1]
    # Each layer's norms are those of the last module with a weight that ran before it.
    feeding = [model.stem, model.blocks[0].norm, model.blocks[1].norm, model.mid, model.head[0]]
    for layer, module in zip(metrics["layers"], feeding):
        assert layer["weightNorm"] == pytest.approx(module.weight.norm().item(), rel=1e-6)
        assert layer["gradNorm"] is None  # no backward pass yet


def test_units_are_features_channels_or_token_features(tmp_path: Path) -> None:
    model = nn.Sequential(nn.Conv1d(2, 5, 3), nn.ReLU(), nn.Flatten(1), nn.Unflatten(1, (5, 4)), nn.Linear(4, 6), nn.SiLU())
    x = probe((3, 2, 6))
    watch = relu_lab.watch(model, probe=x, logdir=tmp_path / "a")
    assert [(c.unit, c.units) for c in watch.calls] == [("channel", 5), ("token-feature", 6)]
    watch.close()
    _, units = read_run(tmp_path / "a").records[-1]
    with torch.no_grad():
        tokens = model[:5](x)  # (3, 5, 6): a unit's rate is over 3 samples × 5 tokens
    assert units["layers"][1]["activationRate"] == [p / 15 for p in (tokens > 0).sum(dim=(0, 1)).tolist()]

    overridden = relu_lab.watch(model, probe=x, logdir=tmp_path / "b", unit_dim={"5": 1})
    assert [(c.unit, c.units) for c in overridden.calls] == [("channel", 5), ("channel", 5)]
    overridden.close()


def test_functional_relu_cannot_be_hooked_and_the_error_says_what_to_do(tmp_path: Path) -> None:
    class Functional(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fc1, self.fc2 = nn.Linear(3, 4), nn.Linear(4, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.fc2(F.relu(self.fc1(x)))

    with pytest.raises(ValueError) as error:
        relu_lab.watch(Functional(), probe=probe((4, 3)), logdir=tmp_path / "run")
    message = str(error.value)
    assert "no activation module" in message
    assert "F.relu" in message and "cannot be hooked" in message
    assert "layers=" in message
    assert not (tmp_path / "run").exists()


def test_layers_chooses_what_to_watch_and_must_name_modules_that_run(tmp_path: Path) -> None:
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 4), nn.Hardswish(), nn.Linear(4, 2))
    watch = relu_lab.watch(model, probe=probe((4, 3)), logdir=tmp_path / "a", layers={"act": model[3]})
    assert watch.layers == ["act"]
    assert watch.calls[0].activation == "other:Hardswish"
    watch.close()
    with pytest.raises(ValueError, match="layers= names spare, which did not run"):
        relu_lab.watch(model, probe=probe((4, 3)), logdir=tmp_path / "b", layers={"spare": nn.ReLU()})


def test_a_nan_loss_is_written_as_such_and_watching_goes_on(tmp_path: Path) -> None:
    torch.manual_seed(4)
    model = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 2))
    watch = relu_lab.watch(model, probe=probe((10, 3)), logdir=tmp_path / "run", every=1)
    watch.step(loss=torch.tensor(0.7))
    watch.step(loss=torch.tensor(math.nan))
    watch.step(loss=math.inf, accuracy=math.nan)
    with torch.no_grad():
        model[0].weight[0, 0] = math.nan  # what a diverged update leaves
    watch.step(loss=0.5)
    watch.close()
    text = (tmp_path / "run" / "metrics.jsonl").read_text()
    assert "NaN" not in text and "Infinity" not in text
    lines = [json.loads(l) for l in text.splitlines()]
    assert [(l["loss"], l.get("nonFinite")) for l in lines] == [(0.699999988079071, None), (None, True), (None, True), (0.5, None), (None, None)]
    assert "accuracy" not in lines[2]
    broken = lines[3]["layers"][0]
    assert broken["weightNorm"] is None
    assert broken["inactiveFraction"] > 0
    units = [json.loads(l) for l in (tmp_path / "run" / "units.jsonl").read_text().splitlines()]
    assert len(units) == 5


def test_records_follow_design_timing(tmp_path: Path) -> None:
    """Record k: batch k's loss and the parameters update k starts from; the final one the trained network."""
    torch.manual_seed(5)
    model = nn.Sequential(nn.Linear(3, 6), nn.ReLU(), nn.Linear(6, 2))
    watch = relu_lab.watch(model, probe=probe((10, 3)), logdir=tmp_path / "run", every=3, name="timing")
    g = torch.Generator().manual_seed(0)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.3)
    seen = []
    for step in range(7):
        loss = F.cross_entropy(model(torch.randn(8, 3, generator=g)), torch.randint(0, 2, (8,), generator=g))
        optimizer.zero_grad()
        loss.backward()
        seen.append((loss.item(), model[0].weight.norm().item(), model[0].weight.grad.norm().item()))
        watch.step(loss=loss, epoch=step // 4)
        optimizer.step()
    watch.close()
    run = read_run(tmp_path / "run")
    assert run.info["name"] == "timing"
    assert run.info["monitor"] == {"every": 3, "probe": 10, "bins": 40}
    steps = [m["step"] for m, _ in run.records]
    assert steps == [0, 3, 6, 7]
    for metrics, _ in run.records[:3]:
        loss, weight, grad = seen[metrics["step"]]
        assert metrics["loss"] == loss
        assert metrics["epoch"] == metrics["step"] // 4
        assert metrics["layers"][0]["weightNorm"] == pytest.approx(weight, rel=1e-6)
        assert metrics["layers"][0]["gradNorm"] == pytest.approx(grad, rel=1e-6)
    final, _ = run.records[-1]
    assert final["final"] is True and final["loss"] is None and final["epoch"] is None
    assert final["layers"][0]["weightNorm"] == pytest.approx(model[0].weight.norm().item(), rel=1e-6)
    with pytest.raises(RuntimeError, match="after close"):
        watch.step(loss=1.0)


def test_each_record_is_on_disk_whole_when_step_returns(tmp_path: Path) -> None:
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
    watch = relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "run", every=2)
    for step in range(5):
        watch.step(loss=1.0)
        for name in ("metrics.jsonl", "units.jsonl"):
            data = (tmp_path / "run" / name).read_bytes()
            assert data.endswith(b"\n") and data.count(b"\n") == step // 2 + 1
    watch.close()


def test_an_existing_run_is_refused_unless_overwrite(tmp_path: Path) -> None:
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
    relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "run").close()
    before = (tmp_path / "run" / "metrics.jsonl").read_bytes()
    calls = []
    model[0].register_forward_hook(lambda *_: calls.append(1))
    with pytest.raises(relu_lab.RunFolderExists, match="already holds a run .*overwrite=True"):
        relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "run")
    assert calls == []  # said before any probe pass, however long that would take
    assert (tmp_path / "run" / "metrics.jsonl").read_bytes() == before
    with relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "run", every=1, overwrite=True) as watch:
        watch.step(loss=2.0)
    assert [m["step"] for m, _ in read_run(tmp_path / "run").records] == [0, 1]


def test_the_probe_pass_leaves_training_state_as_it_was(tmp_path: Path) -> None:
    model = nn.Sequential(nn.Linear(3, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 2))
    model.train()
    model[3].eval()  # a user's own choice, to be kept
    flags = [m.training for m in model.modules()]
    running = model[1].running_mean.clone()
    rng = torch.get_rng_state()
    watch = relu_lab.watch(model, probe=probe((16, 3)), logdir=tmp_path / "run", every=1)
    watch.step(loss=1.0)
    assert [m.training for m in model.modules()] == flags
    assert torch.equal(model[1].running_mean, running)  # eval mode: batch norm's statistics untouched
    assert torch.equal(torch.get_rng_state(), rng)  # dropout off: no random numbers drawn
    assert not any(p.grad is not None for p in model.parameters())
    watch.close()


def test_a_rank_other_than_zero_writes_nothing(tmp_path: Path) -> None:
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
    with relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "run", rank=1) as watch:
        watch.step(loss=1.0)
        assert not watch.active
    assert not (tmp_path / "run").exists()


def test_bad_options_are_named(tmp_path: Path) -> None:
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
    with pytest.raises(ValueError, match="every= must be a whole number"):
        relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "a", every=0)
    with pytest.raises(TypeError, match="probe= must be a tensor"):
        relu_lab.watch(model, probe=[[1.0, 2.0, 3.0]], logdir=tmp_path / "b")
    with pytest.raises(ValueError, match="unit_dim=3"):
        relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "c", unit_dim=3)
    with pytest.raises(ValueError, match=r"unit_dim= names 2, which is not a watched layer \(watched: 1\)"):
        relu_lab.watch(model, probe=probe((6, 3)), logdir=tmp_path / "d", unit_dim={"2": 1})
