import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActionContext, Page, PageRequest, pageOffset, toPage } from '@dure/common';
import type { Tx } from '@dure/database';
import { AuditLogEntry } from '../entities/audit-log-entry.entity';

export interface AuditRecord {
  action: string;
  targetType?: string;
  targetId?: string;
  reason?: string;
  /** Never clear PII: masked values only. */
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(tx: Tx, ctx: ActionContext, at: Date, entry: AuditRecord): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (at, actor_type, actor_id, action, target_type, target_id, reason, details, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        at,
        ctx.actor.type,
        ctx.actor.id,
        entry.action,
        entry.targetType ?? null,
        entry.targetId ?? null,
        entry.reason ?? null,
        JSON.stringify(entry.details ?? {}),
        ctx.requestId ?? null,
        ctx.ip ?? null,
      ],
    );
  }

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditLogEntry>> {
    const qb = this.dataSource.getRepository(AuditLogEntry).createQueryBuilder('a');
    if (filter.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.targetType) qb.andWhere('a.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) qb.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    const [items, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset(pageOffset(page))
      .limit(page.limit)
      .getManyAndCount();
    return toPage(items, total, page);
  }
}
