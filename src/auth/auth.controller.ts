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
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @ApiOkResponse({ type: AccessTokenView })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password, or the account is locked.' })
  async login(@Body() _body: LoginDto, @Req() req: Request & { user: User }): Promise<AccessTokenView> {
    const { secret, token } = await this.auth.issueAccessToken(req.user, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    return { accessToken: secret, tokenType: 'Bearer', expiresAt: (token.expiresAt as Date).toISOString() };
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor, @Req() req: Request): Promise<void> {
    await this.auth.logout(actor, { ip: req.ip });
  }

  @Get('me')
  @SignedIn()
  me(@CurrentActor() actor: Actor) {
    const { tokenId: _tokenId, ...visible } = actor;
    return visible;
  }

  @Put('password')
  @SignedIn()
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.account.changeOwnPassword(actor, body.currentPassword, body.newPassword);
  }

  @Get('tokens')
  @RequirePermission('account.self')
  @ApiOkResponse({ type: [TokenView] })
  tokens(@CurrentActor() actor: Actor): Promise<TokenView[]> {
    return this.account.listTokens(actor);
  }

  @Post('tokens')
  @RequirePermission('account.self')
  @ApiCreatedResponse({ type: CreatedTokenView })
  createToken(@CurrentActor() actor: Actor, @Body() body: CreateTokenDto): Promise<CreatedTokenView> {
    return this.account.createToken(actor, body.name, body.expiresInDays);
  }

  @Delete('tokens/:tokenId')
  @RequirePermission('account.self')
  @HttpCode(204)
  async revokeToken(
    @CurrentActor() actor: Actor,
    @Param('tokenId', ParseUUIDPipe) tokenId: string,
  ): Promise<void> {
    await this.account.revokeToken(actor, tokenId);
  }
}
