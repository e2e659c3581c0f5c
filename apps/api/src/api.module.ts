import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AppConfig, ConfigModule } from '@dure/config';
import { Clock, ClockModule } from '@dure/common';
import { DatabaseModule } from '@dure/database';
import { QueueModule } from '@dure/queue';
import { MEMBERSHIP_ENTITIES, MembershipModule } from '@dure/membership';
import { DISPATCH_ENTITIES, DispatchModule } from '@dure/dispatch';
import { BillingModule } from '@dure/billing';
import { InsuranceModule } from '@dure/insurance';
import { AuthGuard } from './common/auth.guard';
import { ErrorFilter } from './common/error.filter';
import { StrictValidationPipe } from './common/validation.pipe';
import { HealthController } from './health/health.controller';
import { AuthController } from './auth/auth.controller';
import { ApplicationsController } from './courier/applications.controller';
import { CourierMeController } from './courier/me.controller';
import { MembersController } from './admin/members.controller';
import { StaffController } from './admin/staff.controller';
import { AuditLogController } from './admin/audit-log.controller';
import { PartiesController } from './admin/parties.controller';
import { QueuesController } from './admin/queues.controller';
import { ClientMeController } from './client/client-me.controller';
import { InsurerMeController } from './insurer/insurer-me.controller';
import { QuotesController } from './dispatch/quotes.controller';
import { OrdersController } from './admin/orders.controller';
import { PricingController } from './admin/pricing.controller';
import { DispatchBoardController } from './admin/dispatch.controller';
import { ClientOrdersController } from './client/client-orders.controller';
import { CourierJobsController } from './courier/jobs.controller';
import { BillingController } from './admin/billing.controller';
import { CourierStatementsController } from './courier/statements.controller';
import { InsuranceController } from './admin/insurance.controller';
import { InsurerBatchesController } from './insurer/insurer-batches.controller';
import { DashboardController } from './admin/dashboard.controller';
import { ConsoleConfigController } from './admin/console-config.controller';

export interface ApiModuleOptions {
  config: AppConfig;
  clock?: Clock;
}

/** The HTTP surface: controllers over the domain libraries, and the cross-cutting pieces. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(options.config),
        ClockModule.forRoot(options.clock),
        DatabaseModule.forRoot({ entities: [...MEMBERSHIP_ENTITIES, ...DISPATCH_ENTITIES], applicationName: 'dure-api' }),
        QueueModule.forRoot(),
        MembershipModule,
        DispatchModule,
        BillingModule,
        InsuranceModule,
      ],
      controllers: [
        HealthController,
        AuthController,
        ApplicationsController,
        CourierMeController,
        MembersController,
        StaffController,
        AuditLogController,
        PartiesController,
        QueuesController,
        ClientMeController,
        InsurerMeController,
        QuotesController,
        OrdersController,
        PricingController,
        DispatchBoardController,
        ClientOrdersController,
        CourierJobsController,
        BillingController,
        CourierStatementsController,
        InsuranceController,
        InsurerBatchesController,
        DashboardController,
        ConsoleConfigController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useClass: StrictValidationPipe },
      ],
    };
  }
}
