import type { Rule } from '../src/classify/types.js';
import { encodedPrivateKey } from '../src/classify/public-material.js';

/**
 * A private key hidden in base64 (kubeconfig `client-key-data`, a Kubernetes Secret, base64 DER):
 * a key whatever the entropy rule and the key name say; its certificate next to it is public.
 */
const encodedPrivateKeyRule: Rule = {
  id: 'encoded-private-key',
  judges: 'both',
  description: 'value is a base64-encoded private key (PEM or DER)',
  evaluate(ctx) {
    if (typeof ctx.value !== 'string' && ctx.origin !== 'file') return null;
    return encodedPrivateKey(ctx.valueString) ? { class: 'secret', confidence: 0.97, reason: 'base64-encoded private key' } : null;
  },
};

export default encodedPrivateKeyRule;
