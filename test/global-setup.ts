// Global setup runs outside Jest's module mapping: import files, not @dure/* aliases.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { createDataSource } from '../libs/database/src/data-source';
import { runMigrations } from '../libs/database/src/migrate';
import { dropStaleTestDatabases, rebuildTemplate } from '../libs/testing/src/test-database';

/**
 * Once per run: a fresh migrated template database that every test file clones, and the
 * console built from the sources under test into its own directory (dist/console-test), so a
 * test run never swaps the files under a console that `npm start` is serving. The workers
 * inherit DURE_CONSOLE_DIR and serve that build.
 */
export default async function globalSetup(): Promise<void> {
  process.env.DURE_CONSOLE_DIR ??= path.resolve(__dirname, '..', 'dist', 'console-test');
  execFileSync('npm', ['run', '--silent', 'console:build', '--', '--logLevel', 'error'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  await dropStaleTestDatabases();
  await rebuildTemplate(async (url) => {
    const ds = createDataSource({ url, applicationName: 'dure-test-setup' });
    await ds.initialize();
    try {
      await runMigrations(ds);
    } finally {
      await ds.destroy();
    }
  });
}
