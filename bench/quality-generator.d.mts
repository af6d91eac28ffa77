export interface GeneratedVariable { path: string[]; value: unknown; expectSecret: boolean }
export interface GeneratedUse { file: string; line: number; column: number; lineText: string; flowsInto: string[]; filePrivate: boolean; targetPath: string | null }
export interface Planted { line: number; column: number; value: string }
export interface GeneratedFile { file: string; text: string; planted: Planted[]; decoy: number }
export interface GeneratedRepo { data: GeneratedVariable[]; uses: GeneratedUse[]; files: GeneratedFile[] }
export function rng(seed: number): () => number;
export function generateRepo(seed: number, opts?: { secrets?: number; decoys?: number }): GeneratedRepo;
