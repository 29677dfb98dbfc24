"""`relu_lab.watch`: the instruments of ReLU Lab on a PyTorch training run."""
from __future__ import annotations

import datetime
import os
from pathlib import Path
from types import TracebackType
from typing import List, Mapping, Optional, Type, Union

import torch
from torch import nn

from . import __version__
from .activations import find_activations
from .distributed import default_rank, unwrap
from .probe import Probe, UnitDim, WatchedCall, discover, measure, model_device, probe_args
from .records import Norms, Number, Scalars, finite, metrics_line, run_info, units_line
from .rundir import RunFolderWriter, refuse_existing_run
from .stats import Scratch


class Watcher:
    """`relu_lab.watch(model, probe=..., logdir=...)`: watches the activations of `model`
    on the `probe` batch and writes a run folder (DESIGN §4) to `logdir`.

    Call `step()` once per training step, after `loss.backward()` and before
    `optimizer.step()`, and `close()` at the end (or use the watcher as a context
    manager). Every `every` steps a record is written: the loss given to step()
    and the statistics of the parameters that step's update starts from.

    every, bins: a record every `every` steps; histograms of `bins` bins.
    name: the run's name (default: the logdir's last part).
    layers: {name: module} to watch instead of the activation modules found.
    unit_dim: the dimension holding the units, for every layer (an int) or by
        module path ({name: dim}), instead of the rule in DESIGN §4.
    rank: the process that writes (default: torch.distributed's rank, else 0);
        every other rank gets a watcher that does nothing.
    overwrite: replace a run already in `logdir` instead of refusing.
    """

    def __init__(
        self,
        model: nn.Module,
        probe: Probe,
        logdir: Union[str, os.PathLike],
        every: int = 25,
        bins: int = 40,
        name: Optional[str] = None,
        layers: Optional[Mapping[str, nn.Module]] = None,
        unit_dim: UnitDim = None,
        rank: Optional[int] = None,
        overwrite: bool = False,
    ) -> None:
        if not isinstance(model, nn.Module):
            raise TypeError(f"relu_lab.watch: model must be a torch.nn.Module, got {type(model).__name__}")
        for option, value in (("every", every), ("bins", bins)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"relu_lab.watch: {option}= must be a whole number ≥ 1, got {value!r}")
        self.every = every
        self.bins = bins
        self.steps = 0
        self.closed = False
        # Only one process writes: the others return from every call at once, making no
        # collective call that could leave rank 0 waiting (DESIGN §4, "Only one process writes").
        self.active = (default_rank() if rank is None else rank) == 0
        self.calls: List[WatchedCall] = []
        if not self.active:
            return

        # Before the probe pass, which may take a while on a large model: a taken logdir is said at once.
        refuse_existing_run(Path(logdir), overwrite)
        self.model = unwrap(model)
        self.probe = probe_args(probe, model_device(self.model))
        candidates = dict(layers) if layers is not None else find_activations(self.model)
        if not candidates:
            raise ValueError(
                f"relu_lab.watch: found no activation module (nn.ReLU, nn.GELU, …) in {type(self.model).__name__}. "
                "Activations called as functions (F.relu, torch.relu, x.relu()) cannot be hooked: use modules "
                "such as nn.ReLU(), or name what to watch with layers={'name': module}.")
        self.calls = discover(self.model, self.probe, candidates, unit_dim)
        self.scratch = Scratch()
        if layers is not None:
            missing = sorted(set(candidates) - {c.path for c in self.calls})
            if missing:
                raise ValueError(f"relu_lab.watch: layers= names {', '.join(missing)}, which did not run when the model was called on the probe")
        if not self.calls:
            raise ValueError("relu_lab.watch: none of the activation modules ran when the model was called on the probe")
        if isinstance(unit_dim, Mapping):
            unknown = sorted(set(unit_dim) - {c.path for c in self.calls} - {c.name for c in self.calls})
            if unknown:
                raise ValueError(f"relu_lab.watch: unit_dim= names {', '.join(unknown)}, which is not a watched layer "
                                 f"(watched: {', '.join(self.layers)})")

        self.writer = RunFolderWriter(logdir, overwrite)
        created = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        monitor = {"every": every, "probe": int(self.probe[0].shape[0]), "bins": bins}
        self.writer.write_info(run_info(name or Path(logdir).resolve().name, created, f"relu_lab {__version__}", monitor, self.calls))

    @property
    def layers(self) -> List[str]:
        """The watched layers' names, in the order of run.json's `layers`."""
        return [c.name for c in self.calls]

    def step(self, loss: Number = None, accuracy: Number = None, *, epoch: Optional[int] = None,
             test_loss: Number = None, test_accuracy: Number = None) -> None:
        """Call once per training step, after backward() and before optimizer.step().

        Step k's record holds batch k's loss and the statistics of the parameters
        update k starts from (DESIGN §3). A loss that is not finite is written as
        `"loss": null, "nonFinite": true`; watching goes on.
        """
        if self.closed:
            raise RuntimeError("relu_lab: step() after close()")
        if self.active and self.steps % self.every == 0:
            self._record(Scalars(loss, accuracy, epoch, test_loss, test_accuracy), final=False)
        self.steps += 1

    def close(self, loss: Number = None, accuracy: Number = None, *, epoch: Optional[int] = None,
              test_loss: Number = None, test_accuracy: Number = None) -> None:
        """Writes the final record (`"final": true`, step = the number of steps) and closes the files.

        It describes the trained parameters; `loss`, if given, should be theirs (e.g. over
        the training set). gradNorm is that of the gradients the parameters hold now."""
        if self.closed:
            return
        try:
            if self.active:
                self._record(Scalars(loss, accuracy, epoch, test_loss, test_accuracy), final=True)
        finally:
            self._finish()

    def _finish(self) -> None:
        self.closed = True
        if self.active:
            self.writer.close()

    def __enter__(self) -> "Watcher":
        return self

    def __exit__(self, kind: Optional[Type[BaseException]], error: Optional[BaseException], tb: Optional[TracebackType]) -> None:
        # A run that ended in an exception gets no final record: its folder says it was stopped.
        if kind is None:
            self.close()
        elif not self.closed:
            self._finish()

    def _record(self, scalars: Scalars, final: bool) -> None:
        measured = measure(self.model, self.probe, self.calls, self.bins, self.scratch)
        norms = [feeding_norms(c.feeding) for c in self.calls]
        alphas = [prelu_alpha(c.module) for c in self.calls]
        step = self.steps
        self.writer.append(units_line(step, measured, alphas), metrics_line(step, scalars, measured, norms, final))


def feeding_norms(module: Optional[nn.Module]) -> Norms:
    """‖W‖ and ‖dLoss/dW‖ of the module feeding the activation (DESIGN §3: the weight, not the bias)."""
    weight = getattr(module, "weight", None) if module is not None else None
    if not isinstance(weight, torch.Tensor):
        return Norms(grad=None, weight=None)
    grad = weight.grad
    return Norms(
        grad=finite(torch.linalg.vector_norm(grad.detach().float())) if grad is not None else None,
        weight=finite(torch.linalg.vector_norm(weight.detach().float())),
    )


def prelu_alpha(module: nn.Module) -> Union[float, List[float], None]:
    if not isinstance(module, nn.PReLU):
        return None
    alpha = module.weight.detach().float()
    if not bool(torch.isfinite(alpha).all()):
        return None  # JSON has no NaN; the record's norms say what happened
    return alpha.item() if alpha.numel() == 1 else alpha.tolist()


# The name users call: relu_lab.watch(model, probe=x, logdir="runs/x") is a Watcher.
watch = Watcher
