import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { Page, PageRequest } from '@dure/common';
import type { MemberStatus } from '../entities/member.entity';
import { MembershipErrors } from '../membership.errors';
import { PiiCipher } from '../pii/pii-cipher';
import { RRN_HASH_PURPOSE } from './member-application.service';
import { MemberRepository } from './member.repository';
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

@Injectable()
export class MemberQueryService {
  constructor(
    private readonly members: MemberRepository,
    private readonly shareCapital: ShareCapitalRepository,
    private readonly cipher: PiiCipher,
    private readonly coverage: CoverageSource,
    private readonly profiles: CourierProfileCache<CourierProfileView>,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async list(filter: { status?: MemberStatus; q?: string }, page: PageRequest): Promise<Page<MemberView>> {
    const q = filter.q?.trim();
    // A full RRN is searched through its keyed hash; it is never compared in the clear.
    const rrnHash = q && /^\d{6}-?\d{7}$/.test(q) ? this.cipher.keyedHash(normalizeRrn(q), RRN_HASH_PURPOSE) : undefined;
    const result = await this.members.list({ status: filter.status, q: q || undefined, rrnHash }, page);
    return { ...result, items: result.items.map(toMemberView) };
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
