// Provider token shapes that secretlint's recommended preset does not cover, plus private key
// blocks of any length (secretlint wants 100+ characters of body). Tight, anchored patterns only:
// a false positive here cannot be argued down by other rules.

import { looksLikeCredential, safeShape } from './shapes.js';

export interface PatternHit {
  id: string;
  label: string;
  start: number;
  end: number;
}

interface KnownPattern {
  id: string;
  label: string;
  re: RegExp;
  /** Cheap substring that must occur before the regex is tried. */
  hint: string;
  /** Extra test of the matched text, for patterns that need it. */
  accept?: (match: string) => boolean;
  /** The match is a block of lines (a key file): the grader must not cut it at the first line end. */
  multiline?: true;
}

const PATTERNS: KnownPattern[] = [
  { id: 'private-key', label: 'private key block', hint: 'PRIVATE KEY', multiline: true, re: /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,20000}?(?:-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g },
  // secretlint's aws rule scans access key ids only when enableIDScanRule is set; an id next to its
  // secret is the pair an attacker needs, and gitleaks flags it too.
  { id: 'aws-access-key-id', label: 'AWS access key id', hint: 'A', re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)(?!IOSFODNN7EXAMPLE)[A-Z0-9]{16}\b/g },
  { id: 'age-secret-key', label: 'age secret key', hint: 'AGE-SECRET-KEY-', re: /AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}/g },
  { id: 'gitlab-token', label: 'GitLab token', hint: 'gl', re: /\bgl(?:pat|dt|ptt|rt|cbt|oas|ft|imt|agent|soat)-[0-9A-Za-z_-]{20,64}\b/g },
  { id: 'stripe-key', label: 'Stripe secret key', hint: '_live_', re: /\b[sr]k_live_[0-9A-Za-z]{20,99}\b/g },
  { id: 'google-api-key', label: 'Google API key', hint: 'AIza', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { id: 'vault-token', label: 'HashiCorp Vault token', hint: 'hv', re: /\bhv[sbr]\.[0-9A-Za-z_-]{24,255}\b/g },
  { id: 'dockerhub-token', label: 'Docker Hub token', hint: 'dckr_', re: /\bdckr_pat_[0-9A-Za-z_-]{27}\b/g },
  { id: 'huggingface-token', label: 'Hugging Face token', hint: 'hf_', re: /\bhf_[A-Za-z]{34}\b/g },
  { id: 'pypi-token', label: 'PyPI token', hint: 'pypi-', re: /\bpypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,}/g },
  { id: 'tailscale-key', label: 'Tailscale key', hint: 'tskey-', re: /\btskey-(?:auth|api|client)?-?[0-9A-Za-z]{8,}-[0-9A-Za-z]{16,}\b/g },
  { id: 'telegram-bot-token', label: 'Telegram bot token', hint: ':AA', re: /\b\d{8,10}:AA[0-9A-Za-z_-]{33}\b/g },
  { id: 'discord-webhook', label: 'Discord webhook', hint: 'discord', re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[0-9A-Za-z_-]{60,}/g },
  { id: 'twilio-key', label: 'Twilio API key', hint: 'SK', re: /\bSK[0-9a-f]{32}\b/g },
  { id: 'digitalocean-token', label: 'DigitalOcean token', hint: 'do', re: /\bdo[opr]_v1_[0-9a-f]{64}\b/g },
  { id: 'jwt', label: 'JSON Web Token', hint: 'eyJ', re: /\beyJ[A-Za-z0-9_-]{10,4096}\.eyJ[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{10,4096}/g },
  {
    id: 'bearer-token', label: 'bearer token in an Authorization header', hint: 'earer',
    re: /(?<=\b[Bb]earer[ \t]{1,16})[A-Za-z0-9._~+/-]{20,4096}=*/g,
    // A bearer slot holds a token: only a strong harmless shape (placeholder, template) argues, not a bare hex run.
    accept: (m) => looksLikeCredential(m) && (safeShape(m, 'bearer')?.confidence ?? 0) < 0.9,
  },
  { id: 'mailgun-key', label: 'Mailgun key', hint: 'key-', re: /\bkey-[0-9a-f]{32}\b/g },
  // secretlint's openai rule knows only the older keys with the `T3BlbkFJ` marker.
  { id: 'openai-key', label: 'key for the OpenAI API', hint: 'sk-', re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,256}/g },
  { id: 'anthropic-key', label: 'key for the Anthropic API', hint: 'sk-ant-', re: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{32,256}/g },
];

export function knownPatternScan(text: string): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const p of PATTERNS) {
    if (!text.includes(p.hint)) continue;
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) {
      if (p.accept && !p.accept(m[0])) continue;
      const start = m.index ?? 0;
      hits.push({ id: p.id, label: p.label, start, end: start + m[0].length });
    }
  }
  return hits;
}

/** The finding rules (`known-pattern/<id>`) of the patterns whose match is a block of lines. */
export const MULTILINE_PATTERN_RULES: readonly string[] = PATTERNS.filter((p) => p.multiline).map((p) => `known-pattern/${p.id}`);
