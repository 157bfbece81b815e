import type { ValueTransformer } from 'typeorm';

/** bigint columns (money in đồng) arrive from pg as strings; amounts stay far below 2^53, so a number is exact. */
export const bigintNumber: ValueTransformer = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };
