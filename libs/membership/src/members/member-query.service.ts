import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, Page, PageRequest, maskPhone, toCsv } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { MemberStatus, VehicleType } from '../entities/member.entity';
import { MembershipErrors } from '../membership.errors';
import { PiiCipher } from '../pii/pii-cipher';
import { RRN_HASH_PURPOSE } from './member-application.service';
import { MemberRepository, MemberSort } from './member.repository';
import { ShareCapitalRepository } from './share-capital.repository';
import { normalizeRrn } from './rrn';
import { CourierProfileCache } from './profile-cache';
import { MemberView, StatusChangeView, toMemberView, toStatusChangeView } from './member.views';

export interface MemberDetailView extends MemberView {
  statusHistory: StatusChangeView[];
  shareCapital: { balanceWon: number; minimumWon: number };
}

/** Insurance status per plan, supplied by the insurance domain once it exists. */
export interface CoverageLine {
  plan: string;
  status: string;
  certificateNo?: string | null;
}

/**
 * Insurance sits above membership, so it plugs its answer in at start-up; until then (or
 * without it) a member has no cover to show.
 */
@Injectable()
export class CoverageSource {
  private source: ((memberId: string) => Promise<CoverageLine[]>) | undefined;

  provide(source: (memberId: string) => Promise<CoverageLine[]>): void {
    this.source = source;
  }

  coverageOf(memberId: string): Promise<CoverageLine[]> {
    return this.source ? this.source(memberId) : Promise.resolve([]);
  }
}

export interface CourierProfileView extends MemberView {
  insurance: CoverageLine[];
  shareCapital: { balanceWon: number; minimumWon: number };
}

export interface MemberListFilter {
  status?: MemberStatus;
  q?: string;
}

/** A search as the audit log may keep it: digits (an RRN, a phone number) masked. */
const auditedSearch = (q: string | undefined) => (q === undefined ? undefined : q.replace(/\d/g, '*'));
const STATUS_KO: Record<MemberStatus, string> = { applicant: '신청', active: '활동', suspended: '정지', withdrawn: '탈퇴', rejected: '반려' };
const VEHICLE_KO: Record<VehicleType, string> = { motorcycle: '오토바이', damas: '다마스', labo: '라보', truck_1t: '1톤 트럭' };
/** 2026-11-22T09:05:00+09:00 → 2026-11-22 09:05, as a spreadsheet reads a Seoul time. */
const spreadsheetTime = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : null);

@Injectable()
export class MemberQueryService {
  constructor(
    private readonly members: MemberRepository,
    private readonly shareCapital: ShareCapitalRepository,
    private readonly cipher: PiiCipher,
    private readonly coverage: CoverageSource,
    private readonly profiles: CourierProfileCache<CourierProfileView>,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(filter: MemberListFilter, page: PageRequest, sort?: MemberSort): Promise<Page<MemberView>> {
    const result = await this.members.list(this.repositoryFilter(filter), page, sort);
    return { ...result, items: result.items.map(toMemberView) };
  }

  /**
   * The whole register as filtered, for the office's spreadsheet: every page, PII masked as on
   * screen (the phone too), Hangul headers, a BOM so Excel reads it. Audited: the register
   * leaves the system.
   */
  async exportCsv(filter: MemberListFilter, ctx: ActionContext, sort?: MemberSort): Promise<{ filename: string; csv: string }> {
    const members = await this.members.exportRows(this.repositoryFilter(filter), sort);
    const rows = members.map(toMemberView).map((m) => [
      m.memberNo,
      m.name,
      STATUS_KO[m.status] ?? m.status,
      maskPhone(m.phone),
      m.rrn,
      VEHICLE_KO[m.vehicleType] ?? m.vehicleType,
      m.bankName,
      m.bankAccount,
      m.accountHolder,
      spreadsheetTime(m.appliedAt),
      spreadsheetTime(m.approvedAt),
      m.statusReason,
      m.withdrawalEffectiveOn,
    ]);
    await this.tx.run((tx) =>
      this.audit.record(tx, ctx, this.clock.now(), { action: 'member.export', targetType: 'member', details: { status: filter.status, q: auditedSearch(filter.q), sort, rows: rows.length } }),
    );
    const header = ['조합원 번호', '이름', '상태', '전화번호', '주민등록번호', '차량', '은행', '계좌번호', '예금주', '신청일시', '승인일시', '사유', '탈퇴일'];
    return { filename: `dure-members${filter.status ? `-${filter.status}` : ''}.csv`, csv: toCsv(header, rows) };
  }

  private repositoryFilter(filter: MemberListFilter) {
    const q = filter.q?.trim();
    // A full RRN is searched through its keyed hash; it is never compared in the clear.
    const rrnHash = q && /^\d{6}-?\d{7}$/.test(q) ? this.cipher.keyedHash(normalizeRrn(q), RRN_HASH_PURPOSE) : undefined;
    return { status: filter.status, q: q || undefined, rrnHash };
  }

  async detail(id: string): Promise<MemberDetailView> {
    const member = await this.members.findById(id);
    if (!member) throw MembershipErrors.memberNotFound(id);
    const [history, totals] = await Promise.all([this.members.history(id), this.shareCapital.totals(id)]);
    return {
      ...toMemberView(member),
      statusHistory: history.map(toStatusChangeView),
      shareCapital: { balanceWon: totals.balanceWon, minimumWon: this.config.membership.shareCapitalMinimumWon },
    };
  }

  /** Number, name and vehicle of these members (for lists that show many at once). */
  summaries(ids: string[]): Promise<{ id: string; memberNo: string | null; name: string; vehicleType: string }[]> {
    return ids.length ? this.members.summaries(ids) : Promise.resolve([]);
  }

  /** The signed-in courier's own profile; the id comes from the token, never from the request. */
  courierProfile(memberId: string): Promise<CourierProfileView> {
    return this.profiles.get(memberId, () => this.loadCourierProfile(memberId));
  }

  private async loadCourierProfile(memberId: string): Promise<CourierProfileView> {
    const [found, insurance] = await Promise.all([this.members.findWithShareBalance(memberId), this.coverage.coverageOf(memberId)]);
    if (!found) throw MembershipErrors.memberNotFound(memberId);
    return {
      ...toMemberView(found.member),
      insurance,
      shareCapital: { balanceWon: found.shareBalanceWon, minimumWon: this.config.membership.shareCapitalMinimumWon },
    };
  }
}
