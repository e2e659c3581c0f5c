import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { loadConfig } from './load-config';

@Global()
@Module({})
export class ConfigModule {
  /** Provides `AppConfig`: the given one (tests) or the environment's (apps). */
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config ?? loadConfig() }],
      exports: [AppConfig],
    };
  }
}
