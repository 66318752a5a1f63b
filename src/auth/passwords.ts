import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as argon2 from 'argon2';
import { Message, msg } from '../i18n/message';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * argon2id at OWASP's baseline cost (19 MiB, 2 passes): strong against offline guessing while a
 * login stays around tens of milliseconds on a 2-core server.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so timing does not reveal accounts. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-valid');
  return decoy;
}

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
function strength(password: string, userInputs: string[]): number {
  estimator ??= createEstimator();
  return estimator.check(password, userInputs).score;
}

/**
 * The dictionaries are loaded (and decompressed, ~0.4 s CPU) by the first password checked, not
 * at boot, which most starts of the app (each command-line run, each test file) never need.
 */
function createEstimator(): ZxcvbnFactory {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, spbe: SITE_WORDS },
    graphs: common.adjacencyGraphs,
  });
}

/** Words of this product that make a password guessable here in particular. */
const SITE_WORDS = [
  'spbe',
  'tracker',
  'spbe-tracker',
  'demo-spbe',
  'sandi',
  'katasandi',
  'rahasia',
  'admin123',
];

/**
 * Length, then a maintained strength estimator (zxcvbn: dictionaries, keyboard patterns,
 * repeats, sequences, dates), so `aaaaaaaaaa` and `1234567890` fail and a passphrase of a few
 * ordinary words passes. `userInputs` (the username, the display name) count as known words.
 */
export function passwordProblem(password: unknown, userInputs: string[] = []): Message | undefined {
  if (typeof password !== 'string') return msg('msg.password.text');
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return msg('msg.password.too_short', { min: MIN_PASSWORD_LENGTH });
  if (password.length > 1024) return msg('msg.password.too_long', { max: 1024 });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) return msg('msg.password.control');
  if (!password.trim()) return msg('msg.password.spaces');
  // The estimator's cost grows with length; past 100 characters a passphrase is long enough.
  if (password.length <= 100 && strength(password, userInputs) < MIN_PASSWORD_SCORE)
    return msg('msg.password.weak');
  return undefined;
}
