import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActionContext, Clock, DomainError, Page, PageRequest } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import type { Client, InsurancePlan, Insurer } from '../entities/party.entity';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { ApiKeyService, IssuedApiKey } from './api-key.service';
import { PartyRepository } from './party.repository';
import { ApiKeyRepository } from './api-key.repository';

export interface InsurerView {
  id: string;
  name: string;
  plans: InsurancePlan[];
  apiKeyId: string | null;
  createdAt: Date;
}

export interface ClientView {
  id: string;
  name: string;
  businessNo: string;
  creditAccount: boolean;
  apiKeyId: string | null;
  createdAt: Date;
}

/** `123-45-67890` or `1234567890` → `1234567890`. */
export function normalizeBusinessNo(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** Insurers and business clients: the parties that reach Dure with an API key. */
@Injectable()
export class PartyService {
  constructor(
    private readonly parties: PartyRepository,
    private readonly apiKeys: ApiKeyService,
    private readonly keyRepo: ApiKeyRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  createInsurer(input: { name: string; plans: InsurancePlan[] }, ctx: ActionContext): Promise<InsurerView & IssuedApiKey> {
    return this.tx.run(async (tx) => {
      const insurer = await this.parties.insertInsurer(tx, {
        id: randomUUID(),
        name: input.name.trim(),
        plans: [...new Set(input.plans)],
      });
      const key = await this.apiKeys.issue(tx, 'insurer', insurer.id);
      await this.audit.record(tx, ctx, this.clock.now(), {
        action: 'insurer.create',
        targetType: 'insurer',
        targetId: insurer.id,
        details: { name: insurer.name, plans: insurer.plans, apiKeyId: key.apiKeyId },
      });
      return { ...insurer, ...key };
    });
  }

  createClient(input: { name: string; businessNo: string; creditAccount: boolean }, ctx: ActionContext): Promise<ClientView & IssuedApiKey> {
    const businessNo = normalizeBusinessNo(input.businessNo);
    if (!/^\d{10}$/.test(businessNo)) {
      throw DomainError.invalid('MEMBERSHIP.INVALID_BUSINESS_NO', 'The business registration number is not valid', [
        { field: 'businessNo', reason: 'must be 10 digits (###-##-#####)' },
      ]);
    }
    return this.tx.run(async (tx) => {
      const client = await this.parties.insertClient(tx, {
        id: randomUUID(),
        name: input.name.trim(),
        businessNo,
        creditAccount: input.creditAccount,
      });
      const key = await this.apiKeys.issue(tx, 'client', client.id);
      await this.audit.record(tx, ctx, this.clock.now(), {
        action: 'client.create',
        targetType: 'client',
        targetId: client.id,
        details: { name: client.name, businessNo, creditAccount: client.creditAccount, apiKeyId: key.apiKeyId },
      });
      return { ...client, ...key };
    });
  }

  async insurer(id: string): Promise<InsurerView | null> {
    const insurer = await this.parties.findInsurer(id);
    return insurer ? this.withKey(insurer, 'insurer') : null;
  }

  async client(id: string): Promise<ClientView | null> {
    const client = await this.parties.findClient(id);
    return client ? this.withKey(client, 'client') : null;
  }

  async listInsurers(page: PageRequest): Promise<Page<InsurerView>> {
    const result = await this.parties.listInsurers(page);
    return { ...result, items: await Promise.all(result.items.map((i) => this.withKey(i, 'insurer'))) };
  }

  async listClients(page: PageRequest): Promise<Page<ClientView>> {
    const result = await this.parties.listClients(page);
    return { ...result, items: await Promise.all(result.items.map((c) => this.withKey(c, 'client'))) };
  }

  private async withKey<T extends Insurer | Client>(party: T, type: 'insurer' | 'client'): Promise<T & { apiKeyId: string | null }> {
    const key = await this.keyRepo.findActiveForOwner(type, party.id);
    return { ...party, apiKeyId: key?.id ?? null };
  }
}
