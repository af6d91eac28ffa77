/**
 * Redact a secret for display: at most the first 4 characters, then `****`.
 * Short values show fewer characters so that little of them leaks (a 6-character password shows 1).
 */
export function redact(value: string, showSecrets = false): string {
  if (showSecrets) return value;
  const chars = Array.from(value);
  const keep = Math.min(4, Math.floor(chars.length / 4));
  return chars.slice(0, keep).join('') + '****';
}

/** Replace every occurrence of the given secret values in a message (for errors and logs). */
export function scrub(message: string, secrets: Iterable<string>): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(redact(s));
  return out;
}

/**
 * A commit identity (`Name <address>`) for display: the address redacted like a value, since a
 * personal address is itself something `scan` asks to review.
 */
export function redactIdentity(identity: string, showSecrets = false): string {
  if (showSecrets) return identity;
  return identity.replace(/<([^>]*)>/g, (_m, addr: string) => (addr ? `<${redact(addr)}>` : '<>'));
}
