import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../access/access.decorators';
import { Actor } from '../access/actor';
import {
  CreateUserDto,
  ListUsersQuery,
  ResetPasswordDto,
  UpdateUserDto,
  UserPage,
  UserView,
} from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @RequirePermission('user.read')
  @ApiOkResponse({ type: UserPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(actor, query);
  }

  @Post()
  @RequirePermission('user.manage')
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ description: 'The username is taken.' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Get(':userId')
  @RequirePermission('user.read')
  @ApiOkResponse({ type: UserView })
  get(@CurrentActor() actor: Actor, @Param('userId', ParseUUIDPipe) userId: string): Promise<UserView> {
    return this.users.get(actor, userId);
  }

  @Patch(':userId')
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: UserView })
  @ApiConflictResponse({ description: 'Someone else changed the user since you read it.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, userId, body);
  }

  @Post(':userId/password-reset')
  @RequirePermission('user.reset_password')
  @HttpCode(204)
  async resetPassword(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: ResetPasswordDto,
  ): Promise<void> {
    await this.users.resetPassword(actor, userId, body.password);
  }
}
