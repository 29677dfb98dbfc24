"""What every Python peer of `npm run bench` shares: the request on stdin
({"cases": [...], "timing": {...}}, the case definitions of bench/cases.ts),
the timing loop (the same policy as bench/timing.ts), which BLAS library and
kernel the process really runs, and the JSON answer on stdout:
{"version", "blas", "results": [{"id", "medianMs"}]}.

bench/peers.ts starts each peer with its thread count and the allocator
settings in the environment; this module only reports what it finds."""
from __future__ import annotations

import ctypes
import json
import sys
import time
from typing import Any, Callable

Case = dict[str, Any]
Timing = dict[str, float]


def read_request() -> tuple[list[Case], Timing]:
    request = json.load(sys.stdin)
    return request["cases"], request["timing"]


def median_ms(run: Callable[[], object], timing: Timing) -> float:
    """Warm up, then time single iterations until both the iteration and the
    time minimums are met; the median, as bench/timing.ts takes it."""
    start = time.perf_counter()
    warm = 0
    while warm < timing["warmupIterations"] or time.perf_counter() - start < timing["warmupSeconds"]:
        run()
        warm += 1
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < timing["maxIterations"] and (
        len(times) < timing["minIterations"] or time.perf_counter() - start < timing["minSeconds"]
    ):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() - start > timing["maxSeconds"] and len(times) >= timing["minIterations"]:
            break
    times.sort()
    mid = len(times) // 2
    return times[mid] if len(times) % 2 else (times[mid - 1] + times[mid]) / 2


def _loaded_libraries() -> list[str]:
    with open("/proc/self/maps", encoding="utf-8") as maps:
        paths = {line.split()[-1] for line in maps if "/" in line}
    return sorted(p for p in paths if "blas" in p.lower())


def _symbol(lib: ctypes.CDLL, names: list[str], restype: Any) -> Any:
    for name in names:
        fn = getattr(lib, name, None)
        if fn is not None:
            fn.restype = restype
            return fn()
    return None


def blas_info() -> str:
    """The OpenBLAS this process loaded, by its own answers: its version,
    the kernel it picked for this CPU and its thread count (or the BLAS
    libraries' names where none is OpenBLAS). Call after importing the
    peer's library."""
    libraries = _loaded_libraries()
    # Debian's libblas.so.3 and liblapack.so.3 of openblas-pthread answer for the libopenblas they wrap: ask that one first.
    for path in sorted(libraries, key=lambda p: "openblas" not in p.rsplit("/", 1)[-1]):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        # numpy's own wheels bundle scipy-openblas, whose symbols carry a prefix and a suffix.
        variants = ["openblas_{}", "scipy_openblas_{}64_", "scipy_openblas_{}", "openblas_{}64_"]
        core = _symbol(lib, [v.format("get_corename") for v in variants], ctypes.c_char_p)
        if core is None:
            continue
        config = (_symbol(lib, [v.format("get_config") for v in variants], ctypes.c_char_p) or b"").decode()
        threads = _symbol(lib, [v.format("get_num_threads") for v in variants], ctypes.c_int)
        version = next((w for w in config.split() if w[:1].isdigit()), "?")
        return f"OpenBLAS {version}, kernel {core.decode()}, {threads} thread{'' if threads == 1 else 's'} ({path})"
    return "no OpenBLAS loaded" + (f" ({', '.join(libraries)})" if libraries else "")


def answer(version: str, results: list[dict[str, Any]]) -> None:
    json.dump({"version": version, "blas": blas_info(), "results": results}, sys.stdout)
