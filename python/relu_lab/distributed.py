"""Which process writes, and the model under the wrappers that parallelise it."""
from __future__ import annotations

import torch
from torch import nn


def default_rank() -> int:
    """torch.distributed's rank once a process group is initialised, else 0 (reading it is no collective call)."""
    dist = torch.distributed
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank()
    return 0


def unwrap(model: nn.Module) -> nn.Module:
    """The module inside DistributedDataParallel, DataParallel and torch.compile.

    The probe pass runs on rank 0 alone: through DDP's forward it would broadcast
    buffers (a collective call the other ranks never join, so rank 0 would hang).
    Inside DDP the module paths also lose their "module." prefix, the names a
    single-process run of the same model has."""
    while True:
        if isinstance(model, (nn.parallel.DistributedDataParallel, nn.DataParallel)):
            model = model.module
        elif isinstance(getattr(model, "_orig_mod", None), nn.Module):
            model = model._orig_mod  # torch.compile's wrapper: hooks fire in the eager original
        else:
            return model
