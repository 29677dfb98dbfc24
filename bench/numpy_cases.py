"""The numpy side of the benchmark, the native reference (OpenBLAS, run with
one thread by bench/numpy.ts). Reads {"cases": [...], "timing": {...}} as
JSON on stdin, the same case definitions as bench/cases.ts, and prints
{"version": ..., "results": [{"id", "medianMs"}]} as JSON on stdout."""
import json
import sys
import time

import numpy as np

BINS = 40


def network(sizes, rng):
    weights = [rng.standard_normal((o, i), dtype=np.float32) * np.float32(np.sqrt(2 / i)) for i, o in zip(sizes, sizes[1:])]
    biases = [np.zeros(o, dtype=np.float32) for o in sizes[1:]]
    return weights, biases


def forward(weights, biases, x):
    pres, posts = [], [x]
    for l, (w, b) in enumerate(zip(weights, biases)):
        z = posts[-1] @ w.T + b
        pres.append(z)
        posts.append(z if l == len(weights) - 1 else np.maximum(z, 0))
    return pres, posts


def train_step(weights, biases, x, labels, lr, grad_hook=None):
    pres, posts = forward(weights, biases, x)
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
        if l > 0:
            d = d @ weights[l]
        if grad_hook is not None and l < len(weights) - 1:
            grad_hook(gw, weights[l])
        weights[l] -= lr * gw
        biases[l] -= lr * gb
    return loss


def make_case(c):
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
    probe = rng.random((c["probe"], sizes[0]), dtype=np.float32)

    def grad_instruments(gw, w):
        np.histogram(gw, bins=BINS)
        np.linalg.norm(gw)
        np.linalg.norm(w)

    def run():
        pres, posts = forward(weights, biases, probe)
        for l in range(len(weights) - 1):
            (pres[l] > 0).sum(axis=0)
            (posts[l + 1] == 0).mean()
            np.histogram(pres[l], bins=BINS)
            np.histogram(posts[l + 1], bins=BINS)
        train_step(weights, biases, x, labels, lr, grad_instruments)

    return run


def median_ms(run, timing):
    start = time.perf_counter()
    warm = 0
    while warm < timing["warmupIterations"] or time.perf_counter() - start < timing["warmupSeconds"]:
        run()
        warm += 1
    times = []
    start = time.perf_counter()
    while len(times) < timing["maxIterations"] and (
        len(times) < timing["minIterations"] or time.perf_counter() - start < timing["minSeconds"]
    ):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() - start > timing["maxSeconds"] and len(times) >= timing["minIterations"]:
            break
    return float(np.median(times))


def main():
    request = json.load(sys.stdin)
    results = [{"id": c["id"], "medianMs": median_ms(make_case(c), request["timing"])} for c in request["cases"]]
    json.dump({"version": np.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
