export * from './domain-error';
export * from './clock';
export * from './seoul-time';
export * from './pagination';
export * from './masking';
export * from './actor';
export * from './clock.module';
export * from './logging';
