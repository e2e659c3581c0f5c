import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@dure/config';
import { RedisClient } from '@dure/queue';
import { AuthErrors } from '../membership.errors';

/**
 * Counts failed sign-ins per login name and per address in Redis (shared by every api
 * process). Past the limit, attempts are refused with 429 until the window expires; a
 * success clears the login's count.
 */
@Injectable()
export class LoginThrottle {
  private readonly maxPerLogin: number;
  private readonly maxPerIp: number;
  private readonly windowSec: number;

  constructor(
    private readonly redis: RedisClient,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.maxPerLogin = config.auth.loginMaxFailures;
    this.maxPerIp = config.auth.loginMaxFailures * 10;
    this.windowSec = config.auth.loginWindowSec;
  }

  private keys(login: string, ip: string | undefined): [string, string] {
    const l = createHash('sha256').update(login.trim().toLowerCase()).digest('hex').slice(0, 32);
    return [`login-fail:l:${l}`, `login-fail:ip:${ip ?? 'unknown'}`];
  }

  async assertAllowed(login: string, ip: string | undefined): Promise<void> {
    const [lk, ik] = this.keys(login, ip);
    const [[, lc], [, ic], [, lttl], [, ittl]] = (await this.redis.client
      .multi()
      .get(lk)
      .get(ik)
      .ttl(lk)
      .ttl(ik)
      .exec()) as [unknown, string | null][];
    if (Number(lc ?? 0) >= this.maxPerLogin) throw AuthErrors.throttled(Math.max(1, Number(lttl)));
    if (Number(ic ?? 0) >= this.maxPerIp) throw AuthErrors.throttled(Math.max(1, Number(ittl)));
  }

  async recordFailure(login: string, ip: string | undefined): Promise<void> {
    const [lk, ik] = this.keys(login, ip);
    await this.redis.client
      .multi()
      .incr(lk)
      .expire(lk, this.windowSec, 'NX')
      .incr(ik)
      .expire(ik, this.windowSec, 'NX')
      .exec();
  }

  async recordSuccess(login: string, ip: string | undefined): Promise<void> {
    const [lk] = this.keys(login, ip);
    await this.redis.client.del(lk);
  }
}
