import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitRepository } from './rate-limit.repository';
import { PgThrottlerStorage } from './rate-limit.storage';

@Module({
  providers: [RateLimitRepository, PgThrottlerStorage],
  exports: [PgThrottlerStorage],
})
class RateLimitStorageModule {}

/** The login rate limit, counted in the database (see PgThrottlerStorage). */
export function rateLimitModule(limitPerMinute: number) {
  return ThrottlerModule.forRootAsync({
    imports: [RateLimitStorageModule],
    inject: [PgThrottlerStorage],
    useFactory: (storage: PgThrottlerStorage) => ({
      throttlers: [{ ttl: 60_000, limit: limitPerMinute }],
      storage,
    }),
  });
}
