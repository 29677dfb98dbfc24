"""What watching costs: training time of an MNIST-sized CNN on the CPU, with and without relu_lab.watch.

    python3 python/bench/overhead.py [--blocks 8] [--batch 64 128]

The CNN is PyTorch's MNIST example (conv 32, conv 64, max-pool, 128, 10, without
dropout) on random 28×28 inputs; the watcher records every 25 steps on a probe
of 256 samples. Two copies train in one process, one watched, in alternating
blocks of 25 steps; the overhead is the ratio of their total times, in CPU time
of this process (the work itself, whatever else shares the cores) and in wall
time. It reports numbers; it checks nothing. The issue's target is ≤ 5 %.

Allocator: PyTorch allocating per step makes page faults, which these sandboxed
machines make expensive, and glibc hands large freed blocks back to the kernel
each time. The script restarts itself with MALLOC_MMAP_THRESHOLD_ and
MALLOC_TRIM_THRESHOLD_ set high, without OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE, and on one thread (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS),
and prints what it set.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from typing import Callable, Dict, List

ALLOCATOR = {"MALLOC_MMAP_THRESHOLD_": str(1 << 30), "MALLOC_TRIM_THRESHOLD_": str(1 << 30)}
# One thread: the work measured as this process's CPU time is then the work itself (OpenBLAS's
# worker threads spin while they wait, which CPU time counts), and a shared machine's other
# load shows as waiting, which CPU time does not count.
THREADS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def restart_with_allocator_settings() -> None:
    """glibc reads these variables once, at start: set them and start again."""
    wanted = {**ALLOCATOR, **THREADS}
    if all(os.environ.get(k) == v for k, v in wanted.items()) and not any(k in os.environ for k in UNSET):
        return
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(wanted)
    os.execve(sys.executable, [sys.executable, *sys.argv], env)


restart_with_allocator_settings()

import torch  # noqa: E402  (after the restart: the settings must be there when the allocator starts)
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

import relu_lab  # noqa: E402


def mnist_cnn() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(9216, 128), nn.ReLU(), nn.Linear(128, 10),
    )


class Training:
    """A fresh CNN and its optimizer, optionally watched; `block(n)` trains n steps."""

    def __init__(self, batch: int, watched: bool, every: int, probe: int) -> None:
        torch.manual_seed(0)
        self.model = mnist_cnn()
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.01, momentum=0.9)
        g = torch.Generator().manual_seed(0)
        self.xs = torch.randn(8, batch, 1, 28, 28, generator=g)
        self.ys = torch.randint(0, 10, (8, batch), generator=g)
        probe_x = torch.randn(probe, 1, 28, 28, generator=g)
        self.watch = relu_lab.watch(self.model, probe=probe_x, logdir=tempfile.mkdtemp(prefix="relu-lab-bench-"), every=every) if watched else None
        self.step = 0

    def block(self, steps: int) -> None:
        for _ in range(steps):
            loss = F.cross_entropy(self.model(self.xs[self.step % 8]), self.ys[self.step % 8])
            self.optimizer.zero_grad()
            loss.backward()
            if self.watch:
                self.watch.step(loss=loss)
            self.optimizer.step()
            self.step += 1


def compare(batch: int, blocks: int, every: int, probe: int) -> Dict[str, List[float]]:
    """Blocks of `every` steps, plain and watched in turn (so drift in the machine's load falls on
    both alike); each watched block holds one record. Per block: CPU seconds of this process
    (what the work costs, whatever else runs on the cores) and wall seconds."""
    runs = {False: Training(batch, False, every, probe), True: Training(batch, True, every, probe)}
    for training in runs.values():
        training.block(2)  # warm-up: first-call costs out of the way
    times: Dict[str, List[float]] = {"plain cpu": [], "watched cpu": [], "plain wall": [], "watched wall": []}
    for b in range(blocks):
        for watched in ((False, True) if b % 2 == 0 else (True, False)):
            cpu, wall = time.process_time(), time.perf_counter()
            runs[watched].block(every)
            name = "watched" if watched else "plain"
            times[f"{name} cpu"].append(time.process_time() - cpu)
            times[f"{name} wall"].append(time.perf_counter() - wall)
    runs[True].watch.close()  # type: ignore[union-attr]
    return times


def time_record(batch_probe: int) -> Dict[str, float]:
    """One record's parts: the probe pass alone (no hooks) and the whole record."""
    torch.manual_seed(0)
    model = mnist_cnn()
    probe = torch.randn(batch_probe, 1, 28, 28)
    watch = relu_lab.watch(model, probe=probe, logdir=tempfile.mkdtemp(prefix="relu-lab-bench-"), every=1)

    def forward() -> None:
        model.eval()
        with torch.no_grad():
            model(probe)
        model.train()

    times = {"probe forward, no hooks": best(forward), "whole record (forward + statistics + write)": best(lambda: watch.step(loss=1.0))}
    watch.close()
    return times


def best(f: Callable[[], None], repeat: int = 5) -> float:
    """The least CPU time of a few calls."""
    f()
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        f()
        samples.append(time.process_time() - started)
    return min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--blocks", type=int, default=8, help="blocks of `every` steps, each plain and watched")
    parser.add_argument("--batch", type=int, nargs="+", default=[64, 128, 256])
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--probe", type=int, default=256)
    args = parser.parse_args()

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; "
          f"set {' '.join(f'{k}={v}' for k, v in {**ALLOCATOR, **THREADS}.items())}; unset {', '.join(UNSET)}")
    print(f"every={args.every}, probe={args.probe}, {args.blocks} blocks of {args.every} steps each way\n")
    parts = time_record(args.probe)
    for name, seconds in parts.items():
        print(f"  {name}: {1000 * seconds:.1f} ms CPU")
    record = parts["whole record (forward + statistics + write)"]
    print()
    for batch in args.batch:
        times = compare(batch, args.blocks, args.every, args.probe)
        step = statistics.median(times["plain cpu"]) / args.every
        # Steadier than the totals on a shared machine: one record's CPU time over a block's.
        print(f"batch {batch:4d}, from the parts: a record every {args.every} steps of {1000 * step:.1f} ms CPU "
              f"→ {100 * record / (args.every * step):+5.1f} %")
        for clock in ("cpu", "wall"):
            plain, watched = sum(times[f"plain {clock}"]), sum(times[f"watched {clock}"])
            per_block = sorted(100 * (w / p - 1) for p, w in zip(times[f"plain {clock}"], times[f"watched {clock}"]))
            print(f"batch {batch:4d}, {clock:4} time: {1000 * plain / (args.blocks * args.every):6.1f} ms/step plain, "
                  f"{1000 * watched / (args.blocks * args.every):6.1f} ms/step watched → overhead {100 * (watched / plain - 1):+5.1f} % "
                  f"(blocks: median {statistics.median(per_block):+.1f} %, range {per_block[0]:+.1f} … {per_block[-1]:+.1f} %)")

if __name__ == "__main__":
    main()
