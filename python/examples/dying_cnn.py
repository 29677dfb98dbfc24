"""A small CNN whose ReLU channels die of a learning rate that is too high, watched with relu_lab.

    python3 python/examples/dying_cnn.py                  # lr 0.15: channels die → runs/dying-cnn
    python3 python/examples/dying_cnn.py --lr 0.02 --logdir runs/healthy-cnn

Offline: the images (bars of four orientations on noise) are generated here.
Open the run folder in ReLU Lab (File ▸ Open Run…, or npx relu-lab serve --logdir runs)
and watch the dead-unit heatmap of features.1 and features.4 fill in.
This script also regenerates the viewer's test fixture test/fixtures/runs/cnn-small
(see python/tests/test_examples.py for the exact command).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

import relu_lab

SIZE, CLASSES = 16, 4


def bars(n: int, generator: torch.Generator) -> tuple:
    """n noisy 16×16 images of a bar: horizontal, vertical, diagonal or anti-diagonal (the class)."""
    labels = torch.randint(0, CLASSES, (n,), generator=generator)
    images = 0.3 * torch.randn(n, 1, SIZE, SIZE, generator=generator)
    rows = torch.arange(SIZE).view(1, SIZE, 1)
    cols = torch.arange(SIZE).view(1, 1, SIZE)
    o = torch.randint(-5, 6, (n,), generator=generator).view(n, 1, 1)
    shape = (n, SIZE, SIZE)
    lines = torch.stack([(rows == SIZE // 2 + o).expand(shape), (cols == SIZE // 2 + o).expand(shape), rows - cols == o, rows + cols == SIZE - 1 + o])
    images[:, 0] += lines[labels, torch.arange(n)].float()
    return images, labels


class SmallCNN(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(32 * 4 * 4, 64), nn.ReLU(), nn.Linear(64, CLASSES))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--logdir", default="runs/dying-cnn")
    parser.add_argument("--lr", type=float, default=0.15, help="SGD learning rate (0.15 kills channels; 0.02 does not)")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--probe", type=int, default=256, help="samples the statistics are measured on")
    parser.add_argument("--overwrite", action="store_true", help="replace a run already in --logdir")
    args = parser.parse_args()

    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    x_train, y_train = bars(4096, generator)
    x_probe = x_train[: args.probe]
    model = SmallCNN()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)

    started = time.perf_counter()
    with relu_lab.watch(model, probe=x_probe, logdir=args.logdir, every=args.every, overwrite=args.overwrite) as watch:
        for step in range(args.steps):
            batch = torch.randint(0, len(x_train), (64,), generator=generator)
            logits = model(x_train[batch])
            loss = F.cross_entropy(logits, y_train[batch])
            accuracy = (logits.argmax(1) == y_train[batch]).float().mean()
            optimizer.zero_grad()
            loss.backward()
            watch.step(loss=loss, accuracy=accuracy, epoch=step * 64 // len(x_train))
            optimizer.step()
    report(Path(args.logdir), time.perf_counter() - started)


def report(logdir: Path, seconds: float) -> None:
    """What the run folder's final record says, in one line per layer."""
    info = json.loads((logdir / "run.json").read_text())
    final = json.loads((logdir / "metrics.jsonl").read_text().splitlines()[-1])
    print(f"{final['step']} steps in {seconds:.1f} s → {logdir}")
    for layer, stats in zip(info["layers"], final["layers"]):
        print(f"  {layer['name']:>14}: {stats['deadCount']:3d} of {layer['units']:3d} {layer['unit']}s dead, "
              f"{100 * stats['inactiveFraction']:.0f} % inactive")


if __name__ == "__main__":
    main()
