// What a repository holds, as far as a purge is concerned: refs, stash entries, every reachable
// commit and tree, and which blobs, messages, file names and ref names contain a secret value.
import { catFileBatch, isGitlinkMode, isTreeMode, parseCommitHeader, parseTree, type TreeEntry } from '../git/objects.js';
import { git, gitRaw, lines } from '../git/run.js';
import { byteForms, isBinaryForFilterRepo } from './expressions.js';
import { purgePatterns } from '../text/value-forms.js';

export interface RefInfo {
  name: string;
  id: string;
  type: string;
  /** The commit a ref (or an annotated tag) finally points at, if it does. */
  commit: string | null;
}

export interface BlobHit {
  secrets: number[];
  /** filter-repo will not rewrite it (NUL in the first 8 KiB). */
  binary: boolean;
}

export interface Inventory {
  refs: RefInfo[];
  /** The commit HEAD points at (null in an empty repository). */
  head: string | null;
  /** refs/stash reflog, newest first (stash@{0} is refs/stash itself). */
  stash: string[];
  commits: Map<string, { tree: string; parents: string[] }>;
  trees: Map<string, TreeEntry[]>;
  blobHits: Map<string, BlobHit>;
  /** commit or tag id -> secrets in its message (or in its header outside the identities' e-mail addresses). */
  messageHits: Map<string, number[]>;
  /** An author, committer or tagger e-mail address that holds a secret -> the secrets (rewritten through a mailmap). */
  identityHits: Map<string, number[]>;
  /** Commits and tags whose identity holds a secret (counted apart from the messages). */
  identityObjects: Set<string>;
  /** tree id -> secrets in the name of one of its entries. */
  nameHits: Map<string, number[]>;
  refNameHits: Map<string, number[]>;
}

/** Finds which of a fixed set of secret values occur in a buffer. */
export class SecretMatcher {
  /** Per value, every byte form it can have in the repository (UTF-8, ISO-8859-1). */
  readonly needles: Buffer[][];
  /** `pieces` gives the texts to look for per value (default: what the rewrite replaces, forms.ts). */
  constructor(values: string[], pieces: (value: string) => string[] = purgePatterns) {
    this.needles = values.map((v) => pieces(v).flatMap(byteForms));
  }
  find(data: Buffer): number[] {
    const hits: number[] = [];
    this.needles.forEach((forms, i) => {
      if (forms.some((n) => n.length > 0 && data.includes(n))) hits.push(i);
    });
    return hits;
  }
}

export async function listRefs(repoDir: string): Promise<RefInfo[]> {
  const out = await git(repoDir, ['for-each-ref', '--format=%(objectname) %(objecttype) %(*objectname) %(*objecttype) %(refname)']);
  return lines(out).map((l) => {
    const [id, type, peeled, peeledType, ...rest] = l.split(' ');
    const name = rest.join(' ');
    const commit = type === 'commit' ? id! : peeledType === 'commit' ? peeled! : null;
    return { name, id: id!, type: type!, commit };
  });
}

export async function listStash(repoDir: string, refs: RefInfo[]): Promise<string[]> {
  if (!refs.some((r) => r.name === 'refs/stash')) return [];
  return lines(await git(repoDir, ['reflog', 'show', '--format=%H', 'refs/stash', '--']));
}

export async function isShallow(repoDir: string): Promise<boolean> {
  return (await git(repoDir, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

/** Every object reachable from any ref, HEAD, and the extra starting points (older stash entries). */
async function reachableObjects(repoDir: string, extra: string[]): Promise<string[]> {
  const out = await gitRaw(repoDir, ['rev-list', '--objects', '--all', '--stdin'], { input: extra.map((s) => `${s}\n`).join('') });
  return lines(out.stdout.toString('utf8')).map((l) => l.slice(0, l.indexOf(' ') < 0 ? l.length : l.indexOf(' ')));
}

export async function takeInventory(repoDir: string, values: string[]): Promise<Inventory> {
  const matcher = new SecretMatcher(values);
  const refs = await listRefs(repoDir);
  const stash = await listStash(repoDir, refs);
  const headOut = await gitRaw(repoDir, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { okCodes: [1] });
  const head = headOut.code === 0 ? headOut.stdout.toString('utf8').trim() : null;
  const inv: Inventory = {
    refs, stash, head,
    commits: new Map(), trees: new Map(), blobHits: new Map(),
    messageHits: new Map(), nameHits: new Map(), refNameHits: new Map(),
    identityHits: new Map(), identityObjects: new Set(),
  };
  // An identity's address is rewritten by filter-repo's --mailmap, not by --replace-message: look for
  // values in the addresses and in the rest of the object (message, names) apart.
  const headerHits = (id: string, data: Buffer): void => {
    const { rest, emails } = splitIdentities(data);
    for (const email of emails) {
      const hits = matcher.find(Buffer.from(email, 'utf8'));
      if (!hits.length) continue;
      inv.identityHits.set(email, [...new Set([...(inv.identityHits.get(email) ?? []), ...hits])]);
      inv.identityObjects.add(id);
    }
    const hits = matcher.find(rest);
    if (hits.length) inv.messageHits.set(id, hits);
  };
  for (const r of refs) {
    const hits = matcher.find(Buffer.from(r.name, 'utf8'));
    if (hits.length) inv.refNameHits.set(r.name, hits);
  }
  const ids = await reachableObjects(repoDir, stash);
  await catFileBatch(repoDir, ids, (o) => {
    if (o.type === 'blob') {
      const hits = matcher.find(o.data);
      if (hits.length) inv.blobHits.set(o.id, { secrets: hits, binary: isBinaryForFilterRepo(o.data) });
    } else if (o.type === 'tree') {
      inv.trees.set(o.id, parseTree(o.data));
      const hits = matcher.find(o.data);
      if (hits.length) inv.nameHits.set(o.id, hits);
    } else if (o.type === 'commit') {
      inv.commits.set(o.id, parseCommitHeader(o.data));
      headerHits(o.id, o.data);
    } else if (o.type === 'tag') headerHits(o.id, o.data);
  });
  return inv;
}

const IDENT_LINE = /^(author|committer|tagger) ([^<\n]*)<([^>\n]*)>/;

/**
 * A commit or tag object without the e-mail addresses of its identity lines, and those addresses.
 * (The text between `<` and `>` is what a mailmap matches and replaces.)
 */
export function splitIdentities(data: Buffer): { rest: Buffer; emails: string[] } {
  const end = data.indexOf('\n\n');
  const headerEnd = end < 0 ? data.length : end;
  const header = data.subarray(0, headerEnd).toString('utf8').split('\n');
  const emails: string[] = [];
  const kept = header.map((line) => {
    const m = IDENT_LINE.exec(line);
    if (!m) return line;
    emails.push(m[3]!);
    return `${m[1]} ${m[2]}<>${line.slice(m[0].length)}`;
  });
  return { rest: Buffer.concat([Buffer.from(kept.join('\n'), 'utf8'), data.subarray(headerEnd)]), emails };
}

export interface SecretLocation {
  path: string;
  blob: string;
}

/** Analyses over an inventory; tree walks are memoised per tree id, so shared subtrees cost once. */
export class InventoryView {
  private secretEntries = new Map<string, SecretLocation[]>();
  private rewritten = new Map<string, boolean>();

  constructor(readonly inv: Inventory) {}

  /** Paths (relative to the tree) of every blob below `treeId` that holds a secret. */
  secretLocations(treeId: string): SecretLocation[] {
    const memo = this.secretEntries.get(treeId);
    if (memo) return memo;
    const out: SecretLocation[] = [];
    for (const e of this.inv.trees.get(treeId) ?? []) {
      const name = e.name.toString('utf8');
      if (isTreeMode(e.mode)) for (const s of this.secretLocations(e.id)) out.push({ path: `${name}/${s.path}`, blob: s.blob });
      else if (!isGitlinkMode(e.mode) && this.inv.blobHits.has(e.id)) out.push({ path: name, blob: e.id });
    }
    this.secretEntries.set(treeId, out);
    return out;
  }

  /** The commit's own content changes: a rewritable secret blob in its tree, or a secret in its message. */
  changesContent(commit: string): boolean {
    const c = this.inv.commits.get(commit);
    if (!c) return false;
    if (this.inv.messageHits.has(commit) || this.inv.identityObjects.has(commit)) return true;
    return this.secretLocations(c.tree).some((l) => !this.inv.blobHits.get(l.blob)!.binary);
  }

  /** The commit gets a new id: its content changes or any ancestor's does. Iterative (long histories). */
  isRewritten(commit: string): boolean {
    const stack = [commit];
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (this.rewritten.has(top)) { stack.pop(); continue; }
      const parents = (this.inv.commits.get(top)?.parents ?? []).filter((p) => this.inv.commits.has(p));
      const pending = parents.filter((p) => !this.rewritten.has(p));
      if (pending.length) { stack.push(...pending); continue; }
      this.rewritten.set(top, this.changesContent(top) || parents.some((p) => this.rewritten.get(p)));
      stack.pop();
    }
    return this.rewritten.get(commit)!;
  }

  rewrittenCommits(): string[] {
    return [...this.inv.commits.keys()].filter((c) => this.isRewritten(c));
  }

  contentChangingCommits(): string[] {
    return [...this.inv.commits.keys()].filter((c) => this.changesContent(c));
  }

  /** Refs whose target changes: a rewritten commit, or a tag whose message holds a secret. */
  changedRefs(): string[] {
    return this.inv.refs
      .filter((r) => (r.commit !== null && this.isRewritten(r.commit)) || this.inv.messageHits.has(r.id) || this.inv.identityObjects.has(r.id))
      .map((r) => r.name);
  }

  /** Every path at which each secret (by index) was found, over all commits. */
  pathsBySecret(): Map<number, Set<string>> {
    const out = new Map<number, Set<string>>();
    const seenTrees = new Set<string>();
    for (const c of this.inv.commits.values()) {
      if (seenTrees.has(c.tree)) continue;
      seenTrees.add(c.tree);
      for (const l of this.secretLocations(c.tree)) {
        for (const s of this.inv.blobHits.get(l.blob)!.secrets) {
          if (!out.has(s)) out.set(s, new Set());
          out.get(s)!.add(l.path);
        }
      }
    }
    return out;
  }

  /** Files of the HEAD commit that still hold a value, with the values' indexes (what `purge` protects). */
  atHead(): { path: string; secrets: number[] }[] {
    const c = this.inv.head ? this.inv.commits.get(this.inv.head) : undefined;
    if (!c) return [];
    return this.secretLocations(c.tree).map((l) => ({ path: l.path, secrets: this.inv.blobHits.get(l.blob)!.secrets })).sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** Paths of blobs with a secret that filter-repo will skip as binary. */
  binaryLocations(): SecretLocation[] {
    const out = new Map<string, SecretLocation>();
    for (const c of this.inv.commits.values()) {
      for (const l of this.secretLocations(c.tree)) if (this.inv.blobHits.get(l.blob)!.binary) out.set(`${l.blob}:${l.path}`, l);
    }
    return [...out.values()];
  }

  /** Number of commits reachable from each ref that points (through tags) at a commit. */
  commitCounts(): Map<string, number> {
    return countCommitsPerRef(this.inv.refs, (c) => this.inv.commits.get(c)?.parents ?? []);
  }
}

export function countCommitsPerRef(refs: RefInfo[], parentsOf: (c: string) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of refs) {
    if (!r.commit) continue;
    const seen = new Set<string>([r.commit]);
    const stack = [r.commit];
    while (stack.length) {
      for (const p of parentsOf(stack.pop()!)) if (!seen.has(p)) { seen.add(p); stack.push(p); }
    }
    counts.set(r.name, seen.size);
  }
  return counts;
}

/** The commit graph of the repository as it is now (for counts after a rewrite). */
export async function commitGraph(repoDir: string, extra: string[] = []): Promise<Map<string, string[]>> {
  const out = await gitRaw(repoDir, ['rev-list', '--parents', '--all', '--stdin'], { input: extra.map((s) => `${s}\n`).join('') });
  const graph = new Map<string, string[]>();
  for (const l of lines(out.stdout.toString('utf8'))) {
    const [c, ...parents] = l.split(' ');
    graph.set(c!, parents);
  }
  return graph;
}
