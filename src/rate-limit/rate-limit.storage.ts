import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitRepository } from './rate-limit.repository';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Sweeping expired rows on one hit in this many keeps the table small without a timer. */
const SWEEP_EVERY = 500;

/**
 * Throttler storage in PostgreSQL instead of the process's memory: a client that spreads its
 * login attempts over several app instances is counted once, across all of them.
 */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  private calls = 0;

  constructor(@Inject(RateLimitRepository) private readonly repository: RateLimitRepository) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (++this.calls % SWEEP_EVERY === 0) await this.repository.sweep();
    const w = await this.repository.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration);
    return {
      totalHits: w.hits,
      timeToExpire: Math.max(0, Math.ceil(w.expiresInMs / 1000)),
      isBlocked: w.blockedForMs > 0,
      timeToBlockExpire: Math.ceil(w.blockedForMs / 1000),
    };
  }
}
