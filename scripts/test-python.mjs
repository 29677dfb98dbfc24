// `npm run test:python`: the relu_lab package's tests (python/tests) in real
// PyTorch. Without an interpreter that has torch and pytest they are skipped
// with a message saying so, unless RELU_LAB_REQUIRE_TORCH=1 (CI), where that fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findTorchPython, missingTorchMessage, REQUIRE_TORCH_ENV, torchRequired } from './torch-python.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const found = findTorchPython();
const problem = !found ? missingTorchMessage()
  : !found.pytest ? `${found.python} has torch ${found.torch} but no pytest; install Debian's python3-pytest`
  : null;
if (problem) {
  if (torchRequired()) {
    console.error(`test:python: FAILED: ${problem} (${REQUIRE_TORCH_ENV}=1).`);
    process.exit(1);
  }
  console.warn(`test:python: SKIPPED: ${problem}.`);
  process.exit(0);
}

console.log(`test:python: ${found.python}, torch ${found.torch}, pytest ${found.pytest}`);
const r = spawnSync(found.python, ['-m', 'pytest', 'python/tests', '-q', '-p', 'no:cacheprovider', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PYTHONPATH: [`${root}python`, process.env.PYTHONPATH].filter(Boolean).join(':'),
    // The cross-check runs the CLI bundle (dist/cli.mjs) with this same Node.
    RELU_LAB_NODE: process.execPath,
    PYTHONDONTWRITEBYTECODE: '1',
  },
});
process.exit(r.status ?? 1);
