"""The statistics' arithmetic (DESIGN §3, §7 "Histogram bins"), against a plain float32 reference."""
from __future__ import annotations

import math
import struct
from typing import List

import pytest
import torch

from relu_lab.stats import Scratch, histogram, post_stats, pre_stats


def f32(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0]


def reference_counts(values: List[float], bins: int) -> List[int]:
    """The core's binCounts (src/core/kernels/stats-plain.ts) line by line: every operation rounded to float32."""
    finite = [v for v in values if math.isfinite(v)]
    lo, hi = min(finite), max(finite)
    width = f32(hi - lo)
    counts = [0] * bins
    for v in finite:
        counts[min(int(f32(f32(f32(v - lo) * bins) / width)), bins - 1)] += 1
    return counts


def edge_values() -> torch.Tensor:
    """Values on and within a few float32 ulps of every bin edge of [-1.3, 2.9] with 7 bins, where rounding decides the bin."""
    lo, hi, bins = f32(-1.3), f32(2.9), 7
    edges = torch.linspace(lo, hi, bins + 1, dtype=torch.float32)
    near = [torch.nextafter(edges, torch.full_like(edges, direction)) for direction in (-math.inf, math.inf)]
    values = torch.cat([edges, *near, near[0].nextafter(torch.full_like(edges, -math.inf)), torch.rand(500) * (hi - lo) + lo])
    return values.clamp(lo, hi)


def test_bins_match_the_float32_reference_value_for_value() -> None:
    values = edge_values()
    h = histogram(values, 7)
    assert (h.min, h.max) == (values.min().item(), values.max().item())
    assert h.counts == reference_counts(values.tolist(), 7)
    assert sum(h.counts) == values.numel()


def test_counts_beyond_float32s_integers_are_exact() -> None:
    # float32 cannot add 1 to 2^24 (torch.histc counts in float32): these counts are integers.
    values = torch.zeros((1 << 24) + 3)
    values[:2] = 1.0
    assert histogram(values, 2).counts == [(1 << 24) + 1, 2]


def test_non_finite_values_are_left_out() -> None:
    values = torch.tensor([math.nan, -math.inf, 0.5, 1.5, math.inf, 2.5])
    h = histogram(values, 2)
    assert (h.min, h.max, h.counts) == (0.5, 2.5, [1, 2])


def test_no_finite_value_gives_an_empty_histogram_at_zero() -> None:
    assert histogram(torch.tensor([math.nan, math.inf]), 3).as_json() == {"min": 0.0, "max": 0.0, "counts": [0, 0, 0]}
    assert histogram(torch.tensor([]), 3).as_json() == {"min": 0.0, "max": 0.0, "counts": [0, 0, 0]}


def test_values_whose_arithmetic_overflows_are_binned_as_the_core_bins_them() -> None:
    # (v − min) · bins overflows: ∞ goes to the last bin (the core's saturating truncation);
    # a range that overflows itself makes every quotient 0 or ∞/∞, the first bin.
    assert histogram(torch.tensor([0.0, 1e38, 3e38, 1e36]), 4).counts == [2, 0, 0, 2]
    assert histogram(torch.tensor([-3e38, 3e38, 0.0]), 4).counts == [3, 0, 0, 0]


def test_equal_values_fill_the_first_bin() -> None:
    assert histogram(torch.full((5,), -2.0), 4).as_json() == {"min": -2.0, "max": -2.0, "counts": [5, 0, 0, 0]}


def test_inactive_means_at_most_zero_and_zero_means_exactly_zero() -> None:
    pre = torch.tensor([[-1.0, 0.0, 2.0], [0.5, -0.0, math.nan]])
    stats = pre_stats(pre, unit_dim=1, bins=4)
    assert stats.positive == [1, 0, 1]
    assert (stats.per_unit, stats.values) == (2, 6)
    assert post_stats(torch.relu(pre), bins=4).zeros == 3  # relu(NaN) is NaN: not zero


def test_channel_units_count_every_sample_and_position() -> None:
    pre = torch.full((3, 2, 4, 5), -1.0)
    pre[:, 1, 0, 0] = 1.0
    stats = pre_stats(pre, unit_dim=1, bins=4)
    assert stats.positive == [0, 3]
    assert stats.per_unit == 3 * 4 * 5


@pytest.mark.parametrize("bins", [1, 2, 40])
def test_random_values_match_the_reference(bins: int) -> None:
    values = torch.randn(4000, generator=torch.Generator().manual_seed(bins)) * 3
    assert histogram(values, bins).counts == reference_counts(values.tolist(), bins)


def test_reused_buffers_give_the_same_statistics_layer_after_layer() -> None:
    """The watcher keeps its buffers (Scratch) from one probe pass and one layer to the next:
    a big layer, then a smaller one in the same buffers, then a channels-last one with NaN and
    signed zeros, then the big one again, each as if computed afresh."""
    g = torch.Generator().manual_seed(5)
    big = torch.randn(8, 16, 12, 12, generator=g)
    small = torch.randn(40, 24, generator=g) - 0.5
    odd = torch.randn(3, 5, 7, 9, generator=g).contiguous(memory_format=torch.channels_last)
    odd[0, 1, 2, 3] = math.nan
    odd[1, 2, 3, 4] = -0.0
    scratch = Scratch()
    for x, unit_dim in ((big, 1), (small, 1), (odd, 1), (big, 1)):
        assert pre_stats(x, unit_dim, 40, scratch) == pre_stats(x, unit_dim, 40)
        assert post_stats(torch.relu(x), 40, scratch) == post_stats(torch.relu(x), 40)
    assert pre_stats(odd, 1, 40, scratch).positive == (odd > 0).sum((0, 2, 3)).tolist()
    assert post_stats(torch.relu(odd), 40, scratch).zeros == int((torch.relu(odd) == 0).sum())
