"""`pip install ./python` works offline and installs the package the tests use."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_pip_installs_the_package_offline(tmp_path: Path) -> None:
    source = tmp_path / "python"
    # A copy: building writes build/ and *.egg-info next to pyproject.toml.
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("tests", "examples", "bench", "__pycache__", "build", "*.egg-info"))
    target = tmp_path / "site"
    # --no-build-isolation: setuptools from this Python, nothing fetched; --no-deps: torch is already here.
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps", "--no-index", "--target", str(target), str(source)],
        capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    used = subprocess.run(
        [sys.executable, "-c", "import relu_lab; print(relu_lab.__file__, relu_lab.__version__, callable(relu_lab.watch))"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": ""})
    assert used.returncode == 0, used.stderr
    path, version, callable_watch = used.stdout.split()
    assert Path(path).is_relative_to(target)
    assert version == "0.1.0" and callable_watch == "True"
    # Debian's torch calls itself 1.13.0a0+gitunknown: the requirement must admit it (setuptools may write it in parentheses).
    requires = [l for l in (target / f"relu_lab-{version}.dist-info" / "METADATA").read_text().splitlines() if l.startswith("Requires-Dist:")]
    assert len(requires) == 1 and re.fullmatch(r"Requires-Dist: torch ?\(?>=1\.13\.0a0\)?", requires[0]), requires
