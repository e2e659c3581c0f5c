import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import type { Clock } from '@dure/common';
import { ApplicationBody, COURIER_PASSWORD, TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD, TestEnv, applicationBody, createTestEnv } from '@dure/testing';
import { createApiApp } from '../../apps/api/src/api.app';

export const API = '/api/v1';

export interface HarnessOptions {
  label: string;
  env?: Record<string, string>;
  clock?: Clock;
  logStream?: DestinationStream;
  bootstrap?: boolean;
}

/** The real Fastify API over this file's own database and Redis prefix, driven with supertest. */
export class ApiHarness {
  private adminToken: string | undefined;

  private constructor(
    readonly app: NestFastifyApplication,
    readonly env: TestEnv,
  ) {}

  static async start(options: HarnessOptions): Promise<ApiHarness> {
    const env = await createTestEnv(options.label, options.env);
    const app = await createApiApp(env.config, { clock: options.clock, logStream: options.logStream, bootstrap: options.bootstrap });
    await app.getHttpAdapter().getInstance().ready();
    return new ApiHarness(app, env);
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.env.cleanup();
  }

  async login(login: string, password: string): Promise<{ accessToken: string; refreshToken: string; user: { id: string; roles: string[] } }> {
    const res = await this.http().post(`${API}/auth/login`).send({ login, password });
    if (res.status !== 200) throw new Error(`login ${login} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async admin(): Promise<string> {
    this.adminToken ??= (await this.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD)).accessToken;
    return this.adminToken;
  }

  /** A new staff account with these roles, signed in. */
  async staff(roles: string[], login = `staff${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
    const password = 'staff-password-123';
    const res = await this.http()
      .post(`${API}/admin/staff`)
      .set('authorization', `Bearer ${await this.admin()}`)
      .send({ login, password, name: '직원', roles });
    if (res.status !== 201) throw new Error(`create staff → ${res.status} ${JSON.stringify(res.body)}`);
    return (await this.login(login, password)).accessToken;
  }

  async apply(overrides: Partial<ApplicationBody> = {}): Promise<{ memberId: string; body: ApplicationBody }> {
    const body = applicationBody(overrides);
    const res = await this.http().post(`${API}/courier/applications`).send(body);
    if (res.status !== 201) throw new Error(`apply → ${res.status} ${JSON.stringify(res.body)}`);
    return { memberId: res.body.memberId, body };
  }

  async approve(memberId: string): Promise<{ memberNo: string }> {
    const res = await this.http()
      .post(`${API}/admin/members/${memberId}/approve`)
      .set('authorization', `Bearer ${await this.admin()}`);
    if (res.status !== 200) throw new Error(`approve → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** An applicant, approved, signed in as a courier. */
  async activeCourier(overrides: Partial<ApplicationBody> = {}): Promise<{ memberId: string; memberNo: string; token: string; body: ApplicationBody }> {
    const { memberId, body } = await this.apply(overrides);
    const { memberNo } = await this.approve(memberId);
    const { accessToken } = await this.login(body.phone, COURIER_PASSWORD);
    return { memberId, memberNo, token: accessToken, body };
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
