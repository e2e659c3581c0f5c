import { loadConfig } from '@dure/config';
import { createDataSource } from '../data-source';
import { ensureDatabase, runMigrations } from '../migrate';

/** `npm run migration:run`: creates the database if needed and applies pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (await ensureDatabase(config.databaseUrl)) console.log('created database');
  const ds = createDataSource({ url: config.databaseUrl, applicationName: 'dure-migrate' });
  await ds.initialize();
  try {
    const applied = await runMigrations(ds);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
