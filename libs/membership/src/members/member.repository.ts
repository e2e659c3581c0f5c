import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '@dure/common';
import { Tx, sqlRows, uniqueViolationConstraint, wonFromDb } from '@dure/database';
import { Member, MemberStatus } from '../entities/member.entity';
import { MemberStatusChange } from '../entities/member-status-change.entity';
import { MembershipErrors } from '../membership.errors';

export interface MemberFilter {
  status?: MemberStatus;
  /** Name, phone or member number (partial); a full RRN is matched through its keyed hash. */
  q?: string;
  rrnHash?: string;
}

/** How the register may be ordered: a field, descending with a leading minus. */
export const MEMBER_SORTS = ['appliedAt', '-appliedAt', 'name', '-name', 'memberNo', '-memberNo'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
const SORT_COLUMNS: Record<string, string> = { appliedAt: 'm.applied_at', name: 'm.name', memberNo: 'm.member_no' };

/** A status change with the name of whoever made it (staff or the member; none for the system). */
export interface MemberStatusChangeRow extends MemberStatusChange {
  actorName: string | null;
}

export type NewMember = Omit<Member, 'createdAt' | 'updatedAt' | 'statusChangedAt'>;

@Injectable()
export class MemberRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(Member);
  }

  async insert(tx: Tx, member: NewMember): Promise<void> {
    try {
      await this.repo(tx).insert(member);
    } catch (err) {
      const constraint = uniqueViolationConstraint(err);
      if (constraint === 'uq_member_rrn_hash') throw MembershipErrors.duplicateRrn();
      if (constraint === 'uq_member_phone') throw MembershipErrors.duplicatePhone();
      throw err;
    }
  }

  /** Cheap pre-check so a duplicate is refused before the password is hashed. */
  async findDuplicate(rrnHash: string, phone: string): Promise<'rrn' | 'phone' | undefined> {
    const rows: { rrn: boolean }[] = await this.dataSource.query(
      `SELECT rrn_hash = $1 AS rrn FROM member WHERE rrn_hash = $1 OR phone = $2 ORDER BY 1 DESC LIMIT 1`,
      [rrnHash, phone],
    );
    if (rows.length === 0) return undefined;
    return rows[0].rrn ? 'rrn' : 'phone';
  }

  findById(id: string, tx?: Tx): Promise<Member | null> {
    return this.repo(tx).findOneBy({ id });
  }

  /**
   * The member and the share capital balance in one round trip: the hot path of
   * GET /courier/me, so plain SQL rather than an entity query.
   */
  async findWithShareBalance(id: string): Promise<{ member: Member; shareBalanceWon: number } | null> {
    const rows = await sqlRows<Member & { shareBalanceWon: string }>(
      this.dataSource.manager,
      `SELECT m.id, m.member_no AS "memberNo", m.status, m.name, m.phone, m.birth_date::text AS "birthDate",
              m.rrn_masked AS "rrnMasked", m.vehicle_type AS "vehicleType", m.bank_name AS "bankName",
              m.bank_account_masked AS "bankAccountMasked", m.account_holder AS "accountHolder",
              m.privacy_consented_at AS "privacyConsentedAt", m.insurance_consented_at AS "insuranceConsentedAt",
              m.applied_at AS "appliedAt", m.approved_at AS "approvedAt",
              m.withdrawal_effective_on::text AS "withdrawalEffectiveOn", m.status_reason AS "statusReason",
              (SELECT coalesce(sum(CASE WHEN e.kind = 'payment' THEN e.amount_won ELSE -e.amount_won END), 0)
                 FROM share_capital_entry e WHERE e.member_id = m.id) AS "shareBalanceWon"
         FROM member m WHERE m.id = $1`,
      [id],
    );
    if (rows.length === 0) return null;
    const { shareBalanceWon, ...member } = rows[0];
    return { member: member as Member, shareBalanceWon: wonFromDb(shareBalanceWon) };
  }

  /** Status and vehicle of each of these members (missing ones are left out). */
  async statusesOf(ids: string[]): Promise<Map<string, { status: Member['status']; vehicleType: Member['vehicleType'] }>> {
    if (ids.length === 0) return new Map();
    const rows = await sqlRows<{ id: string; status: Member['status']; vehicle_type: Member['vehicleType'] }>(
      this.dataSource.manager,
      `SELECT id, status, vehicle_type FROM member WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { status: r.status, vehicleType: r.vehicle_type }]));
  }

  findByPhone(phone: string): Promise<Member | null> {
    return this.repo().findOneBy({ phone });
  }

  /** Loads the member and holds its row lock until the transaction ends. */
  async lock(tx: Tx, id: string): Promise<Member> {
    const member = await this.repo(tx)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id })
      .getOne();
    if (!member) throw MembershipErrors.memberNotFound(id);
    return member;
  }

  async update(tx: Tx, id: string, changes: Partial<Member>): Promise<void> {
    await this.repo(tx).update({ id }, { ...changes, updatedAt: () => 'now()' } as never);
  }

  /**
   * The next member number of the year. The counter row is locked until the approving
   * transaction ends, so numbers are unique and, since a rollback returns the number,
   * gap-free; the unique constraint on member_no is the last line of defence.
   */
  async nextMemberSequence(tx: Tx, year: number): Promise<number> {
    const rows: { last_value: number }[] = await tx.query(
      `INSERT INTO member_no_counter (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = member_no_counter.last_value + 1
       RETURNING last_value`,
      [year],
    );
    return rows[0].last_value;
  }

  async recordStatusChange(tx: Tx, change: Omit<MemberStatusChange, 'id'>): Promise<void> {
    await tx.getRepository(MemberStatusChange).insert(change);
  }

  async history(memberId: string): Promise<MemberStatusChangeRow[]> {
    const rows = await sqlRows<MemberStatusChange & { actorName: string | null }>(
      this.dataSource.manager,
      `SELECT c.id, c.member_id AS "memberId", c.from_status AS "fromStatus", c.to_status AS "toStatus", c.reason,
              to_char(c.effective_on, 'YYYY-MM-DD') AS "effectiveOn", c.actor_type AS "actorType", c.actor_id AS "actorId", c.at,
              CASE c.actor_type
                WHEN 'staff' THEN (SELECT s.name FROM staff_account s WHERE s.id = c.actor_id::uuid)
                WHEN 'courier' THEN (SELECT m.name FROM member m WHERE m.id = c.actor_id::uuid)
              END AS "actorName"
         FROM member_status_change c
        WHERE c.member_id = $1
        ORDER BY c.id`,
      [memberId],
    );
    return rows;
  }

  /** The register as filtered and sorted (no paging). */
  private filtered(filter: MemberFilter, sort: MemberSort) {
    const qb = this.repo().createQueryBuilder('m');
    if (filter.status) qb.andWhere('m.status = :status', { status: filter.status });
    if (filter.rrnHash) {
      qb.andWhere('m.rrn_hash = :rrnHash', { rrnHash: filter.rrnHash });
    } else if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const digits = filter.q.replace(/\D/g, '');
      qb.andWhere(
        `(m.name ILIKE :like OR m.member_no ILIKE :like${digits.length >= 4 ? ' OR m.phone LIKE :phone' : ''})`,
        { like, phone: `%${digits}%` },
      );
    }
    const descending = sort.startsWith('-');
    return qb.orderBy(SORT_COLUMNS[sort.replace('-', '')], descending ? 'DESC' : 'ASC', 'NULLS LAST').addOrderBy('m.id', 'ASC');
  }

  async list(filter: MemberFilter, page: PageRequest, sort: MemberSort = '-appliedAt'): Promise<Page<Member>> {
    const [items, total] = await this.filtered(filter, sort).offset(pageOffset(page)).limit(page.limit).getManyAndCount();
    return toPage(items, total, page);
  }

  /** Every member the filter matches, in one statement (one snapshot: nothing doubled or skipped by concurrent changes). */
  exportRows(filter: MemberFilter, sort: MemberSort = '-appliedAt'): Promise<Member[]> {
    return this.filtered(filter, sort).getMany();
  }

  /** Number, name and vehicle of these members, in one query. */
  summaries(ids: string[]): Promise<{ id: string; memberNo: string | null; name: string; vehicleType: string }[]> {
    return sqlRows(this.dataSource.manager, `SELECT id, member_no AS "memberNo", name, vehicle_type AS "vehicleType" FROM member WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async countAll(tx?: Tx): Promise<number> {
    return this.repo(tx).count();
  }
}
