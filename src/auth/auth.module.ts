import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AUTHENTICATOR } from '../access/authenticator.port';
import { UserRepository } from '../users/user.repository';
import { AccountPagesController } from './account.pages.controller';
import { AccountService } from './account.service';
import { AuthTokenRepository } from './auth-token.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LocalStrategy } from './local.strategy';
import { LoginPagesController } from './login.pages.controller';

@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AuthController, LoginPagesController, AccountPagesController],
  providers: [
    AuthService,
    { provide: AUTHENTICATOR, useExisting: AuthService },
    AccountService,
    AuthTokenRepository,
    UserRepository,
    LocalStrategy,
  ],
  exports: [AuthService, AUTHENTICATOR, AuthTokenRepository, UserRepository],
})
export class AuthModule {}
