import { Module } from '@nestjs/common';
import { UserRepository } from './user.repository';

/**
 * The account table's repository, its only writer, for every feature that reads or changes
 * accounts: sign-in and user admin (src/auth), notification preferences (the mail language).
 */
@Module({
  providers: [UserRepository],
  exports: [UserRepository],
})
export class UserAccountsModule {}
