import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOperationDoc } from '../web/api-doc';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Request } from 'express';
import { CurrentActor, Public, RequirePermission, SignedIn } from '../access/access.decorators';
import { Actor } from '../access/actor';
import { User } from '../users/user.entity';
import { AccountService } from './account.service';
import {
  AccessTokenView,
  ChangePasswordDto,
  CreateTokenDto,
  CreatedTokenView,
  LoginDto,
  TokenView,
} from './auth.dto';
import { AuthService } from './auth.service';
import { LocalAuthGuard } from './login.guards';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AccountService) private readonly account: AccountService,
  ) {}

  @Post('login')
  @ApiOperationDoc({
    summary: 'Sign in for an API token',
    description:
      'Checks the username and password and answers a short-lived bearer token for API clients. Repeated failures lock the account for a while.',
    errors: { 400: true, 401: 'Wrong username or password, or the account is locked.' },
    body: { username: 'koordinator', password: 'kata-sandi-yang-panjang' },
    public: true,
  })
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @ApiOkResponse({ type: AccessTokenView })
  async login(@Body() _body: LoginDto, @Req() req: Request & { user: User }): Promise<AccessTokenView> {
    const { secret, token } = await this.auth.issueAccessToken(req.user, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    return { accessToken: secret, tokenType: 'Bearer', expiresAt: (token.expiresAt as Date).toISOString() };
  }

  @Post('logout')
  @ApiOperationDoc({
    summary: 'Sign out',
    description: 'Ends the current session (cookie) or revokes the bearer token used for the call.',
    errors: {},
  })
  @SignedIn()
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor, @Req() req: Request): Promise<void> {
    await this.auth.logout(actor, { ip: req.ip });
  }

  @Get('me')
  @ApiOperationDoc({
    summary: 'Who am I',
    description: 'The signed-in account: username, display name, role, agency and units.',
    errors: {},
  })
  @SignedIn()
  me(@CurrentActor() actor: Actor) {
    const { tokenId: _tokenId, ...visible } = actor;
    return visible;
  }

  @Put('password')
  @ApiOperationDoc({
    summary: 'Change my password',
    description:
      'Changes the password of the signed-in account after checking the current one; the new one must be strong enough and not a known leaked password.',
    errors: { 400: true },
    body: { currentPassword: 'kata-sandi-lama-2025', newPassword: 'kuda-merah-lari-pagi-2026' },
  })
  @SignedIn()
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.account.changeOwnPassword(actor, body.currentPassword, body.newPassword);
  }

  @Get('tokens')
  @ApiOperationDoc({
    summary: 'List my API tokens',
    description:
      'The personal API tokens of the signed-in account, without their secrets, with when each was last used and when it expires.',
    errors: {},
  })
  @RequirePermission('account.self')
  @ApiOkResponse({ type: [TokenView] })
  tokens(@CurrentActor() actor: Actor): Promise<TokenView[]> {
    return this.account.listTokens(actor);
  }

  @Post('tokens')
  @ApiOperationDoc({
    summary: 'Create an API token',
    description:
      'Creates a personal API token for scripts (for example a nightly push of hub usage). The secret is shown once in the answer.',
    errors: { 400: true },
    body: { name: 'WSO2 usage push', expiresInDays: 90 },
  })
  @RequirePermission('account.self')
  @ApiCreatedResponse({ type: CreatedTokenView })
  createToken(@CurrentActor() actor: Actor, @Body() body: CreateTokenDto): Promise<CreatedTokenView> {
    return this.account.createToken(actor, body.name, body.expiresInDays);
  }

  @Delete('tokens/:tokenId')
  @ApiOperationDoc({
    summary: 'Revoke an API token',
    description: 'Revokes one of your API tokens; calls with it fail from now on.',
    errors: { 400: true, 404: true },
  })
  @RequirePermission('account.self')
  @HttpCode(204)
  async revokeToken(
    @CurrentActor() actor: Actor,
    @Param('tokenId', ParseUUIDPipe) tokenId: string,
  ): Promise<void> {
    await this.account.revokeToken(actor, tokenId);
  }
}
