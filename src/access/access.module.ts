import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { AccessGuard } from './access.guard';
import { AccessRepository } from './access.repository';

/** Installs the deny-by-default guard in front of every route of the app. */
@Global()
@Module({
  imports: [AuthModule],
  providers: [AccessRepository, { provide: APP_GUARD, useClass: AccessGuard }],
})
export class AccessModule {}
