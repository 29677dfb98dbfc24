"""The statistics of DESIGN §3, with the core's exact arithmetic, computed where the tensors live.

Everything here runs on the activation's device; only a handful of numbers
per layer (counts, a range, the histogram's bins) are copied to the host.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List

import torch


@dataclass
class Histogram:
    """`bins` equal-width bins over [min, max] of the finite values, the last bin closed."""

    min: float
    max: float
    counts: List[int]

    def as_json(self) -> dict:
        return {"min": self.min, "max": self.max, "counts": self.counts}


@dataclass
class PreStats:
    """What one call's input (the pre-activation) showed."""

    positive: List[int]
    """Per unit: values > 0."""
    per_unit: int
    """Values per unit (samples × positions): the denominator of a unit's rate."""
    values: int
    hist: Histogram


@dataclass
class PostStats:
    zeros: int
    hist: Histogram


def histogram(values: torch.Tensor, bins: int) -> Histogram:
    """DESIGN §3 and §7 ("Histogram bins"): non-finite values left out; no finite value:
    min = max = 0 and no counts; all equal: one full first bin; otherwise a value's bin is
    ⌊(v − min) · bins / (max − min)⌋ in float32, operation by operation, as the core computes
    it, so the counts are the same as its to the last value."""
    v = values.detach().reshape(-1).to(torch.float32)
    empty = Histogram(0.0, 0.0, [0] * bins)
    if v.numel() == 0:
        return empty
    lo, hi = torch.aminmax(v)
    if not bool(torch.isfinite(lo) & torch.isfinite(hi)):
        v = v[torch.isfinite(v)]
        if v.numel() == 0:
            return empty
        lo, hi = torch.aminmax(v)
    low, high = lo.item(), hi.item()
    if low == high:
        # torch.histc would widen the range to [min − 1, max + 1]; the core keeps one bin at the value.
        return Histogram(low, high, [v.numel()] + [0] * (bins - 1))
    return Histogram(low, high, bin_counts(v, lo, hi, bins).tolist())


_FLOAT32_MAX = torch.finfo(torch.float32).max


def bin_counts(v: torch.Tensor, lo: torch.Tensor, hi: torch.Tensor, bins: int) -> torch.Tensor:
    """Counts of finite float32 values in [lo, hi], lo < hi: ⌊(v − lo) · bins / (hi − lo)⌋, each
    operation rounded to float32, the last bin closed.

    Not torch.histc itself: PyTorch 1.13's CPU kernel divides before it multiplies, which puts
    some values on a bin edge one bin lower than the core (and histc on CUDA and in PyTorch 2.x)
    does; histc also counts in float32, exact only up to 2^24. The divisor stays a device tensor:
    CUDA turns division by a host scalar into multiplication by its reciprocal, rounding differently.
    """
    width = (hi - lo).reshape(1)
    scaled = v - lo
    scaled.mul_(bins).div_(width)
    if not width.item() * bins <= _FLOAT32_MAX:
        # A range near float32's limit: (v − lo) · bins may overflow. Saturate as the core's kernels do:
        # ∞ to the last bin, ∞/∞ (NaN) to the first; a float → int cast would make either a negative index.
        scaled.nan_to_num_(nan=0.0, posinf=float(bins))
    # The maximum lands on index `bins`: one extra bin, folded into the last (closed) one, costs less than a clamp.
    counts = torch.bincount(scaled.to(torch.int32), minlength=bins + 1)
    counts[bins - 1] += counts[bins]
    return counts[:bins]


def pre_stats(pre: torch.Tensor, unit_dim: int, bins: int) -> PreStats:
    """Inactive = pre ≤ 0 (relu'(0) = 0 in PyTorch: a unit at exactly 0 gets no gradient either)."""
    x = pre.detach()
    if x.dim() == 0:
        x = x.reshape(1)
    units = x.shape[unit_dim]
    before = math.prod(x.shape[:unit_dim])
    # (before, units, after): each unit's values in one slab, summed along the contiguous end first,
    # in int32 (a slab's count fits), which runs several times faster than summing a bool tensor over dims 0, 2, 3.
    positive = (x > 0).reshape(before, units, -1).sum(2, dtype=torch.int32).sum(0, dtype=torch.int64)
    return PreStats(
        positive=positive.tolist(),
        per_unit=x.numel() // units if units else 0,
        values=x.numel(),
        hist=histogram(x, bins),
    )


def post_stats(post: torch.Tensor, bins: int) -> PostStats:
    """Zero = post == 0 exactly (NaN is not zero)."""
    y = post.detach()
    # `== 0` and an int32 sum where the count fits: count_nonzero, or a sum into int64, is several times slower.
    zeros = (y == 0).sum(dtype=torch.int32 if y.numel() < 2**31 else torch.int64)
    return PostStats(zeros=int(zeros), hist=histogram(y, bins))
