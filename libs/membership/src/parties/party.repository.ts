import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '@dure/common';
import { Tx, uniqueViolationConstraint } from '@dure/database';
import { Client, Insurer } from '../entities/party.entity';
import { MembershipErrors } from '../membership.errors';

@Injectable()
export class PartyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertInsurer(tx: Tx, insurer: Omit<Insurer, 'createdAt'>): Promise<Insurer> {
    try {
      await tx.getRepository(Insurer).insert(insurer);
    } catch (err) {
      if (uniqueViolationConstraint(err) === 'uq_insurer_name') throw MembershipErrors.duplicateInsurer();
      throw err;
    }
    return tx.getRepository(Insurer).findOneByOrFail({ id: insurer.id });
  }

  async insertClient(tx: Tx, client: Omit<Client, 'createdAt'>): Promise<Client> {
    try {
      await tx.getRepository(Client).insert(client);
    } catch (err) {
      if (uniqueViolationConstraint(err) === 'uq_client_business_no') throw MembershipErrors.duplicateBusinessNo();
      throw err;
    }
    return tx.getRepository(Client).findOneByOrFail({ id: client.id });
  }

  findInsurer(id: string): Promise<Insurer | null> {
    return this.dataSource.getRepository(Insurer).findOneBy({ id });
  }

  findClient(id: string): Promise<Client | null> {
    return this.dataSource.getRepository(Client).findOneBy({ id });
  }

  async listInsurers(page: PageRequest): Promise<Page<Insurer>> {
    const [items, total] = await this.dataSource
      .getRepository(Insurer)
      .findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, skip: pageOffset(page), take: page.limit });
    return toPage(items, total, page);
  }

  async listClients(page: PageRequest): Promise<Page<Client>> {
    const [items, total] = await this.dataSource
      .getRepository(Client)
      .findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, skip: pageOffset(page), take: page.limit });
    return toPage(items, total, page);
  }
}
