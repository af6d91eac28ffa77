import { peelToCommits } from '../git/objects.js';
import { git, tryGit } from '../git/run.js';

/** A starting point of the history walk: a ref (or stash reflog entry, or detached HEAD) and the commit it reaches. */
export interface Tip {
  name: string;
  commit: string;
}

export interface RepoTips {
  /** Every ref that reaches a commit, plus every stash reflog entry and a detached HEAD. */
  tips: Tip[];
  /** The commit HEAD points to; null in an empty repository. */
  head: string | null;
}

/** An annotated tag's own message (it can hold a secret too), with the commit the tag points to. */
export interface TagMessage {
  name: string;
  commit: string;
  message: string;
}

/** Messages of annotated tags that point (possibly through other tags) to a commit. */
export async function tagMessages(dir: string): Promise<TagMessage[]> {
  const out = await git(dir, ['for-each-ref', 'refs/tags', '--format=%(objecttype)%00%(refname)%00%(contents)%00%01'], { offline: true });
  const tags = out.split('\0\x01\n').filter((r) => r.startsWith('tag\0'));
  if (tags.length === 0) return [];
  const parsed = tags.map((r) => {
    const [, name, message] = r.split('\0');
    return { name: name!, message: message ?? '' };
  });
  const commits = await peelToCommits(dir, parsed.map((t) => t.name), { offline: true });
  return parsed.flatMap((t, i) => (commits[i] ? [{ ...t, commit: commits[i] }] : []));
}

/**
 * Collect every place history can still be reached from: all refs (branches, tags (peeled), remotes,
 * refs/stash, notes, refs/jj/keep/*, anything else under refs/), each entry of the stash reflog
 * (`git stash list` keeps older stashes only there) and HEAD, which may be detached.
 * The index (`^2`) and untracked (`^3`) commits of a stash are parents of the stash commit, so the walk reaches them.
 */
export async function collectTips(dir: string): Promise<RepoTips> {
  const refLines = (await git(dir, ['for-each-ref', '--format=%(objectname) %(refname)'], { offline: true })).split('\n').filter(Boolean);
  const named = refLines.map((l) => ({ object: l.slice(0, l.indexOf(' ')), name: l.slice(l.indexOf(' ') + 1) }));

  const stash = named.some((r) => r.name === 'refs/stash')
    ? ((await tryGit(dir, ['reflog', 'show', '--format=%H', 'refs/stash', '--'], { offline: true })) ?? '').split('\n').filter(Boolean)
    : [];
  const stashEntries = stash.slice(1).map((sha, i) => ({ object: sha, name: `refs/stash@{${i + 1}}` }));

  const head = ((await tryGit(dir, ['rev-parse', '--verify', '-q', 'HEAD^{commit}'], { offline: true })) ?? '').trim() || null;
  const detached = head !== null && (await tryGit(dir, ['symbolic-ref', '-q', 'HEAD'], { offline: true })) === null;
  const headEntry = detached && head ? [{ object: head, name: 'HEAD' }] : [];

  const all = [...named, ...stashEntries, ...headEntry];
  if (all.length === 0) return { tips: [], head };
  // Peel tags (also nested ones) to commits in one batch; refs to trees or blobs are dropped.
  const commits = await peelToCommits(dir, all.map((r) => r.object), { offline: true });
  const tips: Tip[] = all.flatMap((r, i) => (commits[i] ? [{ name: r.name, commit: commits[i] }] : []));
  return { tips, head };
}
