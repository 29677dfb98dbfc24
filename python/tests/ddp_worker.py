"""One rank of the two-process DDP test (test_ddp.py): gloo on CPU, the whole loop watched."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import torch
import torch.distributed as dist
from torch import nn

import relu_lab


def main(rank: int, world: int, address: str, logdir: str, report: str) -> None:
    dist.init_process_group("gloo", init_method=address, rank=rank, world_size=world)
    torch.manual_seed(0)
    # Batch norm's buffers make DDP broadcast in every forward it runs: a probe pass through the
    # DDP wrapper on rank 0 alone would wait for rank 1 forever.
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 2))
    ddp = nn.parallel.DistributedDataParallel(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=0.1)
    g = torch.Generator().manual_seed(rank)
    watch = relu_lab.watch(ddp, probe=torch.randn(16, 4, generator=torch.Generator().manual_seed(9)), logdir=logdir, every=2)
    for _ in range(5):
        x, y = torch.randn(8, 4, generator=g), torch.randint(0, 2, (8,), generator=g)
        loss = nn.functional.cross_entropy(ddp(x), y)
        optimizer.zero_grad()
        loss.backward()
        watch.step(loss=loss)
        optimizer.step()
    watch.close()
    dist.barrier()
    Path(report).write_text(json.dumps({"rank": rank, "active": watch.active, "layers": watch.layers}))
    dist.destroy_process_group()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
