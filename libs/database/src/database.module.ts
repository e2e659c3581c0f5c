import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dure/config';
import { createDataSource } from './data-source';
import { ensureDatabase, runMigrations } from './migrate';
import { TransactionRunner } from './transaction-runner';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { AppStateRepository } from './app-state.repository';

export interface DatabaseModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  applicationName: string;
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [AppConfig],
          useFactory: async (config: AppConfig): Promise<DataSource> => {
            if (config.migrateOnBoot) await ensureDatabase(config.databaseUrl);
            const ds = createDataSource({
              url: config.databaseUrl,
              entities: options.entities,
              poolSize: config.databasePoolSize,
              applicationName: options.applicationName,
            });
            await ds.initialize();
            if (config.migrateOnBoot) await runMigrations(ds);
            return ds;
          },
        },
        DataSourceCloser,
        TransactionRunner,
        IdempotencyRepository,
        AppStateRepository,
      ],
      exports: [DataSource, TransactionRunner, IdempotencyRepository, AppStateRepository],
    };
  }
}
