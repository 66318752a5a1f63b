import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AuthModule } from './auth.module';
import { NotificationsModule } from '../workflow/notifications/notifications.module';
import { UsersController } from './users.controller';
import { UsersPagesController } from './users.pages.controller';
import { UsersService } from './users.service';
import { PeriodLookupModule } from '../periods/period-lookup.module';

@Module({
  imports: [PeriodLookupModule, AuthModule, NotificationsModule, AgenciesModule],
  controllers: [UsersController, UsersPagesController],
  providers: [UsersService],
})
export class UsersModule {}
