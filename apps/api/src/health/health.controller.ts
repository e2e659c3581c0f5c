import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { RedisClient } from '@dure/queue';
import { Public } from '../common/auth.decorators';

class HealthDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

class ReadinessDto {
  @ApiProperty({ example: 'ready', enum: ['ready', 'unavailable'] }) status: string;
  @ApiProperty({ example: { postgres: 'up', redis: 'up' } }) checks: Record<string, 'up' | 'down'>;
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOkResponse({ type: HealthDto, description: 'The process is alive' })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto, description: 'Postgres and Redis both answer' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Postgres or Redis does not answer' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    const [postgres, redis] = await Promise.all([
      within(1500, this.dataSource.query('SELECT 1')).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      this.redis.ping(1500).then((ok) => (ok ? ('up' as const) : ('down' as const))),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'unavailable', checks: { postgres, redis } };
  }
}
