import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, SYSTEM_ACTOR, seoulDate } from '@dure/common';
import { AppStateRepository, TransactionRunner } from '@dure/database';
import { StaffRepository } from '../staff/staff.repository';
import { StaffService } from '../staff/staff.service';
import { MemberRepository } from '../members/member.repository';
import { MemberApplicationService } from '../members/member-application.service';
import { MemberLifecycleService } from '../members/member-lifecycle.service';
import { ShareCapitalService } from '../members/share-capital.service';
import { DEMO_COURIER_PASSWORD, DEMO_MEMBERS, DEMO_STAFF, DEMO_STAFF_PASSWORD, demoRrn } from './demo-data';

const SYSTEM: ActionContext = { actor: SYSTEM_ACTOR };

export class BootstrapError extends Error {}

/**
 * What start-up does to an installation: the first admin from the configuration when no
 * admin exists, and the demo cooperative when the database is empty and the demo is on.
 */
@Injectable()
export class MembershipBootstrap {
  private readonly log = new Logger('Bootstrap');

  constructor(
    private readonly staff: StaffRepository,
    private readonly staffService: StaffService,
    private readonly members: MemberRepository,
    private readonly applications: MemberApplicationService,
    private readonly lifecycle: MemberLifecycleService,
    private readonly shareCapital: ShareCapitalService,
    private readonly appState: AppStateRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ adminCreated: boolean; demoSeeded: boolean }> {
    const adminCreated = await this.ensureAdmin();
    const demoSeeded = this.config.demo ? await this.seedDemo() : false;
    return { adminCreated, demoSeeded };
  }

  private async ensureAdmin(): Promise<boolean> {
    if (await this.staff.anyAdmin()) return false;
    const password = this.config.admin.password;
    if (!password) {
      if (this.config.nodeEnv === 'production') {
        throw new BootstrapError('DURE_ADMIN_PASSWORD is required to create the first admin (no admin exists yet)');
      }
      this.log.warn('No admin exists and DURE_ADMIN_PASSWORD is not set; no admin was created');
      return false;
    }
    try {
      await this.staffService.create({ login: this.config.admin.login, password, name: 'Administrator', roles: ['admin'] }, SYSTEM);
      this.log.log(`Created the first admin "${this.config.admin.login}"`);
      return true;
    } catch (err) {
      if (await this.staff.anyAdmin()) return false; // another process won the race
      throw err;
    }
  }

  /** Seeds once per database (an app_state flag), and only into an empty member register. */
  private async seedDemo(): Promise<boolean> {
    const claimed = await this.tx.run(async (tx) => {
      if ((await this.members.countAll(tx)) > 0) return false;
      return this.appState.once('demo-seeded', tx);
    });
    if (!claimed) return false;
    for (const s of DEMO_STAFF) {
      if (!(await this.staff.findByLogin(s.login))) {
        await this.staffService.create({ ...s, password: DEMO_STAFF_PASSWORD }, SYSTEM);
      }
    }
    const today = seoulDate(this.clock.now());
    for (const m of DEMO_MEMBERS) {
      const { memberId } = await this.applications.apply({
        name: m.name,
        phone: m.phone,
        password: DEMO_COURIER_PASSWORD,
        birthDate: m.birthDate,
        rrn: demoRrn(m),
        vehicleType: m.vehicleType,
        bankName: m.bankName,
        bankAccount: m.bankAccount,
        accountHolder: m.name,
        consents: { privacy: true, insurance: true },
      });
      if (m.state === 'applicant') continue;
      if (m.state === 'rejected') {
        await this.lifecycle.reject(memberId, '서류 미비 (demo)', SYSTEM);
        continue;
      }
      await this.lifecycle.approve(memberId, SYSTEM);
      await this.shareCapital.record(memberId, { kind: 'payment', amountWon: 100_000, paidOn: today, note: '출자금 (demo)' }, SYSTEM);
      if (m.state === 'suspended') await this.lifecycle.suspend(memberId, '보험 서류 확인 중 (demo)', SYSTEM);
      if (m.state === 'withdrawn') await this.lifecycle.withdraw(memberId, '개인 사정 (demo)', today, SYSTEM);
    }
    this.log.log(`Seeded the demo cooperative: ${DEMO_STAFF.length} staff, ${DEMO_MEMBERS.length} members`);
    return true;
  }
}
