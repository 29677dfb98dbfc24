"""Shared helpers of the relu_lab tests: real torch, small models, the reader."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parents[2]

# Two cores shared by everyone: torch's own threads would only contend.
torch.set_num_threads(1)


@pytest.fixture
def node() -> str:
    """The Node that runs the CLI bundle (test:python passes its own)."""
    found = os.environ.get("RELU_LAB_NODE") or shutil.which("node")
    if not found:
        pytest.fail("no Node to run relu-lab with: run these tests with `npm run test:python`, or put node on PATH")
    return found


@pytest.fixture
def cli(node: str) -> list:
    bundle = REPO / "dist" / "cli.mjs"
    if not bundle.exists():
        pytest.fail(f"{bundle} is missing: build it with `npm run build:cli` (npm run test:python does)")
    return [node, str(bundle)]
