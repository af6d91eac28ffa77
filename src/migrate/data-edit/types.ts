import type { Edit } from './text.js';

export interface Unsupported {
  path: string[];
  reason: string;
}

/** What a format editor works out: edits on the (BOM-less) text, and the fate of each path. */
export interface EditPlan {
  edits: Edit[];
  removed: string[][];
  notFound: string[][];
  unsupported: Unsupported[];
}
