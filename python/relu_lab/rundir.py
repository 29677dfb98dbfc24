"""Writes a run folder `relu-lab/rundir@1` (DESIGN §4): run.json once, atomically;
then per record a units.jsonl line and a metrics.jsonl line, each appended whole and flushed."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import BinaryIO, Union

FORMAT = "relu-lab/rundir@1"
INFO = "run.json"
METRICS = "metrics.jsonl"
UNITS = "units.jsonl"


class RunFolderExists(FileExistsError):
    pass


def to_json(value: object) -> str:
    # allow_nan=False: NaN and Infinity are not JSON; callers turn them into null first, and a miss fails here, not in a reader.
    return json.dumps(value, allow_nan=False, separators=(",", ":"))


def refuse_existing_run(path: Path, overwrite: bool) -> None:
    """DESIGN §4: a writer never replaces a run it was not told to."""
    held = [f for f in (INFO, METRICS, UNITS) if (path / f).exists()]
    if held and not overwrite:
        raise RunFolderExists(
            f"relu_lab.watch: {path} already holds a run ({', '.join(held)}); "
            "choose another logdir, or pass overwrite=True to replace it")


class RunFolderWriter:
    """The only writer of one folder (DESIGN §4: one process writes a folder; DDP: rank 0)."""

    def __init__(self, path: Union[str, os.PathLike], overwrite: bool = False) -> None:
        self.path = Path(path)
        refuse_existing_run(self.path, overwrite)
        self.path.mkdir(parents=True, exist_ok=True)
        self._units: BinaryIO = open(self.path / UNITS, "wb", buffering=0)
        self._metrics: BinaryIO = open(self.path / METRICS, "wb", buffering=0)

    def write_info(self, info: dict) -> None:
        """run.json through a temporary file and a rename: a reader sees the old file or the whole new one."""
        target = self.path / INFO
        temporary = self.path / f".{INFO}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(json.dumps(info, allow_nan=False, indent=2) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, target)

    def append(self, units: dict, metrics: dict) -> None:
        """The units line first, then the metrics line, as DESIGN §4 orders them."""
        units_line, metrics_line = to_json(units), to_json(metrics)
        _write_whole(self._units, units_line)
        _write_whole(self._metrics, metrics_line)

    def close(self) -> None:
        for f in (self._units, self._metrics):
            if not f.closed:
                os.fsync(f.fileno())
                f.close()


def _write_whole(f: BinaryIO, line: str) -> None:
    """One line, newline included, in as few writes as the OS allows (unbuffered: nothing stays behind in Python)."""
    data = memoryview((line + "\n").encode("utf-8"))
    while data:
        written = f.write(data)
        data = data[written or 0:]
