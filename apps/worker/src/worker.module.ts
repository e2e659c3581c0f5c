import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@dure/config';
import { Clock, ClockModule } from '@dure/common';
import { DatabaseModule } from '@dure/database';
import { QueueModule } from '@dure/queue';
import { MEMBERSHIP_ENTITIES, MembershipModule } from '@dure/membership';
import { DomainEventsProcessor } from './processors/domain-events.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { OutboxRelayService } from './outbox-relay.service';
import { SchedulesService } from './schedules.service';

export interface WorkerModuleOptions {
  config: AppConfig;
  clock?: Clock;
  /** Run the outbox relay (default true; tests of processors alone turn it off). */
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
        DatabaseModule.forRoot({ entities: MEMBERSHIP_ENTITIES, applicationName: 'dure-worker' }),
        QueueModule.forRoot(),
        MembershipModule,
      ],
      providers: [
        DomainEventsProcessor,
        MaintenanceProcessor,
        SchedulesService,
        ...(options.relay === false ? [] : [OutboxRelayService]),
      ],
    };
  }
}
