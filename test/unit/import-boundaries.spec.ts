import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Lints `code` as if it lived at `file`; returns the messages of the boundary rules. */
function lint(file: string, code: string): string {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  });
  const [report] = JSON.parse(res.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return report.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')
    .map((m) => m.message)
    .join('\n');
}

describe('import boundaries (eslint)', () => {
  it.each([
    ['libs/common/src/x.ts', "import { MembershipModule } from '@dure/membership';", 'libs/common may import only'],
    ['libs/membership/src/x.ts', "import { createApiApp } from '../../../apps/api/src/api.app';", 'Libraries never import applications'],
    ['libs/membership/src/x.ts', "import { loadConfig } from '@dure/config/src/load-config';", 'through its index'],
    ['libs/membership/src/x.ts', "import { waitFor } from '@dure/testing';", 'libs/membership may import only'],
    ['libs/membership/src/members/x.service.ts', "import { DataSource } from 'typeorm';", 'only *.repository.ts files touch TypeORM'],
    ['apps/worker/src/x.ts', "import { createApiApp } from '../../api/src/api.app';", 'The worker never imports the api'],
    ['apps/api/src/x.ts', "import { WorkerModule } from '../../worker/src/worker.module';", 'The api never imports the worker'],
    ['apps/api/src/x.ts', 'export const port = process.env.PORT;', 'Read configuration from AppConfig'],
  ])('%s: %s is refused', (file, code, message) => {
    expect(lint(file, code)).toContain(message);
  });

  it('allows what the layering allows', () => {
    expect(lint('libs/membership/src/x.ts', "import { OutboxRepository } from '@dure/queue';\nexport const a = OutboxRepository;")).toBe('');
    expect(lint('libs/membership/src/x.repository.ts', "import { DataSource } from 'typeorm';\nexport const a = DataSource;")).toBe('');
    expect(lint('apps/api/src/x.ts', "import { MembershipModule } from '@dure/membership';\nexport const a = MembershipModule;")).toBe('');
  });
});
