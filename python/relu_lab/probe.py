"""The probe pass: the model run on the probe batch with hooks on the watched modules.

Hooks are attached for the pass only, so the user's training forward passes
run untouched. The input is measured in a forward *pre*-hook, before an
in-place activation overwrites it; the output in a forward hook.
"""
from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import torch
from torch import nn

from .activations import is_activation, watched_name
from .stats import PostStats, PreStats, Scratch, post_stats, pre_stats

Probe = Union[torch.Tensor, Sequence[torch.Tensor]]
UnitDim = Union[int, Mapping[str, int], None]


@dataclass(frozen=True)
class WatchedCall:
    """One call of a watched module in the forward pass: one layer of the run."""

    name: str
    """Module path, `path#k` for the k-th call of a module called more than once per forward."""
    path: str
    """The module's path alone."""
    module: nn.Module
    call: int
    """1-based call number of `module` within one forward pass."""
    activation: str
    unit_dim: int
    unit: str
    units: int
    feeding: Optional[nn.Module]
    """The last module with a `weight` that finished before this call: its norms are the layer's."""


@dataclass
class Measurement:
    pre: PreStats
    post: PostStats


def probe_args(probe: Probe, device: Optional[torch.device]) -> Tuple[torch.Tensor, ...]:
    """The probe as the model's positional arguments, on the model's device (moved once, at watch())."""
    args = (probe,) if isinstance(probe, torch.Tensor) else tuple(probe)
    if not args or not all(isinstance(a, torch.Tensor) for a in args):
        raise TypeError("relu_lab.watch: probe= must be a tensor or a list of tensors (the model's inputs)")
    if args[0].dim() == 0:
        raise ValueError("relu_lab.watch: probe= must have a batch dimension (its first dimension is the samples)")
    return tuple(a.to(device) for a in args) if device is not None else args


def model_device(model: nn.Module) -> Optional[torch.device]:
    for tensor in model.parameters():
        return tensor.device
    for tensor in model.buffers():
        return tensor.device
    return None


def discover(model: nn.Module, probe: Tuple[torch.Tensor, ...], candidates: Mapping[str, nn.Module],
             unit_dim: UnitDim) -> List[WatchedCall]:
    """Runs the probe once to learn the calls' order, shapes and feeding modules."""
    names = {id(m): name for name, m in candidates.items()}
    calls: List[Tuple[nn.Module, int, torch.Size, Optional[nn.Module]]] = []
    seen: Counter = Counter()
    last_weighted: List[Optional[nn.Module]] = [None]

    def before(module: nn.Module, args: tuple) -> None:
        seen[id(module)] += 1
        calls.append((module, seen[id(module)], first_tensor(module, args, names).shape, last_weighted[0]))

    def after_weighted(module: nn.Module, args: tuple, output: object) -> None:
        last_weighted[0] = module

    weighted = [m for m in model.modules() if has_weight(m) and not is_activation(m) and id(m) not in names]
    with hooked(candidates.values(), before, None, extra=[(m, after_weighted) for m in weighted]):
        run(model, probe)

    result: List[WatchedCall] = []
    for module, call, shape, feeding in calls:
        base = names[id(module)]
        name = f"{base}#{call}" if seen[id(module)] > 1 else base
        dim, unit = unit_layout(shape, feeding, dim_override(unit_dim, base, name, len(shape)))
        result.append(WatchedCall(name, base, module, call, watched_name(module), dim, unit, shape[dim], feeding))
    return result


def measure(model: nn.Module, probe: Tuple[torch.Tensor, ...], calls: Sequence[WatchedCall], bins: int,
            scratch: Optional[Scratch] = None) -> List[Measurement]:
    """One probe pass; a measurement per watched call, in the run's layer order."""
    index = {(id(c.module), c.call): i for i, c in enumerate(calls)}
    names = {id(c.module): c.path for c in calls}
    pre: List[Optional[PreStats]] = [None] * len(calls)
    post: List[Optional[PostStats]] = [None] * len(calls)
    counter: Counter = Counter()

    def layer_of(module: nn.Module) -> int:
        key = (id(module), counter[id(module)])
        if key not in index:
            raise RuntimeError(
                f"relu_lab: {names[id(module)]} ran {key[1]} times in this probe pass, more than when watching began; "
                "the probe must take the same path through the model each time")
        return index[key]

    def before(module: nn.Module, args: tuple) -> None:
        counter[id(module)] += 1
        i = layer_of(module)
        pre[i] = pre_stats(first_tensor(module, args, names), calls[i].unit_dim, bins, scratch)

    def after(module: nn.Module, args: tuple, output: object) -> None:
        i = layer_of(module)
        if not isinstance(output, torch.Tensor):
            raise TypeError(f"relu_lab: {calls[i].name} returned {type(output).__name__}, not a tensor")
        post[i] = post_stats(output, bins, scratch)

    with hooked({c.module for c in calls}, before, after):
        run(model, probe)
    missing = [calls[i].name for i in range(len(calls)) if pre[i] is None or post[i] is None]
    if missing:
        raise RuntimeError(f"relu_lab: {', '.join(missing)} did not run in this probe pass; "
                           "the probe must take the same path through the model each time")
    return [Measurement(p, q) for p, q in zip(pre, post)]  # type: ignore[arg-type]


def run(model: nn.Module, probe: Tuple[torch.Tensor, ...]) -> None:
    """The model on the probe in eval mode (dropout off, batch norm's running statistics
    untouched), without autograd; each module's own training flag restored after."""
    flags = [(m, m.training) for m in model.modules()]
    model.eval()
    try:
        with torch.no_grad():
            model(*probe)
    finally:
        for m, training in flags:
            m.training = training


@contextlib.contextmanager
def hooked(modules: Iterable[nn.Module], before: Callable, after: Optional[Callable],
           extra: Sequence[Tuple[nn.Module, Callable]] = ()) -> Iterator[None]:
    """Pre-hooks (`before`) and forward hooks (`after`, `extra`) for the length of a `with`, removed whatever happens."""
    handles = []
    try:
        for m in modules:
            handles.append(m.register_forward_pre_hook(before))
            if after is not None:
                handles.append(m.register_forward_hook(after))
        for m, hook in extra:
            handles.append(m.register_forward_hook(hook))
        yield
    finally:
        for h in handles:
            h.remove()


def first_tensor(module: nn.Module, args: tuple, names: Dict[int, str]) -> torch.Tensor:
    if not args or not isinstance(args[0], torch.Tensor):
        raise TypeError(f"relu_lab: {names.get(id(module), type(module).__name__)} was called without a tensor "
                        "as its first positional argument; only such calls can be watched")
    return args[0]


def has_weight(module: nn.Module) -> bool:
    return isinstance(getattr(module, "weight", None), torch.Tensor)


_LAST_DIM_MODULES = (nn.Linear, nn.Bilinear, nn.LayerNorm, nn.Embedding)


def unit_layout(shape: torch.Size, feeding: Optional[nn.Module], override: Optional[int]) -> Tuple[int, str]:
    """Which dimension holds the units, and what they are (DESIGN §4, run.json `unit`).

    (N, C): the C features. (N, C, *spatial) after a convolution (or anything but a
    Linear-like module): the C channels, a channel's rate over every sample and position.
    (N, T, C) after a Linear: the last dimension, over samples and tokens.
    """
    ndim = len(shape)
    if ndim == 0:
        raise ValueError("relu_lab: an activation was called on a 0-dimensional tensor; it has no units to watch")
    if override is not None:
        dim = override
    elif ndim <= 2 or isinstance(feeding, _LAST_DIM_MODULES):
        dim = ndim - 1
    else:
        dim = 1
    if ndim <= 2:
        return dim, "feature"
    return dim, "token-feature" if dim == ndim - 1 else "channel"


def dim_override(unit_dim: UnitDim, base: str, name: str, ndim: int) -> Optional[int]:
    if unit_dim is None:
        return None
    if isinstance(unit_dim, int):
        dim: Optional[int] = unit_dim
    else:
        dim = unit_dim.get(name, unit_dim.get(base))
        if dim is None:
            return None
    if not -ndim <= dim < ndim:
        raise ValueError(f"relu_lab.watch: unit_dim={dim} for {name}, whose input has {ndim} dimensions")
    return dim % ndim
