import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AccessRepository } from './access.repository';

/**
 * Installs the deny-by-default guard in front of every route of the app. The guard authenticates
 * through AUTHENTICATOR, which the module given here (auth, from the app's composition root) exports.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(authenticator: Type | DynamicModule): DynamicModule {
    return {
      module: AccessModule,
      imports: [authenticator],
      providers: [AccessRepository, { provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
