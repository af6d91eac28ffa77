/**
 * The commit graph as `git log --raw --diff-merges=first-parent` gave it, in log order (children before
 * parents), with each commit's changes against its first parent. Paths and blobs are interned as numbers
 * so that even a large history stays a few MB.
 */
export class CommitGraph {
  readonly shas: string[] = [];
  readonly index = new Map<string, number>();
  private readonly parentShas: string[][] = [];
  /** Entries of commit c are entryPath/entryBlob[entryStart[c] .. entryStart[c+1]). Blob -1: deleted or not a blob. */
  readonly entryStart: number[] = [];
  readonly entryPath: number[] = [];
  readonly entryBlob: number[] = [];
  readonly paths: string[] = [];
  private readonly pathIds = new Map<string, number>();
  readonly blobs: string[] = [];
  private readonly blobIds = new Map<string, number>();
  /** Resolved by seal(): parent indices (-1 for a parent outside the walk, e.g. before --since). */
  parents: number[][] = [];

  addCommit(sha: string, parents: string[]): number {
    const c = this.shas.length;
    this.shas.push(sha);
    this.index.set(sha, c);
    this.parentShas.push(parents);
    this.entryStart.push(this.entryPath.length);
    return c;
  }

  /** Records that the last added commit has `blob` (or nothing, when null) at `path`; returns [pathId, blobId]. */
  addEntry(path: string, blob: string | null): [number, number] {
    let p = this.pathIds.get(path);
    if (p === undefined) {
      p = this.paths.length;
      this.paths.push(path);
      this.pathIds.set(path, p);
    }
    let b = -1;
    if (blob !== null) {
      b = this.blobIds.get(blob) ?? -1;
      if (b === -1) {
        b = this.blobs.length;
        this.blobs.push(blob);
        this.blobIds.set(blob, b);
      }
    }
    this.entryPath.push(p);
    this.entryBlob.push(b);
    return [p, b];
  }

  pathId(path: string): number | undefined {
    return this.pathIds.get(path);
  }

  blobId(sha: string): number | undefined {
    return this.blobIds.get(sha);
  }

  get size(): number {
    return this.shas.length;
  }

  /** Call once the log is complete. */
  seal(): void {
    this.entryStart.push(this.entryPath.length);
    this.parents = this.parentShas.map((ps) => ps.map((p) => this.index.get(p) ?? -1));
  }

  /** The sha of commit c's first parent when that parent is outside the walk (the --since boundary). */
  outsideFirstParent(c: number): string | null {
    const ps = this.parentShas[c]!;
    return ps.length > 0 && this.parents[c]![0] === -1 ? ps[0]! : null;
  }
}
