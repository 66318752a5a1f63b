import { createHash } from 'node:crypto';

/**
 * Deterministic ids and pseudo-random numbers for the generated national set, the same in SQL
 * (set-based inserts) and in TypeScript (to name rows without reading them back). Both hash a
 * text key such as `unit:12:7` with MD5: cheap, stable across PostgreSQL versions and PGlite.
 */

const sqlKey = (kind: string, parts: string[]): string => `'${kind}:' || ${parts.join(` || ':' || `)}`;

/** SQL: a version-4-shaped uuid from the key (version and variant nibbles set, so uuid pipes accept it). */
export function sqlUuid(kind: string, ...parts: string[]): string {
  return `overlay(overlay(md5(${sqlKey(kind, parts)}) placing '4' from 13) placing '8' from 17)::uuid`;
}

/** SQL: a number in [0, 1) from the key. */
export function sqlRandom(salt: string, ...parts: string[]): string {
  return `(('x' || substr(md5(${sqlKey(salt, parts)}), 1, 8))::bit(32)::bigint / 4294967296.0)`;
}

/** The uuid {@link sqlUuid} gives for the same key. */
export function benchUuid(kind: string, ...parts: number[]): string {
  const hex = createHash('md5')
    .update(`${kind}:${parts.join(':')}`)
    .digest('hex');
  const v = `${hex.slice(0, 12)}4${hex.slice(13, 16)}8${hex.slice(17)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
}

/** The number {@link sqlRandom} gives for the same key. */
export function benchRandom(salt: string, ...parts: number[]): number {
  const hex = createHash('md5')
    .update(`${salt}:${parts.join(':')}`)
    .digest('hex');
  return parseInt(hex.slice(0, 8), 16) / 4294967296;
}

/** Agency codes of the generated set: `bench-0001`, ...; the seed refuses to add to an existing set. */
export const agencyCode = (index: number): string => `bench-${String(index + 1).padStart(4, '0')}`;
export const coordinatorName = (index: number): string => `bench-koord-${String(index + 1).padStart(4, '0')}`;
export const BENCH_ADMIN = 'bench-admin';
/** Every generated account signs in with this password (argon2id, hashed once per seed run). */
export const BENCH_PASSWORD = 'bench-spbe-2026';
