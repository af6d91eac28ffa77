import { resolve } from 'node:path';

/** The team's shared folder (Go oracle, real corpus): ../shared beside the checkout, or $CHEZMOI_SOPS_SHARED. */
export const SHARED = process.env.CHEZMOI_SOPS_SHARED ?? resolve(process.cwd(), '../shared');
export const CORPUS = resolve(SHARED, 'corpus', 'real');
