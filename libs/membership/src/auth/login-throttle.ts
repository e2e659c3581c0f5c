import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@dure/config';
import { RedisClient } from '@dure/queue';
import { AuthErrors } from '../membership.errors';
import { isMobilePhone, normalizePhone } from '../members/phone';

/**
 * Atomically: refuse when the login has used up its failures, or the address its own,
 * or when failures plus attempts still being checked reach the limit; otherwise count this
 * attempt as in flight. Counting before the (slow) password check is what stops a burst
 * of parallel guesses from all getting through.
 */
const ACQUIRE = `
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
local inflight = tonumber(redis.call('GET', KEYS[2]) or '0')
local ipFailures = tonumber(redis.call('GET', KEYS[3]) or '0')
if failures >= tonumber(ARGV[1]) then return redis.call('TTL', KEYS[1]) end
if ipFailures >= tonumber(ARGV[2]) then return redis.call('TTL', KEYS[3]) end
if failures + inflight >= tonumber(ARGV[1]) then return 1 end
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 30)
return 0
`;

interface ThrottleRedis {
  dureLoginAcquire(failKey: string, inflightKey: string, ipKey: string, maxLogin: number, maxIp: number): Promise<number>;
}

/**
 * Counts failed sign-ins per login name and per address in Redis (shared by every api
 * process). Past the limit, attempts are refused with 429 until the window expires; a
 * success clears the login's count. A phone number counts as one login however it is
 * written.
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
    this.redis.client.defineCommand('dureLoginAcquire', { numberOfKeys: 3, lua: ACQUIRE });
  }

  private keys(login: string, ip: string | undefined): { fail: string; inflight: string; ip: string } {
    const canonical = isMobilePhone(login) ? normalizePhone(login) : login.trim().toLowerCase();
    const l = createHash('sha256').update(canonical).digest('hex').slice(0, 32);
    return { fail: `login-fail:l:${l}`, inflight: `login-inflight:l:${l}`, ip: `login-fail:ip:${ip ?? 'unknown'}` };
  }

  /** Reserves an attempt, or throws 429 with the seconds to wait. Pair with one of the two below. */
  async acquire(login: string, ip: string | undefined): Promise<void> {
    const k = this.keys(login, ip);
    const wait = await (this.redis.client as unknown as ThrottleRedis).dureLoginAcquire(k.fail, k.inflight, k.ip, this.maxPerLogin, this.maxPerIp);
    if (wait !== 0) throw AuthErrors.throttled(Math.max(1, wait));
  }

  async recordFailure(login: string, ip: string | undefined): Promise<void> {
    const k = this.keys(login, ip);
    await this.redis.client
      .multi()
      .decr(k.inflight)
      .incr(k.fail)
      .expire(k.fail, this.windowSec, 'NX')
      .incr(k.ip)
      .expire(k.ip, this.windowSec, 'NX')
      .exec();
  }

  async recordSuccess(login: string, ip: string | undefined): Promise<void> {
    const k = this.keys(login, ip);
    await this.redis.client.multi().decr(k.inflight).del(k.fail).exec();
  }

  /** The attempt ended without a verdict (an error): just release it. */
  async release(login: string, ip: string | undefined): Promise<void> {
    await this.redis.client.decr(this.keys(login, ip).inflight);
  }
}
