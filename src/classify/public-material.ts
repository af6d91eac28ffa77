// Public material recognised positively, by what it IS rather than by an entropy threshold:
// certificates and public keys (PEM, base64 of PEM as kubeconfig writes them, base64 DER), WireGuard
// public keys, GPG fingerprints and key ids, Syncthing device ids, age recipients, sops/age
// ciphertext, Stripe publishable keys, the AWS documentation's example keys, package-manager
// integrity hashes, 1Password object ids, and the `auth` that `az acr login` writes (the null GUID
// with no password). Also the opposite case that hides in the same shapes: a base64-encoded private
// key (kubeconfig `client-key-data`).
// One place for this knowledge: the public-material rule (variables and assignments) and the
// finding grader (provider-pattern hits) both ask here.

export interface PublicMaterial {
  kind: string;
  label: string;
}

/** Documented example credentials (AWS docs, used in countless READMEs and test files). */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
  // Documented defaults of self-hosted software, copied with its compose files (Wazuh's API password).
  'MyS3cr37P450r.*-',
  // The commented examples of the default config files that tools write and users commit with them:
  // Subversion's ~/.subversion/servers, Maven's settings.xml.
  'doubleblah',
  'proxypass',
]);

const PEM_PUBLIC = /^-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST|PGP PUBLIC KEY BLOCK|PGP SIGNATURE|SSH SIGNATURE|AGE ENCRYPTED FILE|PGP MESSAGE|ENCRYPTED MESSAGE)-----/;
const PEM_PRIVATE = /^-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
// base64 of "-----BEGIN " (the kubeconfig `*-data` fields, Helm values, k8s Secrets).
const B64_PEM = /^LS0tLS1CRUdJTi[A-Za-z0-9+/=]+$/;
const SYNCTHING_ID = /^[A-Z2-7]{7}(?:-[A-Z2-7]{7}){7}$/;
const STRIPE_PUBLISHABLE = /^pk_(?:live|test)_[0-9A-Za-z]{10,120}$/;
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
const AGE_CIPHERTEXT = /^-----BEGIN AGE ENCRYPTED FILE-----|^age-encryption\.org\/v1/;
const SOPS_VALUE = /^ENC\[(?:AES256_GCM|[A-Z0-9_]+),data:[^\]]*\]$/;
// npm/yarn/pnpm `integrity`, Subresource Integrity, Nix SRI hashes: algorithm-prefixed base64 digests.
const INTEGRITY = /^(?:sha1-[A-Za-z0-9+/]{27}=|sha256-[A-Za-z0-9+/]{43}=|sha384-[A-Za-z0-9+/]{64}|sha512-[A-Za-z0-9+/]{86}==)$/;
const HEX = /^[0-9A-Fa-f]+$/;
// Nix's base32 SHA-256 (`sha256 = "1a3g…"`, 52 characters of its own alphabet) under a hash-ish name.
const NIX_BASE32 = /^[0-9abcdfghijklmnpqrsvwxyz]{52}$/;
const GPG_KEYISH_NAME = /sign|gpg|pgp|fingerprint|fpr|keyid|key_id|default_key|encrypt_to|trusted_key|recipient/i;
const WIREGUARD_PUBLIC_NAME = /^(?:public_?key|publickey|peer_?public_?key|pub_?key)$/i;
const WIREGUARD_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const ONEPASSWORD_ID = /^[a-z0-9]{26}$/;
const ONEPASSWORD_NAME = /^(?:vault|item|account|uuid|vault_?id|item_?id|account_?id|op_?vault|op_?item|onepassword.*|1password.*)$/i;
// `az acr login` writes base64("00000000-0000-0000-0000-000000000000:"): no credential at all.
// Ids that AI assistants write into their chat logs for tool calls, messages and requests.
const AI_LOG_ID = /^(?:toolu|srvtoolu|call|msg|req|chatcmpl|resp|fc|run|thread|asst)_(?:01|vrtx_)?[A-Za-z0-9]{16,48}$/;
// base64 of a binary property list (`bplist00`): archived objects in plists, e.g. a macOS Terminal
// profile's colours and font (`<data>YnBsaXN0MDD…</data>`).
const BPLIST_B64 = /^YnBsaXN0MDD[A-Za-z0-9+/]+={0,2}$/;
const NULL_GUID_AUTH = new Set(['MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==', 'MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw']);

/** The public (or non-credential) thing `value` is, if it is one; `name` is its key, when known. */
export function publicMaterial(raw: string, name = ''): PublicMaterial | null {
  const value = raw.trim();
  if (value.length < 8 || value.length > 65536) return null;
  if (DOCUMENTED_EXAMPLES.has(value)) return { kind: 'documented-example', label: 'documented example or default credential' };
  if (PEM_PUBLIC.test(value)) return { kind: 'public-block', label: 'certificate, public key or encrypted block' };
  if (AGE_CIPHERTEXT.test(value) || SOPS_VALUE.test(value)) return { kind: 'ciphertext', label: 'age or sops ciphertext' };
  if (AGE_RECIPIENT.test(value)) return { kind: 'age-recipient', label: 'age public key (recipient)' };
  if (STRIPE_PUBLISHABLE.test(value)) return { kind: 'publishable-key', label: 'Stripe publishable key (public by design)' };
  if (SYNCTHING_ID.test(value)) return { kind: 'syncthing-device-id', label: 'Syncthing device id' };
  if (INTEGRITY.test(value)) return { kind: 'integrity-hash', label: 'package integrity hash' };
  if (AI_LOG_ID.test(value)) return { kind: 'ai-log-id', label: 'tool-call or message id of an AI assistant' };
  if (NULL_GUID_AUTH.has(value)) return { kind: 'null-guid-auth', label: "registry auth of 'az acr login' (null GUID, no password)" };
  if (BPLIST_B64.test(value)) return { kind: 'plist-data', label: 'archived binary plist data (colours, fonts)' };
  if (B64_PEM.test(value)) {
    const pem = decodeBase64(value);
    if (pem && PEM_PUBLIC.test(pem)) return { kind: 'public-block', label: 'base64-encoded certificate or public key' };
  }
  const der = derKind(value);
  if (der === 'public') return { kind: 'public-der', label: 'base64 DER certificate or public key' };
  if (name) {
    if (HEX.test(value) && (value.length === 8 || value.length === 16 || value.length === 40) && GPG_KEYISH_NAME.test(name)) {
      return { kind: 'gpg-key-id', label: 'GPG key id or fingerprint' };
    }
    if (NIX_BASE32.test(value) && /sha|hash|digest/i.test(name)) return { kind: 'nix-hash', label: 'Nix base32 hash' };
    if (WIREGUARD_KEY.test(value) && WIREGUARD_PUBLIC_NAME.test(name.replace(/[-\s]/g, '_'))) return { kind: 'wireguard-public-key', label: 'WireGuard public key' };
    if (ONEPASSWORD_ID.test(value) && /\d/.test(value) && ONEPASSWORD_NAME.test(name)) return { kind: 'password-manager-id', label: '1Password object id' };
  }
  return null;
}

/** A private key hidden in base64 (kubeconfig `client-key-data`, a k8s Secret): a key, whatever the entropy says. */
export function encodedPrivateKey(raw: string): boolean {
  const value = raw.trim();
  if (B64_PEM.test(value)) {
    const pem = decodeBase64(value);
    return pem !== null && PEM_PRIVATE.test(pem) && pem.length > 100;
  }
  return derKind(value) === 'private';
}

/** Password hashes in crypt(3) formats: not the password, but crackable, so shown as a warning. */
const CRYPT_HASH = /^\$(?:\$)?(?:1|2[abxy]?|5|6|y|gy|7|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?|sha1|md5)\$+[./A-Za-z0-9$=,+-]{8,}$/;
export function isPasswordHash(raw: string): boolean {
  return CRYPT_HASH.test(raw.trim());
}

function decodeBase64(value: string): string | null {
  try {
    const text = Buffer.from(value, 'base64').toString('latin1');
    return text.length > 0 ? text : null;
  } catch {
    return null;
  }
}

/**
 * A peek at base64 DER: an outer SEQUENCE whose first element is a SEQUENCE and last a BIT STRING is
 * a certificate, CSR or SubjectPublicKeyInfo (public); one whose first element is INTEGER 0 is a
 * PKCS#1/PKCS#8 private key.
 */
function derKind(value: string): 'public' | 'private' | null {
  if (value.length < 60 || !value.startsWith('MI') || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  const b = Buffer.from(value, 'base64');
  const outer = derHeader(b, 0);
  if (!outer || b[0] !== 0x30 || outer.end > b.length + 4) return null;
  const first = derHeader(b, outer.contentStart);
  if (!first) return null;
  if (b[outer.contentStart] === 0x02 && b[outer.contentStart + 1] === 0x01 && b[outer.contentStart + 2] === 0x00) return 'private';
  if (b[outer.contentStart] !== 0x30) return null;
  let at = first.end;
  let lastTag = -1;
  while (at < Math.min(outer.end, b.length)) {
    const h = derHeader(b, at);
    if (!h) return null;
    lastTag = b[at]!;
    at = h.end;
  }
  return lastTag === 0x03 ? 'public' : null;
}

function derHeader(b: Buffer, at: number): { contentStart: number; end: number } | null {
  if (at + 2 > b.length) return null;
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || start + n > b.length) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | b[start + i]!;
    start += n;
  }
  return { contentStart: start, end: start + len };
}
