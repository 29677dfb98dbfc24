"""The JSON objects of a run folder (DESIGN §4), built from what a probe pass measured.

The fractions are the core's (src/core/train/layer-stats.ts): ratios of exact
integer counts, so both writers give the same double for the same values.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence, Union

import torch

from .activations import zero_gradient_when_inactive
from .probe import Measurement, WatchedCall
from .rundir import FORMAT

Number = Union[float, int, torch.Tensor, None]


@dataclass
class Scalars:
    """A record's training numbers, as given to step() or close()."""

    loss: Number = None
    accuracy: Number = None
    epoch: Optional[int] = None
    test_loss: Number = None
    test_accuracy: Number = None


@dataclass
class Norms:
    grad: Optional[float]
    weight: Optional[float]


def finite(value: Number) -> Optional[float]:
    """A Python float, or None for a missing, NaN or infinite value (JSON has no NaN)."""
    if value is None:
        return None
    number = float(value.detach()) if isinstance(value, torch.Tensor) else float(value)
    return number if math.isfinite(number) else None


def run_info(name: str, created: str, writer: str, monitor: dict, calls: Sequence[WatchedCall]) -> dict:
    return {
        "format": FORMAT,
        "name": name,
        "created": created,
        "source": {"kind": "pytorch", "version": torch.__version__, "writer": writer},
        "experiment": None,
        "monitor": monitor,
        "layers": [
            {
                "index": i,
                "name": c.name,
                "activation": c.activation,
                "units": c.units,
                "unit": c.unit,
                "zeroGradientWhenInactive": zero_gradient_when_inactive(c.activation),
            }
            for i, c in enumerate(calls)
        ],
    }


def metrics_line(step: int, scalars: Scalars, measured: Sequence[Measurement], norms: Sequence[Norms], final: bool) -> dict:
    line: dict = {"step": step, "epoch": scalars.epoch}
    loss = finite(scalars.loss)
    line["loss"] = loss
    for key, value in (("accuracy", scalars.accuracy), ("testLoss", scalars.test_loss), ("testAccuracy", scalars.test_accuracy)):
        number = finite(value)
        if number is not None:
            line[key] = number
    if loss is None and scalars.loss is not None:
        line["nonFinite"] = True
    if final:
        line["final"] = True
    line["layers"] = [layer_metrics(i, m, n) for i, (m, n) in enumerate(zip(measured, norms))]
    return line


def layer_metrics(index: int, m: Measurement, norms: Norms) -> dict:
    values = m.pre.values
    positives = sum(m.pre.positive)
    return {
        "index": index,
        "inactiveFraction": (values - positives) / values if values else 0,
        "zeroFraction": m.post.zeros / values if values else 0,
        "deadCount": sum(1 for p in m.pre.positive if p == 0) if m.pre.per_unit else 0,
        "gradNorm": norms.grad,
        "weightNorm": norms.weight,
    }


def units_line(step: int, measured: Sequence[Measurement], alphas: Sequence[Union[float, List[float], None]]) -> dict:
    layers = []
    for i, (m, alpha) in enumerate(zip(measured, alphas)):
        per_unit = m.pre.per_unit or 1
        layer = {
            "index": i,
            "activationRate": [p / per_unit for p in m.pre.positive],
            "preHist": m.pre.hist.as_json(),
            "postHist": m.post.hist.as_json(),
        }
        if alpha is not None:
            layer["alpha"] = alpha
        layers.append(layer)
    return {"step": step, "layers": layers}
