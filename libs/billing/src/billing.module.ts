import { Module } from '@nestjs/common';
import { MembershipModule } from '@dure/membership';
import { DispatchModule } from '@dure/dispatch';
import { EarningsService } from './earnings/earnings.service';
import { EarningsRepository } from './earnings/earnings.repository';
import { InvoiceRepository } from './invoices/invoice.repository';
import { PayoutRepository } from './payouts/payout.repository';
import { FeePolicyRepository } from './fees/fee-policy.repository';
import { FeePolicyService } from './fees/fee-policy.service';
import { InvoiceService } from './invoices/invoice.service';
import { BillingHooks } from './ledger/billing-hooks';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerService } from './ledger/ledger.service';
import { PayoutService } from './payouts/payout.service';
import { SettlementRepository } from './settlement/settlement.repository';
import { SettlementService } from './settlement/settlement.service';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { DashboardService } from './dashboard/dashboard.service';

const services = [EarningsService, FeePolicyService, InvoiceService, LedgerService, PayoutService, SettlementService, DashboardService];

/** Fees, the ledger, settlement, payouts, invoices and couriers' earnings. */
@Module({
  imports: [MembershipModule, DispatchModule],
  providers: [...services, BillingHooks, FeePolicyRepository, LedgerRepository, SettlementRepository, PayoutRepository, InvoiceRepository, EarningsRepository, DashboardRepository],
  exports: [...services, LedgerRepository],
})
export class BillingModule {}
