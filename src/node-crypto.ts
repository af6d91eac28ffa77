// node:crypto, loaded on first use. Loading it costs a pre-commit run about 2 ms, and a clean
// staged set needs no hash (fingerprints are of findings) and no random name (--output only): the
// modules on the hook's path get it from here instead of importing it.
import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');
let loaded: NodeCrypto | undefined;

/** The node:crypto module, loaded on the first call. */
export function nodeCrypto(): NodeCrypto {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as NodeCrypto);
}
