// Finds a Python interpreter with PyTorch for the tests that run real torch
// (python/tests and the generated-code tests). The first `python3` on PATH may
// be one without torch (Debian's python3-torch is /usr/bin/python3's), so
// several are tried; RELU_LAB_PYTHON, where set, names the only one to use.
import { spawnSync } from 'node:child_process';

export const REQUIRE_TORCH_ENV = 'RELU_LAB_REQUIRE_TORCH';

export function candidates() {
  const chosen = process.env.RELU_LAB_PYTHON;
  return chosen ? [chosen] : ['python3', '/usr/bin/python3'];
}

let found;

/** {python, torch, pytest} for the first candidate that imports torch, or null; asked once per process. */
export function findTorchPython() {
  if (found === undefined) {
    found = null;
    for (const python of candidates()) {
      const r = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', timeout: 60_000 });
      if (r.status === 0) {
        const [torch, pytest] = r.stdout.trim().split(' ');
        found = { python, torch, pytest: pytest === 'none' ? null : pytest };
        break;
      }
    }
  }
  return found;
}

const PROBE = `
import torch
try:
    import pytest
    version = pytest.__version__
except ImportError:
    version = "none"
print(torch.__version__, version)
`;

/** Whether a missing torch is a failure (CI sets RELU_LAB_REQUIRE_TORCH=1) rather than a reason to skip. */
export function torchRequired() {
  return process.env[REQUIRE_TORCH_ENV] === '1';
}

export function missingTorchMessage() {
  return `no Python interpreter with torch found (tried ${candidates().join(', ')}); ` +
    'install Debian\'s python3-torch and python3-pytest, or set RELU_LAB_PYTHON to an interpreter that has them';
}
