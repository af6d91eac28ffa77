// Build dist/ (tsc, then the CLI bundle) once before the suites: CLI tests run the real bin/chezmoi-sops.
import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
