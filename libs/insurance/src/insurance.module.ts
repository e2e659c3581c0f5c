import { Module } from '@nestjs/common';
import { MembershipModule } from '@dure/membership';
import { DispatchModule } from '@dure/dispatch';
import { BillingModule } from '@dure/billing';
import { BatchFileStore } from './batches/batch-file-store';
import { InsuranceDemoSeed } from './demo/insurance-demo.seed';
import { BatchRepository } from './batches/batch.repository';
import { BatchService } from './batches/batch.service';
import { EnrollmentRepository } from './enrollments/enrollment.repository';
import { EnrollmentService } from './enrollments/enrollment.service';
import { MonthlyRepository } from './monthly/monthly.repository';
import { MonthlyService } from './monthly/monthly.service';
import { RateRepository } from './rates/rate.repository';
import { RateService } from './rates/rate.service';

const services = [BatchService, EnrollmentService, MonthlyService, RateService, InsuranceDemoSeed];

/**
 * Plans, rates, enrolments, monthly premiums, insurer batches and the statutory report.
 * Importing it plugs insurance into membership (`/courier/me` cover) and dispatch (who
 * may be offered work).
 */
@Module({
  imports: [MembershipModule, DispatchModule, BillingModule],
  providers: [...services, BatchFileStore, BatchRepository, EnrollmentRepository, MonthlyRepository, RateRepository],
  exports: services,
})
export class InsuranceModule {}
