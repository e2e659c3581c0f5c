import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthService, TokenPair } from '@dure/membership';
import { Public } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { LoginDto, RefreshDto, TokenPairDto } from './auth.dto';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in (staff login or courier phone)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401, 403, 429)
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<TokenPair> {
    return this.auth.login(dto.login, dto.password, { ip: req.ip, requestId: String(req.id) });
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'New token pair; the refresh token given stops working (a reused one ends the session)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh token (and its session)' })
  @ApiNoContentResponse()
  @ApiErrors(400)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }
}
