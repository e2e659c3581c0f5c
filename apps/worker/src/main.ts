import 'reflect-metadata';
import { ConfigError, loadConfig } from '@dure/config';
import { createWorkerApp } from './worker.app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp(config);
  // SIGTERM: the relay finishes its batch, workers let active jobs finish, then we exit.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
