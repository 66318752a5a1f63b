import * as argon2 from 'argon2';

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

export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string') return 'password must be text';
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 1024) return 'password must have at most 1024 characters';
  return undefined;
}
