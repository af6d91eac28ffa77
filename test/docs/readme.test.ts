// The README's promise (its first two commands, exactly; the demo they run) and the links between the
// documents (every relative link and #anchor resolves), so that neither drifts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CHECKOUT, DOCS } from './doc-runner.js';

// Values planted by fixtures/demo (inputs, not outputs): the demo may show them only redacted.
const PLANTED = [
  'Xt8kPq2mZr', 'ghp_R7mVq2LxT9bK4nWc8ZpYf3Hs6Jd1Ga0Eu5Qi', '8c1f2e9a7b3d4f6e0a5c9b2d7e1f4a3c', 'AKIAZ3MEXQ7V4PLR2J6N',
  'q8Vt3Lr0Zm5Nx7Kp2Wy9Bc4Hd6Jf1Gs8Ta3Ue0Rj', 'hunter2-Corr3ct-H0rse-Battery', 'xoxb-2048718293-5120384756-Qm3Rt8Vw2Yz5Bn7Kc4Xp1Lh9',
  'sk-proj-Hf8Kq2Vx7Lm3Np9Rt4Wz6Yb1Cd5Ge0Jk',
];

test('the README starts with its two commands, exactly', () => {
  const readme = readFileSync(join(CHECKOUT, 'README.md'), 'utf8');
  const first = /```sh\n([\s\S]*?)```/.exec(readme);
  expect(first?.[1]).toBe('npm ci && npm run demo\nnpm test\n');
  const pkg = JSON.parse(readFileSync(join(CHECKOUT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(pkg.scripts.demo).toBe('bash fixtures/demo/run-demo.sh');
  // CI runs the README's commands and nothing else: what a fresh machine needs is in `pretest`.
  const ci = readFileSync(join(CHECKOUT, '.ci/run'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  expect(ci.slice(-2)).toEqual(['npm ci && npm run demo', 'npm test']);
  expect(pkg.scripts.pretest).toBe('bash build/test-prereqs.sh');
});

test('the demo runs scan, history and the migrate dry run with the Nix stanzas, and shows no secret unredacted', () => {
  const r = spawnSync('bash', [join(CHECKOUT, 'fixtures/demo/run-demo.sh')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  for (const step of ['$ chezmoi-sops scan ', '$ chezmoi-sops history ', '$ chezmoi-sops migrate ', 'Dry run: nothing was changed.']) {
    expect(r.stdout).toContain(step);
  }
  expect(r.stdout).toContain('+    sops.secrets.acoustid_api = {\n+      sopsFile = lib.custom.relativeToRoot "secrets/dotfiles.yaml";\n+      path = "/run/secrets/acoustid_api";\n+      owner = config.users.users.rain.name;\n+      mode = "0400";\n+    };');
  expect(r.stdout).toContain('api_key = "{{ include "/run/secrets/acoustid_api" | trim }}"');
  expect(PLANTED.filter((v) => r.stdout.includes(v))).toEqual([]);
  expect(r.stdout).not.toContain('\u001b['); // no colour codes without a terminal
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!)));
}

test('every relative link and anchor in the README and docs/ resolves', () => {
  const files = [join(CHECKOUT, 'README.md'), ...readdirSync(DOCS).filter((n) => n.endsWith('.md')).map((n) => join(DOCS, n))];
  const broken: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1]!;
      if (/^[a-z]+:/.test(link)) continue;
      const [path, hash] = link.split('#') as [string, string | undefined];
      const target = path === '' ? file : resolve(dirname(file), path);
      if (!existsSync(target)) broken.push(`${file}: ${link} (no such file)`);
      else if (hash && target.endsWith('.md') && !anchorsOf(target).has(hash)) broken.push(`${file}: ${link} (no such heading)`);
    }
  }
  expect(broken).toEqual([]);
});
