/**
 * Failed logins for names that are no account (or an inactive one), counted like an account's
 * so that "too many failed logins" is said for them too and a lockout reveals no account.
 * Kept in memory, bounded: an attacker spraying names evicts the oldest entries, not memory.
 */
export class UnknownLogins {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  isLocked(name: string, now = Date.now()): boolean {
    const entry = this.entries.get(key(name));
    return Boolean(entry && entry.lockedUntil > now);
  }

  /** Counts one failure; answers whether the name is now locked. */
  fail(name: string, maxFailures: number, lockMs: number, now = Date.now()): boolean {
    const k = key(name);
    const entry = this.entries.get(k);
    const expired = entry && entry.lockedUntil > 0 && entry.lockedUntil <= now;
    const failures = !entry || expired ? 1 : entry.failures + 1;
    const lockedUntil = failures >= maxFailures ? now + lockMs : 0;
    this.entries.delete(k);
    this.entries.set(k, { failures, lockedUntil });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return lockedUntil > 0;
  }
}

const key = (name: string) => name.trim().toLowerCase();
