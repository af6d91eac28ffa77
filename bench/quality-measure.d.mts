export interface Counts { tp: number; fp: number; fn: number; precision: number; recall: number; misses: string[]; falseAlarms: string[] }
export function measure(api: unknown, config: unknown, opts?: { repos?: number; seed?: number; rules?: unknown }): Promise<{ variables: Counts & { tn: number }; literals: Counts }>;
