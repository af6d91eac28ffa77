import type { Rule } from '../src/classify/types.js';
import { publicMaterial } from '../src/classify/public-material.js';
import { codeOrPlaceholder } from '../src/classify/code-expression.js';

/**
 * Public material recognised by what it is (a certificate, a public key, a fingerprint, a device id,
 * a publishable key, a documented example, ciphertext), and values that are code or placeholders:
 * a `config` verdict strong enough to outweigh a secret-sounding key name plus high entropy (a
 * base64-encoded private key is the opposite case: rules/encoded-private-key.ts).
 */
const publicMaterialRule: Rule = {
  id: 'public-material',
  judges: 'both',
  description: 'value is public material (certificate, public key, fingerprint, device id, publishable or documented example key, ciphertext) or code/placeholder',
  evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    const value = ctx.valueString;
    const pub = publicMaterial(value, ctx.name);
    if (pub) return { class: 'config', confidence: 1, reason: `public material: ${pub.label}` };
    const code = codeOrPlaceholder(value);
    if (code) return { class: 'config', confidence: 1, reason: `not a literal secret: ${code}` };
    return null;
  },
};

export default publicMaterialRule;
