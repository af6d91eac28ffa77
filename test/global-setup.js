// Build dist/ once before the suites: CLI tests run the real bin/chezmoi-sops.
import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
