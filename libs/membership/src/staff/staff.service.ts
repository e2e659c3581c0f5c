import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActionContext, Clock, Page, PageRequest, StaffRole, toSeoulIso } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import type { StaffAccount } from '../entities/staff-account.entity';
import { MembershipErrors } from '../membership.errors';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { PasswordHasher } from '../auth/password-hasher';
import { RefreshTokenRepository } from '../auth/refresh-token.repository';
import { StaffRepository } from './staff.repository';
import { StaffAccess } from './staff-access';

export interface StaffChanges {
  name?: string;
  roles?: StaffRole[];
  active?: boolean;
  /** A new password set by an admin (a reset); the person signs in with it. */
  password?: string;
}

const isAdmin = (s: Pick<StaffAccount, 'roles' | 'active'>) => s.active && s.roles.includes('admin');

export interface StaffView {
  id: string;
  login: string;
  name: string;
  roles: StaffRole[];
  active: boolean;
  createdAt: string;
}

export function toStaffView(s: StaffAccount): StaffView {
  return { id: s.id, login: s.login, name: s.name, roles: s.roles, active: s.active, createdAt: toSeoulIso(s.createdAt) };
}

@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly access: StaffAccess,
  ) {}

  async create(input: { login: string; password: string; name: string; roles: StaffRole[] }, ctx: ActionContext): Promise<StaffView> {
    if (await this.staff.findByLogin(input.login.trim())) {
      // Checked before hashing so a duplicate costs nothing; the unique index still decides races.
      throw MembershipErrors.duplicateStaffLogin();
    }
    const passwordHash = await this.hasher.hash(input.password);
    return this.tx.run(async (tx) => {
      const created = await this.staff.insert(tx, {
        id: randomUUID(),
        login: input.login.trim(),
        name: input.name.trim(),
        passwordHash,
        roles: [...new Set(input.roles)],
        active: true,
      });
      await this.audit.record(tx, ctx, this.clock.now(), {
        action: 'staff.create',
        targetType: 'staff',
        targetId: created.id,
        details: { login: created.login, roles: created.roles },
      });
      return toStaffView(created);
    });
  }

  /**
   * Changes a staff account: name, roles, active, or a password reset. The cooperative always
   * keeps one active admin. A change of roles, a deactivation or a reset ends the person's
   * sessions (their refresh tokens), so it holds from their next sign-in; an access token
   * already issued lives out its 15 minutes.
   */
  async update(id: string, changes: StaffChanges, ctx: ActionContext): Promise<StaffView> {
    if (Object.values(changes).every((v) => v === undefined)) throw MembershipErrors.nothingToChange();
    const passwordHash = changes.password === undefined ? undefined : await this.hasher.hash(changes.password);
    const updated = await this.tx.run(async (tx) => {
      // Staff changes queue one behind the other: "is another admin left?" is then answered by
      // the change before, and no two changes lock admin rows in opposite orders (deadlock).
      await this.staff.lockStaffChanges(tx);
      // The acting admin must still be one (a token outlives a deactivation by minutes).
      if (ctx.actor.type === 'staff') {
        const actor = await this.staff.findById(ctx.actor.id, tx);
        if (!actor || !isAdmin(actor)) throw MembershipErrors.actorNotAdmin();
      }
      const current = await this.staff.lockById(tx, id);
      if (!current) throw MembershipErrors.staffNotFound(id);
      const roles = changes.roles === undefined ? current.roles : [...new Set(changes.roles)];
      const active = changes.active ?? current.active;
      if (isAdmin(current) && !isAdmin({ roles, active }) && (await this.staff.otherActiveAdmins(tx, id)) === 0) {
        throw MembershipErrors.lastAdmin(changes.active === false ? 'active' : 'roles');
      }

      const rolesChanged = roles.length !== current.roles.length || roles.some((r) => !current.roles.includes(r));
      const updated = await this.staff.update(
        tx,
        id,
        {
          ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
          ...(rolesChanged ? { roles } : {}),
          active,
          ...(passwordHash ? { passwordHash } : {}),
        },
        this.clock.now(),
      );
      const endSessions = rolesChanged || (current.active && !active) || passwordHash !== undefined;
      if (endSessions) await this.refreshTokens.revokeSubject(tx, 'staff', id, 'staff account changed');
      await this.audit.record(tx, ctx, this.clock.now(), {
        action: 'staff.update',
        targetType: 'staff',
        targetId: id,
        details: {
          ...(changes.name === undefined ? {} : { name: updated.name }),
          ...(rolesChanged ? { rolesFrom: current.roles, roles } : {}),
          ...(active !== current.active ? { active } : {}),
          ...(passwordHash ? { passwordReset: true } : {}),
          sessionsEnded: endSessions,
        },
      });
      return toStaffView(updated);
    });
    this.access.forget(id);
    return updated;
  }

  async list(page: PageRequest): Promise<Page<StaffView>> {
    const result = await this.staff.list(page);
    return { ...result, items: result.items.map(toStaffView) };
  }
}
