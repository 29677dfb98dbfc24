"""The statistics of DESIGN §3, with the core's exact arithmetic, computed where the tensors live.

Everything here runs on the activation's device; only a handful of numbers
per layer (counts, a range, the histogram's bins) are copied to the host.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

import torch


class Scratch:
    """Buffers the statistics reuse from one probe pass to the next, on the CPU.

    A CNN layer's probe activations are tens of MB; a temporary of that size, allocated
    afresh, is mapped page by page each time (glibc serves blocks over 32 MB with mmap and
    unmaps them when freed), and that made the statistics ~3× slower than their arithmetic
    (a 256 × 64 × 24 × 24 layer's pre-activation: 98 ms instead of 28). Kept here, they
    cost 8 bytes a value of the largest watched layer for the run's life. On CUDA the caching allocator
    already reuses blocks, so nothing is kept there. A function given none uses a
    throwaway one: fresh tensors, as before there was a Scratch."""

    def __init__(self) -> None:
        self._buffers: Dict[torch.dtype, torch.Tensor] = {}

    def take(self, like: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        """A contiguous tensor of `like`'s shape and device (its contents undefined)."""
        if like.device.type != "cpu":
            return torch.empty(like.shape, dtype=dtype, device=like.device)
        n = like.numel()
        buffer = self._buffers.get(dtype)
        if buffer is None or buffer.numel() < n:
            buffer = torch.empty(n, dtype=dtype)
            self._buffers[dtype] = buffer
        return buffer[:n].view(like.shape)


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


def histogram(values: torch.Tensor, bins: int, scratch: Optional[Scratch] = None) -> Histogram:
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
    return Histogram(low, high, bin_counts(v, lo, hi, bins, scratch or Scratch()).tolist())


_FLOAT32_MAX = torch.finfo(torch.float32).max


def bin_counts(v: torch.Tensor, lo: torch.Tensor, hi: torch.Tensor, bins: int, scratch: Scratch) -> torch.Tensor:
    """Counts of finite float32 values in [lo, hi], lo < hi: ⌊(v − lo) · bins / (hi − lo)⌋, each
    operation rounded to float32, the last bin closed.

    Not torch.histc itself: PyTorch 1.13's CPU kernel divides before it multiplies, which puts
    some values on a bin edge one bin lower than the core (and histc on CUDA and in PyTorch 2.x)
    does; histc also counts in float32, exact only up to 2^24. The divisor stays a device tensor:
    CUDA turns division by a host scalar into multiplication by its reciprocal, rounding differently.
    """
    width = (hi - lo).reshape(1)
    scaled = torch.sub(v, lo, out=scratch.take(v, torch.float32))
    scaled.mul_(bins).div_(width)
    if not width.item() * bins <= _FLOAT32_MAX:
        # A range near float32's limit: (v − lo) · bins may overflow. Saturate as the core's kernels do:
        # ∞ to the last bin, ∞/∞ (NaN) to the first; a float → int cast would make either a negative index.
        scaled.nan_to_num_(nan=0.0, posinf=float(bins))
    # The maximum lands on index `bins`: one extra bin, folded into the last (closed) one, costs less than a clamp.
    # copy_ into an int32 tensor truncates toward zero, as .to(torch.int32) does.
    counts = torch.bincount(scratch.take(scaled, torch.int32).copy_(scaled), minlength=bins + 1)
    counts[bins - 1] += counts[bins]
    return counts[:bins]


def pre_stats(pre: torch.Tensor, unit_dim: int, bins: int, scratch: Optional[Scratch] = None) -> PreStats:
    """Inactive = pre ≤ 0 (relu'(0) = 0 in PyTorch: a unit at exactly 0 gets no gradient either)."""
    x = pre.detach()
    if x.dim() == 0:
        x = x.reshape(1)
    units = x.shape[unit_dim]
    before = math.prod(x.shape[:unit_dim])
    # (before, units, after): each unit's values in one slab, counted along the contiguous end first.
    scratch = scratch or Scratch()
    above = indicator(torch.gt, x, scratch).reshape(before, units, -1)
    positive = above.sum(2, dtype=exact_sum_dtype(above.shape[2])).sum(0, dtype=torch.float64).to(torch.int64)
    return PreStats(
        positive=positive.tolist(),
        per_unit=x.numel() // units if units else 0,
        values=x.numel(),
        hist=histogram(x, bins, scratch),
    )


def post_stats(post: torch.Tensor, bins: int, scratch: Optional[Scratch] = None) -> PostStats:
    """Zero = post == 0 exactly (NaN is not zero)."""
    y = post.detach()
    scratch = scratch or Scratch()
    zero = indicator(torch.eq, y, scratch).reshape(-1)
    # In slabs of 2^16, each summed exactly in float32, the slabs' sums added in float64.
    whole = zero.numel() - zero.numel() % _SLAB
    zeros = zero[:whole].view(-1, _SLAB).sum(1).sum(dtype=torch.float64) + zero[whole:].sum(dtype=torch.float64)
    return PostStats(zeros=int(zeros), hist=histogram(y, bins, scratch))


_SLAB = 1 << 16


def indicator(compare: Callable[..., torch.Tensor], x: torch.Tensor, scratch: Scratch) -> torch.Tensor:
    """compare(x, 0) as float32 ones and zeros, to be counted by summing.

    Summing a bool tensor (into int32 or int64) converts it value by value, 4–6× slower on the
    CPU than comparing into float32 and summing that; and the sums stay exact (exact_sum_dtype)."""
    return compare(x, 0, out=scratch.take(x, torch.float32))


def exact_sum_dtype(length: int) -> torch.dtype:
    """float32 adds ones and zeros exactly while every partial sum stays below 2^24."""
    return torch.float32 if length < 1 << 24 else torch.float64
