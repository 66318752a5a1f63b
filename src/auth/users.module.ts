import { Module } from '@nestjs/common';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AgencyDirectoryRepository } from '../agencies/agency-directory.repository';
import { AuthModule } from './auth.module';
import { NotificationsModule } from '../workflow/notifications/notifications.module';
import { UsersController } from './users.controller';
import { UsersPagesController } from './users.pages.controller';
import { UsersService } from './users.service';
import { PeriodLookupModule } from '../periods/period-lookup.module';

@Module({
  imports: [PeriodLookupModule, AuthModule, NotificationsModule],
  controllers: [UsersController, UsersPagesController],
  providers: [UsersService, AgencyDirectory, AgencyDirectoryRepository],
})
export class UsersModule {}
