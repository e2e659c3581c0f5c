/**
 * Getting a running Dure ready for a simulation over its public API: the admin's
 * credentials, simulated couriers (created once, reused by later runs: deterministic
 * phones 010-7xxx-xxxx, RRNs and a fixed password), and a business client whose API key
 * places the orders.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ApiError, DureApi, Session } from './http';

export const SIM_COURIER_PASSWORD = 'sim-courier-password-1';

const FAMILY = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권'];
const GIVEN = ['민준', '서준', '도윤', '예준', '시우', '하준', '지호', '주원', '지훈', '현우', '건우', '우진', '민재', '성민', '영수', '상철'];

/** Admin credentials: flags, else the environment, else `.dure/local.env` in the repository. */
export function adminCredentials(repoRoot: string, flags: { login?: string; password?: string }): { login: string; password: string; source: string } {
  const file = path.join(repoRoot, '.dure', 'local.env');
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (m) fromFile[m[1]] = m[2];
    }
  }
  const login = flags.login ?? process.env.DURE_ADMIN_LOGIN ?? fromFile.DURE_ADMIN_LOGIN ?? 'admin';
  const password = flags.password ?? process.env.DURE_ADMIN_PASSWORD ?? fromFile.DURE_ADMIN_PASSWORD;
  if (!password) {
    throw new Error('No admin password: pass --admin-password, set DURE_ADMIN_PASSWORD, or run `npm start` once (it writes .dure/local.env).');
  }
  const source = flags.password ? '--admin-password' : process.env.DURE_ADMIN_PASSWORD ? 'DURE_ADMIN_PASSWORD' : path.relative(process.cwd(), file) || file;
  return { login, password, source };
}

/** Simulated courier number `i` (1-based): its application, deterministic so a rerun finds it. */
export function simCourierApplication(i: number, password: string) {
  if (!Number.isInteger(i) || i < 1 || i > 9_999_999) throw new Error(`courier number ${i} out of range`);
  const phone = `010-7${String(Math.floor(i / 10_000)).padStart(3, '0')}-${String(i % 10_000).padStart(4, '0')}`;
  const name = `${FAMILY[i % FAMILY.length]}${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}`;
  return {
    name,
    phone,
    password,
    birthDate: '1984-05-05',
    // Century/sex digit 1 (born 1900-1999, male) and six digits from the courier's number.
    rrn: `840505-1${String(i).padStart(6, '0')}`,
    vehicleType: 'motorcycle',
    bankName: '대구은행',
    bankAccount: `508-70-${String(i).padStart(6, '0')}`,
    accountHolder: name,
    consents: { privacy: true, insurance: true },
  };
}

export interface ProvisionedCourier {
  index: number;
  memberId: string;
  phone: string;
  session: Session;
  created: boolean;
}

/**
 * Courier `i`, active and signed in: applies and is approved the first time; later runs
 * sign in with the same phone and password (and approve or reinstate if needed).
 */
export async function provisionCourier(api: DureApi, admin: Session, i: number, password: string): Promise<ProvisionedCourier> {
  const application = simCourierApplication(i, password);
  const session = new Session(api, application.phone, password);
  const applied = await api.call<{ memberId: string }>('POST', '/courier/applications', { body: application });
  let created = false;
  if (applied.status === 201) {
    created = true;
    await approve(admin, applied.body.memberId);
    await session.signIn();
  } else if (applied.status === 409) {
    // Made by an earlier run: sign in and make sure the member may work.
    try {
      await session.signIn();
    } catch (err) {
      throw new Error(
        `${application.phone} exists (${applied.code}) but cannot sign in with the simulator's password: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const me = await session.call<{ status: string }>('GET', '/courier/me');
    if (me.status !== 200) throw new ApiError(`GET /courier/me as ${application.phone}`, me.status, me.code, me.body);
    if (me.body.status === 'applicant') await approve(admin, session.userId);
    else if (me.body.status === 'suspended') await admin.call('POST', `/admin/members/${session.userId}/reinstate`, {});
    else if (me.body.status !== 'active') throw new Error(`${application.phone} is ${me.body.status}; it cannot be used`);
  } else {
    throw new ApiError(`apply as ${application.phone}`, applied.status, applied.code, applied.body);
  }
  return { index: i, memberId: session.userId, phone: application.phone, session, created };
}

async function approve(admin: Session, memberId: string): Promise<void> {
  const res = await admin.call('POST', `/admin/members/${memberId}/approve`);
  if (res.status !== 200) throw new ApiError(`approve ${memberId}`, res.status, res.code, res.body);
}

/**
 * A business client for this run, with credit billing; its API key (shown once) lives only
 * in memory. Business numbers are unique, so a taken one is retried with another.
 */
export async function createSimClient(admin: Session, seed: number): Promise<{ id: string; apiKey: string; businessNo: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const digits = String((seed * 7919 + attempt * 104_729 + Date.now()) % 10_000_000_000).padStart(10, '0');
    const businessNo = `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
    const res = await admin.call<{ id: string; apiKey: string }>('POST', '/admin/clients', { name: '두레 시뮬레이션 상사', businessNo, creditAccount: true });
    if (res.status === 201) return { id: res.body.id, apiKey: res.body.apiKey, businessNo };
    if (res.status !== 409) throw new ApiError('POST /admin/clients', res.status, res.code, res.body);
  }
  throw new Error('could not register a simulation client (business numbers kept colliding)');
}
