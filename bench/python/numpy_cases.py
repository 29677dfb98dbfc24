"""The numpy peer of `npm run bench`: the four cases with `@` on float32
arrays (OpenBLAS), written the way a numpy user writes a training step.
Reads the request of peer.py on stdin and answers on stdout."""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np

from peer import Case, answer, median_ms, read_request

BINS = 40
Arrays = list[np.ndarray]


def network(sizes: list[int], rng: np.random.Generator) -> tuple[Arrays, Arrays]:
    weights = [rng.standard_normal((o, i), dtype=np.float32) * np.float32(np.sqrt(2 / i)) for i, o in zip(sizes, sizes[1:])]
    biases = [np.zeros(o, dtype=np.float32) for o in sizes[1:]]
    return weights, biases


LayerHook = Optional[Callable[[int, np.ndarray, np.ndarray], None]]


def forward(weights: Arrays, biases: Arrays, x: np.ndarray, after_layer: LayerHook = None) -> tuple[Arrays, Arrays]:
    pres: Arrays = []
    posts: Arrays = [x]
    for l, (w, b) in enumerate(zip(weights, biases)):
        z = posts[-1] @ w.T + b
        pres.append(z)
        posts.append(z if l == len(weights) - 1 else np.maximum(z, 0))
        if after_layer is not None and l < len(weights) - 1:
            after_layer(l, z, posts[-1])
    return pres, posts


def train_step(
    weights: Arrays,
    biases: Arrays,
    x: np.ndarray,
    labels: np.ndarray,
    lr: np.float32,
    after_forward: LayerHook = None,
    after_backward: LayerHook = None,
) -> float:
    """Forward, softmax cross-entropy, backward, SGD update. The hooks see
    each hidden layer's pre- and post-activations after the forward pass,
    and its dLoss/dPre and dLoss/dW in the backward pass."""
    pres, posts = forward(weights, biases, x, after_forward)
    logits = posts[-1]
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    s = e.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(s[:, 0]) - shifted[np.arange(n), labels]))
    d = e / s
    d[np.arange(n), labels] -= 1
    d /= n
    for l in range(len(weights) - 1, -1, -1):
        if l < len(weights) - 1:
            d = d * (pres[l] > 0)
        gw = d.T @ posts[l]
        gb = d.sum(axis=0)
        if after_backward is not None and l < len(weights) - 1:
            after_backward(l, d, gw)
        if l > 0:
            d = d @ weights[l]
        weights[l] -= lr * gw
        biases[l] -= lr * gb
    return loss


def make_case(c: Case) -> Callable[[], object]:
    rng = np.random.default_rng(7)
    sizes = c["sizes"]
    weights, biases = network(sizes, rng)
    x = rng.random((c["batch"], sizes[0]), dtype=np.float32)
    labels = rng.integers(0, sizes[-1], c["batch"])
    lr = np.float32(0.01)
    if not c["train"]:
        return lambda: forward(weights, biases, x)
    if not c["instruments"]:
        return lambda: train_step(weights, biases, x, labels, lr)

    # The same instruments as our core's case (b), on the training batch's
    # own arrays: per-unit counts and largest pre-activation, inactive and
    # zero fractions, histograms of pre- and post-activations and of
    # dLoss/dPre, gradient and weight norms of each hidden layer.
    def after_forward(l: int, pre: np.ndarray, post: np.ndarray) -> None:
        (pre > 0).sum(axis=0)
        pre.max(axis=0)
        (pre <= 0).mean()
        (post == 0).mean()
        np.histogram(pre, bins=BINS)
        np.histogram(post, bins=BINS)

    def after_backward(l: int, grad_pre: np.ndarray, grad_weight: np.ndarray) -> None:
        np.histogram(grad_pre, bins=BINS)
        np.linalg.norm(grad_weight)

    def run() -> None:
        train_step(weights, biases, x, labels, lr, after_forward, after_backward)
        for w in weights[:-1]:
            np.linalg.norm(w)

    return run


def main() -> None:
    cases, timing = read_request()
    results = [{"id": c["id"], "medianMs": median_ms(make_case(c), timing)} for c in cases]
    answer(np.__version__, results)


if __name__ == "__main__":
    main()
