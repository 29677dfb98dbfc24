/**
 * Real PyTorch for the tests that run the code ReLU Lab generates: the
 * interpreter scripts/torch-python.mjs finds. Without one these tests are
 * skipped, saying why, unless RELU_LAB_REQUIRE_TORCH=1 (CI), where that fails.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findTorchPython, missingTorchMessage, REQUIRE_TORCH_ENV, torchRequired } from '../scripts/torch-python.mjs';

const found = findTorchPython();
if (!found && torchRequired()) throw new Error(`${missingTorchMessage()} (${REQUIRE_TORCH_ENV}=1)`);
if (!found) console.warn(`Skipping the tests that run real PyTorch: ${missingTorchMessage()}.`);

/** The interpreter with torch, or null (then the caller skips). */
export const TORCH_PYTHON: string | null = found?.python ?? null;

/** The relu_lab package, importable without installing it. */
export const RELU_LAB_PACKAGE = fileURLToPath(new URL('../python', import.meta.url));

export interface PythonResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, PYTHONPATH: RELU_LAB_PACKAGE, PYTHONDONTWRITEBYTECODE: '1', OMP_NUM_THREADS: '1' };

function spawnTorch(args: string[], input: string, cwd: string): PythonResult {
  if (!TORCH_PYTHON) throw new Error(missingTorchMessage());
  const r = spawnSync(TORCH_PYTHON, args, { input, cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, env: ENV });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a Python script (given on stdin) with torch, in `cwd`, with relu_lab on the path. */
export function runTorch(script: string, cwd: string): PythonResult {
  return spawnTorch(['-'], script, cwd);
}

/**
 * Runs several scripts in one interpreter (importing torch takes a second or
 * two), each in a fresh namespace, and returns each one's error (null when it
 * ran to the end) and what it printed.
 */
export function runTorchScripts(scripts: string[], cwd: string): { error: string | null; stdout: string }[] {
  const r = spawnTorch(['-c', DRIVER], JSON.stringify(scripts), cwd);
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as { error: string | null; stdout: string }[];
}

const DRIVER = `
import contextlib, io, json, sys, traceback
results = []
for i, code in enumerate(json.load(sys.stdin)):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"script{i}.py", "exec"), {"__name__": "__main__"})
        results.append({"error": None, "stdout": out.getvalue()})
    except BaseException:
        results.append({"error": traceback.format_exc(), "stdout": out.getvalue()})
print(json.dumps(results))
`;
