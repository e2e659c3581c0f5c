import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@dure/config';
import { Clock, ClockModule } from '@dure/common';
import { DatabaseModule } from '@dure/database';
import { QueueModule } from '@dure/queue';
import { MEMBERSHIP_ENTITIES, MembershipModule } from '@dure/membership';
import { DISPATCH_ENTITIES, DispatchModule } from '@dure/dispatch';
import { BillingModule } from '@dure/billing';
import { InsuranceModule } from '@dure/insurance';
import { DomainEventsProcessor } from './processors/domain-events.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { OrderEventsProcessor } from './processors/order-events.processor';
import { DispatchProcessor } from './processors/dispatch.processor';
import { BillingProcessor } from './processors/billing.processor';
import { InsuranceProcessor } from './processors/insurance.processor';
import { TrackWriterService } from './track-writer.service';
import { OutboxRelayService } from './outbox-relay.service';
import { SchedulesService } from './schedules.service';

export interface WorkerModuleOptions {
  config: AppConfig;
  clock?: Clock;
  /** Run the outbox relay and the track writer (default true; tests of processors alone turn them off). */
  relay?: boolean;
}

/** BullMQ processors and the outbox relay; no public HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(options.config),
        ClockModule.forRoot(options.clock),
        DatabaseModule.forRoot({ entities: [...MEMBERSHIP_ENTITIES, ...DISPATCH_ENTITIES], applicationName: 'dure-worker' }),
        QueueModule.forRoot(),
        MembershipModule,
        DispatchModule,
        BillingModule,
        InsuranceModule,
      ],
      providers: [
        DomainEventsProcessor,
        OrderEventsProcessor,
        DispatchProcessor,
        BillingProcessor,
        InsuranceProcessor,
        MaintenanceProcessor,
        SchedulesService,
        ...(options.relay === false ? [] : [OutboxRelayService, TrackWriterService]),
      ],
    };
  }
}
