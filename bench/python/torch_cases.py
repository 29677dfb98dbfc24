"""The PyTorch (CPU) peer of `npm run bench`: the four cases as a
practitioner writes them — nn.Linear and nn.ReLU layers, nn.CrossEntropyLoss,
loss.backward(), torch.optim.SGD — on float32 tensors. Reads the request of
peer.py on stdin and answers on stdout. The thread count comes from the
environment (OMP_NUM_THREADS, set by bench/peers.ts) and is set again here,
since torch reads it only at start-up."""
from __future__ import annotations

import os
from typing import Callable

import torch
from torch import nn

from peer import Case, answer, median_ms, read_request

BINS = 40


def model(sizes: list[int]) -> nn.Sequential:
    layers: list[nn.Module] = []
    for l, (i, o) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(i, o))
        if l < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def make_case(c: Case) -> Callable[[], object]:
    torch.manual_seed(7)
    sizes = c["sizes"]
    net = model(sizes)
    x = torch.rand(c["batch"], sizes[0])
    labels = torch.randint(0, sizes[-1], (c["batch"],))
    if not c["train"]:
        def probe() -> torch.Tensor:
            with torch.no_grad():
                return net(x)

        return probe

    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    linears = [m for m in net if isinstance(m, nn.Linear)]
    hidden = linears[:-1]

    def step() -> float:
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    if not c["instruments"]:
        return step

    # The same instruments as our core's case (b), on the training batch's
    # own tensors, taken the way relu_lab.watch takes them: forward hooks on
    # the ReLUs (input = pre-activation, output = activation) and a tensor
    # hook for dLoss/dPre; torch.histc bins over [min, max] as ours do.
    def grad_pre_stats(grad: torch.Tensor) -> None:
        torch.histc(grad, bins=BINS)

    def after_relu(_module: nn.Module, inputs: tuple[torch.Tensor, ...], post: torch.Tensor) -> None:
        pre = inputs[0]
        if pre.requires_grad:
            pre.register_hook(grad_pre_stats)
        with torch.no_grad():
            (pre > 0).sum(dim=0)
            pre.amax(dim=0)
            (pre <= 0).float().mean()
            (post == 0).float().mean()
            torch.histc(pre, bins=BINS)
            torch.histc(post, bins=BINS)

    for m in net:
        if isinstance(m, nn.ReLU):
            m.register_forward_hook(after_relu)

    def instrumented_step() -> None:
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), labels)
        loss.backward()
        with torch.no_grad():
            for lin in hidden:
                torch.linalg.vector_norm(lin.weight.grad)
        optimizer.step()
        with torch.no_grad():
            for lin in hidden:
                torch.linalg.vector_norm(lin.weight)
        loss.item()

    return instrumented_step


def main() -> None:
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    cases, timing = read_request()
    results = [{"id": c["id"], "medianMs": median_ms(make_case(c), timing)} for c in cases]
    answer(f"{torch.__version__} ({torch.get_num_threads()} thread{'s' if torch.get_num_threads() != 1 else ''})", results)


if __name__ == "__main__":
    main()
