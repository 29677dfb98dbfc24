"""A deep MLP whose ReLU units die of a learning rate that is too high, watched with relu_lab.

    python3 python/examples/dying_mlp.py                   # lr 0.3: units die → runs/dying-mlp
    python3 python/examples/dying_mlp.py --lr 0.05 --logdir runs/healthy-mlp

Offline: the data (three interleaved spirals) is generated here. Open the run
folder in ReLU Lab (File ▸ Open Run…, or npx relu-lab serve --logdir runs).
"""
from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

import relu_lab
from dying_cnn import report


def spirals(n: int, generator: torch.Generator) -> tuple:
    """n points on three noisy spiral arms; the arm is the class."""
    labels = torch.randint(0, 3, (n,), generator=generator)
    radius = torch.rand(n, generator=generator)
    angle = 4.0 * radius + labels * (2 * math.pi / 3) + 0.2 * torch.randn(n, generator=generator)
    x = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], dim=1)
    return x, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--logdir", default="runs/dying-mlp")
    parser.add_argument("--lr", type=float, default=0.3, help="SGD learning rate (0.3 kills units; 0.05 does not)")
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--probe", type=int, default=1024, help="samples the statistics are measured on")
    parser.add_argument("--overwrite", action="store_true", help="replace a run already in --logdir")
    args = parser.parse_args()

    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    x_train, y_train = spirals(8192, generator)
    width = 128
    model = nn.Sequential(
        nn.Linear(2, width), nn.ReLU(),
        nn.Linear(width, width), nn.ReLU(),
        nn.Linear(width, width), nn.ReLU(),
        nn.Linear(width, width), nn.ReLU(),
        nn.Linear(width, 3),
    )
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)

    started = time.perf_counter()
    with relu_lab.watch(model, probe=x_train[: args.probe], logdir=args.logdir, every=args.every, overwrite=args.overwrite) as watch:
        for step in range(args.steps):
            batch = torch.randint(0, len(x_train), (128,), generator=generator)
            logits = model(x_train[batch])
            loss = F.cross_entropy(logits, y_train[batch])
            accuracy = (logits.argmax(1) == y_train[batch]).float().mean()
            optimizer.zero_grad()
            loss.backward()
            watch.step(loss=loss, accuracy=accuracy, epoch=step * 128 // len(x_train))
            optimizer.step()
    report(Path(args.logdir), time.perf_counter() - started)


if __name__ == "__main__":
    main()
