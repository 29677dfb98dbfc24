"""A small reader of run folders (DESIGN §4), for the tests: what a viewer sees of a folder,
including one still being written (a partial last line is not an error: it is completed later)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple


@dataclass
class Lines:
    lines: List[dict]
    partial: Optional[bytes]
    """The bytes after the last newline, if any: a line being written."""


@dataclass
class Run:
    info: dict
    metrics: Lines
    units: Lines
    records: List[Tuple[dict, Optional[dict]]] = field(default_factory=list)
    """(metrics line, units line or None) joined by step."""


def read_lines(path: Path) -> Lines:
    data = path.read_bytes() if path.exists() else b""
    *whole, rest = data.split(b"\n")
    lines = []
    for number, raw in enumerate(whole, start=1):
        try:
            lines.append(json.loads(raw.decode("utf-8")))
        except ValueError as e:
            raise ValueError(f"{path.name} line {number}: not a JSON object ({e})") from None
    return Lines(lines, rest or None)


def read_run(folder: Path) -> Run:
    info = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert info["format"] == "relu-lab/rundir@1"
    metrics, units = read_lines(folder / "metrics.jsonl"), read_lines(folder / "units.jsonl")
    by_step: Dict[int, dict] = {}
    for number, line in enumerate(units.lines, start=1):
        check_layers(line, info, f"units.jsonl line {number}")
        by_step[line["step"]] = line
    run = Run(info, metrics, units)
    last = -1
    for number, line in enumerate(metrics.lines, start=1):
        where = f"metrics.jsonl line {number}"
        check_layers(line, info, where)
        if line["step"] <= last:
            raise ValueError(f"{where}: step {line['step']} after step {last}")
        last = line["step"]
        run.records.append((line, by_step.get(line["step"])))
    return run


def check_layers(line: dict, info: dict, where: str) -> None:
    if [l["index"] for l in line["layers"]] != [l["index"] for l in info["layers"]]:
        raise ValueError(f"{where}: {len(line['layers'])} layers, run.json has {len(info['layers'])}")
