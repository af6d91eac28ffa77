#!/usr/bin/env node
// Precision/recall of `scan` and `history` (and optionally gitleaks) on the real-world corpus of
// bench/real/repos.json, judged against bench/real/labels.json.
//
//   node bench/real/measure.mjs [--bin PATH] [--gitleaks] [--tag NAME] [--only REPO,...] [--offline]
//
// Each repository is a bare snapshot under /work/.mirror (the `fetch` tool). For each one, one
// after another and `nice`d (the corpus is heavy): a shared clone in a temp dir, HEAD's tree
// written out blob by blob (snapshots lack blobs of 4 MiB and more: those files are left out and
// counted, where `git checkout` would abort), then `scan --format json --show-secrets` and
// `history --format json --show-secrets`. Values never leave this process: each finding is keyed
// by sha256 of its value and printed (and written to bench/out/real-<tag>/) with its first 4
// characters only. --offline re-prints the table from the saved results (after a labels edit).
//
// Per repo and tool: findings, real (labelled real), false (labelled false), unjudged, missed
// (real labels of the repo that this tool does not report) — for all findings and for those that
// fail the gate (severity error; every gitleaks finding fails its gate).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const bin = resolve(opt('--bin', join(root, 'bin/chezmoi-sops')));
const tag = opt('--tag', 'current');
const only = opt('--only', '')?.split(',').filter(Boolean) ?? [];
const withGitleaks = args.includes('--gitleaks');
const offline = args.includes('--offline');
const outDir = join(root, 'bench/out', `real-${tag}`);

const repos = JSON.parse(readFileSync(join(here, 'repos.json'), 'utf8')).repos
  .filter((r) => only.length === 0 || only.includes(r.repo));
const labels = existsSync(join(here, 'labels.json'))
  ? JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8')) : { real: [], false: [] };

const sha = (v) => createHash('sha256').update(v, 'utf8').digest('hex');
const run = (cmd, argv, o = {}) => spawnSync('nice', ['-n', '10', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...o });
const git = (gitDir, argv, o = {}) => run('git', ['--git-dir', gitDir, ...argv], o);

/** Label lookup: a real credential is known by its value's hash and any alias hashes (the same
 * credential as another tool cuts it); a false positive by its hash (per repo or global). */
function judge(repo, hash) {
  const real = labels.real.find((l) => l.repo === repo && (l.sha256 === hash || (l.aliases ?? []).includes(hash)));
  if (real) return { verdict: 'real', id: real.sha256 };
  const f = labels.false.find((l) => (l.repo === repo || l.repo === '*') && l.sha256 === hash);
  if (f) return { verdict: 'false', category: f.category };
  return { verdict: 'unjudged' };
}

/** HEAD's tree into `dir`, one blob at a time; missing blobs are counted, not fatal. */
function materialise(gitDir, commit, dir) {
  const ls = git(gitDir, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  if (ls.status !== 0) throw new Error(`ls-tree failed: ${ls.stderr}`);
  const entries = ls.stdout.split('\0').filter(Boolean).map((e) => {
    const [meta, path] = [e.slice(0, e.indexOf('\t')), e.slice(e.indexOf('\t') + 1)];
    const [mode, type, oid] = meta.split(' ');
    return { mode, type, oid, path };
  });
  const blobs = entries.filter((e) => e.type === 'blob');
  const batch = git(gitDir, ['cat-file', '--batch'], { input: Buffer.from(blobs.map((b) => b.oid).join('\n') + '\n'), encoding: 'buffer' });
  const buf = batch.stdout;
  let pos = 0; const missing = [];
  for (const b of blobs) {
    const nl = buf.indexOf(10, pos);
    const header = buf.subarray(pos, nl).toString('latin1');
    pos = nl + 1;
    if (header.endsWith(' missing')) { missing.push(b.path); continue; }
    const size = Number(header.split(' ')[2]);
    const content = buf.subarray(pos, pos + size);
    pos += size + 1;
    const target = join(dir, b.path);
    mkdirSync(dirname(target), { recursive: true });
    if (b.mode === '120000') symlinkSync(content.toString('utf8'), target);
    else writeFileSync(target, content, { mode: b.mode === '100755' ? 0o755 : 0o644 });
  }
  return { files: blobs.length, missing };
}

function chezmoiSops(command, dir) {
  const t0 = Date.now();
  const r = run(process.execPath, [bin, command, dir, '--format', 'json', '--show-secrets', '--no-color']);
  const ms = Date.now() - t0;
  if (r.status !== 0 && r.status !== 1 && !r.stdout.startsWith('{')) return { error: `exit ${r.status}: ${r.stderr.slice(0, 300)}`, ms };
  const report = JSON.parse(r.stdout);
  return {
    ms, exit: r.status, errors: report.errors.length,
    findings: report.findings.map((f) => ({
      sha256: sha(f.secret), length: [...f.secret].length, prefix: [...f.secret].slice(0, 4).join(''),
      rule: f.rule, severity: f.severity, file: f.file, line: f.line,
      commit: f.history?.introduced?.sha ?? null, paths: f.history?.paths ?? null, atHead: f.history?.atHead ?? null,
    })),
  };
}

function gitleaks(dir, noGit) {
  const gl = spawnSync('bash', [join(root, 'bench/get-gitleaks.sh')], { encoding: 'utf8' }).stdout.trim();
  const report = join(dir, '..', `gitleaks-${noGit ? 'dir' : 'git'}.json`);
  const t0 = Date.now();
  const r = run(gl, ['detect', '--source', dir, '--report-format', 'json', '--report-path', report, '--exit-code', '0', '--no-banner', ...(noGit ? ['--no-git'] : [])]);
  const ms = Date.now() - t0;
  if (r.status !== 0 || !existsSync(report)) return { error: `gitleaks exit ${r.status}: ${(r.stderr.match(/(fatal|error|ERR)[^\n]*/i) ?? [''])[0].slice(0, 200)}`, ms };
  const found = JSON.parse(readFileSync(report, 'utf8'));
  const seen = new Map();
  for (const f of found) {
    const h = sha(f.Secret);
    if (!seen.has(h)) seen.set(h, { sha256: h, length: [...f.Secret].length, prefix: [...f.Secret].slice(0, 4).join(''), rule: `gitleaks/${f.RuleID}`, severity: 'error', file: f.File.startsWith(dir) ? f.File.slice(dir.length + 1) : f.File, line: f.StartLine, commit: f.Commit || null });
  }
  return { ms, findings: [...seen.values()] };
}

function measureRepo(r) {
  const tmp = mkdtempSync(join(tmpdir(), 'cs-real-'));
  try {
    const clone = join(tmp, 'r');
    const c = run('git', ['clone', '-q', '--shared', '--no-checkout', r.mirror, clone]);
    if (c.status !== 0) return { error: `clone: ${c.stderr}` };
    run('git', ['-C', clone, 'read-tree', r.commit]);
    const m = materialise(join(clone, '.git'), r.commit, clone);
    const res = { repo: r.repo, files: m.files, missingAtHead: m.missing.length };
    res.scan = chezmoiSops('scan', clone);
    res.history = chezmoiSops('history', clone);
    if (withGitleaks) { res.gitleaksDir = gitleaks(clone, true); res.gitleaksGit = gitleaks(clone, false); }
    return res;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function tally(repo, tool, headOnly) {
  if (!tool || tool.error) return null;
  // A tree scan can only miss what HEAD holds; history can miss anything.
  const realIds = new Set(labels.real.filter((l) => l.repo === repo && (!headOnly || l.atHead)).map((l) => l.sha256));
  const count = (fs) => {
    const js = fs.map((f) => ({ ...f, ...judge(repo, f.sha256) }));
    const found = new Set(js.filter((j) => j.verdict === 'real').map((j) => j.id));
    return {
      n: js.length, real: js.filter((j) => j.verdict === 'real').length,
      false: js.filter((j) => j.verdict === 'false').length, unjudged: js.filter((j) => j.verdict === 'unjudged').length,
      missed: [...realIds].filter((id) => !found.has(id)).length, found,
    };
  };
  return { all: count(tool.findings), gate: count(tool.findings.filter((f) => f.severity === 'error')) };
}

mkdirSync(outDir, { recursive: true });
const results = [];
for (const r of repos) {
  const file = join(outDir, `${r.repo.replace('/', '+')}.json`);
  let res;
  if (offline) {
    if (!existsSync(file)) continue;
    res = JSON.parse(readFileSync(file, 'utf8'));
  } else {
    process.stderr.write(`${r.repo} ...`);
    res = measureRepo(r);
    writeFileSync(file, JSON.stringify(res, null, 1));
    process.stderr.write(` scan ${res.scan?.ms ?? '-'} ms, history ${res.history?.ms ?? '-'} ms${res.gitleaksGit?.error ? `, ${res.gitleaksGit.error}` : ''}\n`);
  }
  results.push(res);
}

const tools = ['scan', 'history', ...(withGitleaks || results.some((r) => r.gitleaksGit) ? ['gitleaksDir', 'gitleaksGit'] : [])];
const cell = (t) => t ? `${t.n}/${t.real}/${t.false}/${t.unjudged}/${t.missed}` : 'n/a';
const totals = Object.fromEntries(tools.map((t) => [t, { all: { n: 0, real: 0, false: 0, unjudged: 0, missed: 0 }, gate: { n: 0, real: 0, false: 0, unjudged: 0, missed: 0 } }]));
console.log(`tool: ${bin}  (cells: findings/real/false/unjudged/missed)`);
console.log(['repo', ...tools.flatMap((t) => [`${t} all`, `${t} gate`])].join(' | '));
for (const res of results) {
  const row = [res.repo];
  for (const t of tools) {
    const y = tally(res.repo, res[t], t === 'scan' || t === 'gitleaksDir');
    if (!y) { row.push(res[t]?.error ? 'error' : 'n/a', ''); continue; }
    for (const k of ['all', 'gate']) for (const f of ['n', 'real', 'false', 'unjudged', 'missed']) totals[t][k][f] += y[k][f];
    row.push(cell(y.all), cell(y.gate));
  }
  console.log(row.join(' | '));
}
console.log(['TOTAL', ...tools.flatMap((t) => [cell(totals[t].all), cell(totals[t].gate)])].join(' | '));
for (const t of tools) {
  const g = totals[t].gate;
  const p = g.real + g.false ? (100 * g.real / (g.real + g.false)).toFixed(1) : '-';
  console.log(`${t}: gate precision ${p}% (${g.real} real of ${g.real + g.false} judged, ${g.unjudged} unjudged), real missed by the gate ${g.missed}`);
}
const errs = results.flatMap((r) => tools.filter((t) => r[t]?.error).map((t) => `${r.repo} ${t}: ${r[t].error}`));
if (errs.length) console.log(`not measured:\n  ${errs.join('\n  ')}`);
