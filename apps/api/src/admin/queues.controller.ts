import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenService } from '@dure/membership';
import { Roles } from '../common/auth.decorators';
import { bearerToken } from '../common/auth.guard';
import { QUEUES_COOKIE, QUEUES_PATH } from '../common/queue-dashboard';

@ApiTags('admin: operations')
@Controller('admin/queues')
export class QueuesController {
  constructor(private readonly tokens: TokenService) {}

  @Post('session')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary: 'Lets this browser open the queue dashboard at /admin/queues (an HttpOnly cookie, as long as the access token)',
  })
  @ApiNoContentResponse()
  session(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    const token = bearerToken(req.headers.authorization) ?? '';
    const secure = req.protocol === 'https' ? '; Secure' : '';
    void reply.header(
      'set-cookie',
      `${QUEUES_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUES_PATH}; HttpOnly; SameSite=Strict; Max-Age=${this.tokens.accessTtlSec}${secure}`,
    );
  }
}
