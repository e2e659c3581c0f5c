import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActionContext, Clock, Role } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import type { SubjectType } from '../entities/refresh-token.entity';
import { AuthErrors } from '../membership.errors';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { MemberRepository } from '../members/member.repository';
import { isMobilePhone, normalizePhone } from '../members/phone';
import { StaffRepository } from '../staff/staff.repository';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenRepository } from './refresh-token.repository';
import { TokenService } from './token.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives. */
  expiresIn: number;
  user: { id: string; type: SubjectType; roles: Role[]; name: string };
}

interface Subject {
  type: SubjectType;
  id: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  /** May not sign in (deactivated staff; rejected or withdrawn member). */
  closed: boolean;
}

export interface LoginMeta {
  ip?: string;
  requestId?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly members: MemberRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly audit: AuditLogRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async login(login: string, password: string, meta: LoginMeta): Promise<TokenPair> {
    await this.throttle.acquire(login, meta.ip);
    let subject: Subject | undefined;
    let ok = false;
    try {
      subject = await this.findByLogin(login);
      ok = await this.hasher.verify(subject?.passwordHash, password);
    } catch (err) {
      await this.throttle.release(login, meta.ip);
      throw err;
    }
    if (!ok || !subject) {
      await this.throttle.recordFailure(login, meta.ip);
      throw AuthErrors.invalidCredentials();
    }
    await this.throttle.recordSuccess(login, meta.ip);
    if (subject.closed) throw AuthErrors.accountClosed();
    const found = subject;
    return this.tx.run(async (tx) => {
      if (found.type === 'staff') {
        const ctx: ActionContext = {
          actor: { type: 'staff', id: found.id, roles: found.roles as never },
          requestId: meta.requestId,
          ip: meta.ip,
        };
        await this.audit.record(tx, ctx, this.clock.now(), { action: 'auth.login', targetType: 'staff', targetId: found.id });
      }
      return this.issue(tx, found, randomUUID(), randomUUID());
    });
  }

  /** Exchanges a refresh token for a new pair; the old token stops working. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = TokenService.hashRefresh(refreshToken);
    const nextId = randomUUID();
    const pair = await this.tx.run(async (tx) => {
      const used = await this.refreshTokens.consume(tx, hash, nextId, this.clock.now());
      if (!used) return null;
      // On this transaction's connection: a second one per refresh starved the pool when
      // a fleet of phones refreshed at once.
      const subject = await this.findById(used.subjectType, used.subjectId, tx);
      if (!subject || subject.closed) {
        await this.refreshTokens.revokeFamily(tx, used.familyId, 'account-closed');
        return 'closed' as const;
      }
      return this.issue(tx, subject, used.familyId, nextId);
    });
    if (pair === 'closed') throw AuthErrors.invalidRefreshToken();
    if (pair) return pair;
    // Not consumable. A token that was already rotated is being replayed: whoever holds
    // it may have stolen it, so the whole session family ends.
    const known = await this.refreshTokens.findByHash(hash);
    if (known?.revokedReason === 'rotated') {
      await this.refreshTokens.revokeFamily(undefined, known.familyId, 'reuse-detected');
      throw AuthErrors.refreshTokenReused();
    }
    throw AuthErrors.invalidRefreshToken();
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const known = await this.refreshTokens.findByHash(TokenService.hashRefresh(refreshToken));
    if (known) await this.refreshTokens.revokeFamily(undefined, known.familyId, 'logout');
  }

  private async issue(tx: Tx, subject: Subject, familyId: string, id: string): Promise<TokenPair> {
    const { token, hash } = this.tokens.newRefreshToken();
    await this.refreshTokens.insert(tx, {
      id,
      familyId,
      subjectType: subject.type,
      subjectId: subject.id,
      tokenHash: hash,
      expiresAt: new Date(this.clock.now().getTime() + this.tokens.refreshTtlSec * 1000),
    });
    return {
      accessToken: this.tokens.signAccess(subject.type, subject.id, subject.roles),
      refreshToken: token,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTtlSec,
      user: { id: subject.id, type: subject.type, roles: subject.roles, name: subject.name },
    };
  }

  private async findByLogin(login: string): Promise<Subject | undefined> {
    const staff = await this.staff.findByLogin(login.trim());
    if (staff) {
      return { type: 'staff', id: staff.id, name: staff.name, roles: staff.roles, passwordHash: staff.passwordHash, closed: !staff.active };
    }
    if (!isMobilePhone(login)) return undefined;
    const member = await this.members.findByPhone(normalizePhone(login));
    if (!member) return undefined;
    return {
      type: 'courier',
      id: member.id,
      name: member.name,
      roles: ['courier'],
      passwordHash: member.passwordHash,
      closed: member.status === 'withdrawn' || member.status === 'rejected',
    };
  }

  private async findById(type: SubjectType, id: string, tx: Tx): Promise<Subject | undefined> {
    if (type === 'staff') {
      const s = await this.staff.findById(id, tx);
      return s ? { type, id, name: s.name, roles: s.roles, passwordHash: s.passwordHash, closed: !s.active } : undefined;
    }
    const m = await this.members.findById(id, tx);
    return m
      ? { type, id, name: m.name, roles: ['courier'], passwordHash: m.passwordHash, closed: m.status === 'withdrawn' || m.status === 'rejected' }
      : undefined;
  }
}
