import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '@dure/common';
import { Tx, isUniqueViolation } from '@dure/database';
import { StaffAccount } from '../entities/staff-account.entity';
import { MembershipErrors } from '../membership.errors';

@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(StaffAccount);
  }

  async insert(tx: Tx, staff: Omit<StaffAccount, 'createdAt' | 'updatedAt'>): Promise<StaffAccount> {
    try {
      await this.repo(tx).insert(staff);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_staff_account_login')) throw MembershipErrors.duplicateStaffLogin();
      throw err;
    }
    return this.repo(tx).findOneByOrFail({ id: staff.id });
  }

  findByLogin(login: string): Promise<StaffAccount | null> {
    return this.repo().createQueryBuilder('s').where('lower(s.login) = lower(:login)', { login }).getOne();
  }

  findById(id: string, tx?: Tx): Promise<StaffAccount | null> {
    return this.repo(tx).findOneBy({ id });
  }

  async anyAdmin(tx?: Tx): Promise<boolean> {
    const rows: unknown[] = await (tx ?? this.dataSource.manager).query(
      `SELECT 1 FROM staff_account WHERE 'admin' = ANY(roles) AND active LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Locks the account for a change; null when there is none. */
  async lockById(tx: Tx, id: string): Promise<StaffAccount | null> {
    return this.repo(tx).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  }

  /** Serialises changes to staff accounts (a transaction-scoped advisory lock). */
  async lockStaffChanges(tx: Tx): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('dure:staff-changes'))`);
  }

  /** Active admins other than `exceptId` (under lockStaffChanges, so the answer holds until commit). */
  async otherActiveAdmins(tx: Tx, exceptId: string): Promise<number> {
    const rows: unknown[] = await tx.query(`SELECT id FROM staff_account WHERE 'admin' = ANY(roles) AND active AND id <> $1`, [exceptId]);
    return rows.length;
  }

  async update(tx: Tx, id: string, changes: Partial<Pick<StaffAccount, 'name' | 'roles' | 'active' | 'passwordHash'>>, at: Date): Promise<StaffAccount> {
    await this.repo(tx).update({ id }, { ...changes, updatedAt: at });
    return this.repo(tx).findOneByOrFail({ id });
  }

  async list(page: PageRequest): Promise<Page<StaffAccount>> {
    const [items, total] = await this.repo().findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.limit,
    });
    return toPage(items, total, page);
  }
}
