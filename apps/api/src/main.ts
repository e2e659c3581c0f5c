import 'reflect-metadata';
import { ConfigError, loadConfig } from '@dure/config';
import { BootstrapError } from '@dure/membership';
import { createApiApp } from './api.app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen({ port: config.port, host: config.host });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof BootstrapError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
