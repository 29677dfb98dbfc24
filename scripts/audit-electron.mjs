// `npm run audit:electron`: Electronegativity over the desktop app's main
// process, preload and page, offline. The tool always exits 0, so this reads
// its SARIF report and fails on any finding the allow-list does not explain.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const ALLOW_LIST = join(root, 'electronegativity-allow.json');
const CLI = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
// The one check that goes online: it downloads Electron's release list to look for security fixes.
const ONLINE_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** What gets scanned, as paths inside the scan folder. */
const SOURCES = [
  ['src/main', 'main'],
  ['src/preload', 'preload'],
  ['src/renderer/index.html', 'renderer/index.html'],
];

function readAllowList() {
  const raw = JSON.parse(readFileSync(ALLOW_LIST, 'utf8'));
  if (!Array.isArray(raw.allow)) throw new Error(`${ALLOW_LIST}: allow: expected an array`);
  return raw.allow.map((entry, i) => {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') throw new Error(`${ALLOW_LIST}: allow[${i}].${key}: expected a non-empty string`);
    }
    return entry;
  });
}

/** A copy of just the desktop sources: the repository holds far more (core, renderer, tests) than this audit is about. */
function stageSources() {
  const dir = mkdtempSync(join(tmpdir(), 'relu-lab-audit-'));
  const scan = join(dir, 'app');
  mkdirSync(scan);
  for (const [from, to] of SOURCES) {
    const source = join(root, from);
    if (!existsSync(source)) throw new Error(`audit: ${from} is missing`);
    mkdirSync(dirname(join(scan, to)), { recursive: true });
    cpSync(source, join(scan, to), { recursive: true });
  }
  // Passed with --electron-version, so version-dependent defaults (sandbox, contextIsolation…) are judged for the Electron we ship.
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return { dir, scan, electronVersion: pkg.devDependencies.electron.replace(/^[^\d]*/, '') };
}

function runElectronegativity(scan, electronVersion, report) {
  const result = spawnSync(
    process.execPath,
    [CLI, '--input', scan, '--output', report, '--relative', '--verbose', 'false', '--electron-version', electronVersion, '--exclude-checks', ONLINE_CHECKS.join(',')],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'en-US' } },
  );
  if (result.error) throw result.error;
  if (!existsSync(report)) throw new Error(`electronegativity wrote no report (exit ${result.status}):\n${result.stderr || result.stdout}`);
}

function findingsOf(report) {
  const sarif = JSON.parse(readFileSync(report, 'utf8'));
  return sarif.runs.flatMap((run) =>
    run.results.map((r) => {
      const location = r.locations?.[0]?.physicalLocation;
      return {
        check: r.ruleId,
        file: (location?.artifactLocation?.uri ?? 'N/A').replace(/^file:\/\//, '').replace(/\\/g, '/'),
        line: location?.region?.startLine ?? 0,
        message: r.message?.text ?? '',
      };
    }),
  );
}

function main() {
  const allow = readAllowList();
  const { dir, scan, electronVersion } = stageSources();
  try {
    const report = join(dir, 'electronegativity.sarif');
    runElectronegativity(scan, electronVersion, report);
    const findings = findingsOf(report);
    const isAllowed = (f) => allow.some((a) => a.check === f.check && a.file === f.file);
    const unexplained = findings.filter((f) => !isAllowed(f));
    const unused = allow.filter((a) => !findings.some((f) => f.check === a.check && f.file === a.file));
    console.log(`electronegativity: ${findings.length} finding(s), ${findings.length - unexplained.length} explained in electronegativity-allow.json`);
    for (const a of unused) console.log(`  note: allow-list entry ${a.check} ${a.file} matched nothing (remove it?)`);
    if (unexplained.length > 0) {
      console.error('electronegativity: findings not in the allow-list (fix them, or add {check, file, reason} to electronegativity-allow.json):');
      for (const f of unexplained) console.error(`  ${f.check}  ${f.file}:${f.line}  ${f.message}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  console.error(`audit:electron failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
