import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActionContext, Clock, Page, PageRequest, StaffRole, toSeoulIso } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import type { StaffAccount } from '../entities/staff-account.entity';
import { MembershipErrors } from '../membership.errors';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { PasswordHasher } from '../auth/password-hasher';
import { StaffRepository } from './staff.repository';

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

  async list(page: PageRequest): Promise<Page<StaffView>> {
    const result = await this.staff.list(page);
    return { ...result, items: result.items.map(toStaffView) };
  }
}
