import { Injectable } from '@nestjs/common';
import { Page, PageRequest, toSeoulIso } from '@dure/common';
import { AuditFilter, AuditLogRepository } from './audit-log.repository';

export interface AuditEntryView {
  id: string;
  at: string;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
}

@Injectable()
export class AuditService {
  constructor(private readonly log: AuditLogRepository) {}

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryView>> {
    const result = await this.log.list(filter, page);
    return {
      ...result,
      items: result.items.map((e) => ({
        id: String(e.id),
        at: toSeoulIso(e.at),
        actorType: e.actorType,
        actorId: e.actorId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        reason: e.reason,
        details: e.details,
        requestId: e.requestId,
        ip: e.ip,
      })),
    };
  }
}
