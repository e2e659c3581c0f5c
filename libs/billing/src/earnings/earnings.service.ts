import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { isCalendarDate, seoulStartOfDay } from '@dure/common';
import { BillingErrors } from '../billing.errors';
import { EarningsRepository } from './earnings.repository';

export interface EarningsView {
  from: string;
  to: string;
  jobs: number;
  grossWon: number;
  feeWon: number;
  /** Σ (what the benchmark rate would have taken − the fee actually taken), per job. */
  savingsWon: number;
  benchmarkRateBps: number;
}

/** A courier's earnings over business dates, with what the cooperative's fee saved them. */
@Injectable()
export class EarningsService {
  private readonly benchmarkBps: number;

  constructor(
    private readonly earnings: EarningsRepository,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.benchmarkBps = config.billing.benchmarkRateBps;
  }

  async forCourier(memberId: string, from: string, to: string): Promise<EarningsView> {
    if (!isCalendarDate(from) || !isCalendarDate(to)) throw BillingErrors.invalidRange('from and to must be YYYY-MM-DD');
    if (to < from) throw BillingErrors.invalidRange('to is before from');
    const totals = await this.earnings.totals(memberId, seoulStartOfDay(from), new Date(seoulStartOfDay(to).getTime() + 86_400_000), this.benchmarkBps);
    return { from, to, ...totals, benchmarkRateBps: this.benchmarkBps };
  }
}
