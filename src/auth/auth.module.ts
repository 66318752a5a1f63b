import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AUTHENTICATOR } from '../access/authenticator.port';
import { UserAccountsModule } from '../users/user-accounts.module';
import { AccountPagesController } from './account.pages.controller';
import { AccountService } from './account.service';
import { AuthTokenRepository } from './auth-token.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LocalStrategy } from './local.strategy';
import { LoginPagesController } from './login.pages.controller';

@Module({
  imports: [PassportModule.register({ session: false }), UserAccountsModule],
  controllers: [AuthController, LoginPagesController, AccountPagesController],
  providers: [
    AuthService,
    { provide: AUTHENTICATOR, useExisting: AuthService },
    AccountService,
    AuthTokenRepository,
    LocalStrategy,
  ],
  exports: [AuthService, AUTHENTICATOR, AuthTokenRepository, UserAccountsModule],
})
export class AuthModule {}
