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
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
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
  @ApiOperationDoc({
    summary: 'List users',
    description:
      'Accounts visible to the caller (admins: all; coordinators: their agency), paged, with role, agency and state.',
    errors: { 400: true },
  })
  @RequirePermission('user.read')
  @ApiOkResponse({ type: UserPage })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<UserPage> {
    return this.users.list(actor, query);
  }

  @Post()
  @ApiOperationDoc({
    summary: 'Create a user',
    description:
      'Creates an account with a role; agency roles need an agency, operators may be limited to units, evaluators get agency assignments per period.',
    errors: { 400: true, 409: 'The username is taken.' },
    body: {
      username: 'operator.dinkes',
      displayName: 'Siti Rahma',
      email: 'siti@nusamakmur.go.id',
      role: 'operator',
      agencyId: '0b6f3c2e-8a41-4d5e-9c7b-2f1e4a6d8c90',
      password: 'kuda-merah-lari-pagi-2026',
      unitIds: ['5d2a9e71-3c4b-4f8a-b6e0-7a1c2d3e4f50'],
    },
  })
  @RequirePermission('user.manage')
  @ApiCreatedResponse({ type: UserView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, body);
  }

  @Get(':userId')
  @ApiOperationDoc({
    summary: 'Read a user',
    description: 'One account with its role, agency, units and evaluator assignments.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('user.read')
  @ApiOkResponse({ type: UserView })
  get(@CurrentActor() actor: Actor, @Param('userId', ParseUUIDPipe) userId: string): Promise<UserView> {
    return this.users.get(actor, userId);
  }

  @Patch(':userId')
  @ApiOperationDoc({
    summary: 'Change a user',
    description:
      'Changes the name, e-mail, role, units, assignments or active state of an account. Send the version you read; a stale one answers 409.',
    errors: { 400: true, 404: true, 409: 'Someone else changed the user since you read it.' },
    body: { version: 3, displayName: 'Siti Rahma, S.Kom.', active: true },
  })
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentActor() actor: Actor,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, userId, body);
  }

  @Post(':userId/password-reset')
  @ApiOperationDoc({
    summary: 'Reset a password',
    description:
      'Sets a new password for another account (the person changes it at next sign-in) and ends their sessions.',
    errors: { 400: true, 404: true },
    body: { password: 'kuda-merah-lari-pagi-2026' },
  })
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
