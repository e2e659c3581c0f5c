export * from './test-database';
export * from './test-redis';
export * from './test-env';
export * from './wait-for';
export * from './log-capture';
export * from './factories';
export * from './domain-module';
