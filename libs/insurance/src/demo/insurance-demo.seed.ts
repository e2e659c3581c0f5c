import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, SYSTEM_ACTOR } from '@dure/common';
import { AppStateRepository, TransactionRunner } from '@dure/database';
import { DEMO_MEMBERS, MemberRepository, PartyService, normalizePhone } from '@dure/membership';

const SYSTEM: ActionContext = { actor: SYSTEM_ACTOR };

/**
 * The demo cooperative's insurers: a private insurer for the group accident plan and the
 * public agency for employment and industrial accident. Enrolments follow by themselves
 * as the worker delivers the demo members' activation events.
 */
@Injectable()
export class InsuranceDemoSeed {
  private readonly log = new Logger(InsuranceDemoSeed.name);

  constructor(
    private readonly parties: PartyService,
    private readonly members: MemberRepository,
    private readonly appState: AppStateRepository,
    private readonly tx: TransactionRunner,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(): Promise<boolean> {
    if (!this.config.demo) return false;
    const first = DEMO_MEMBERS[0];
    if (!first || !(await this.members.findByPhone(normalizePhone(first.phone)))) return false; // not the demo register
    if (!(await this.tx.run((tx) => this.appState.once('demo-insurance-seeded', tx)))) return false;
    await this.parties.createInsurer({ name: '한마음손해보험 (demo)', plans: ['group_accident'] }, SYSTEM);
    await this.parties.createInsurer({ name: '근로복지공단 (demo)', plans: ['employment', 'industrial_accident'] }, SYSTEM);
    this.log.log('Seeded the demo insurers (rotate their keys in the console to connect an integration)');
    return true;
  }
}
