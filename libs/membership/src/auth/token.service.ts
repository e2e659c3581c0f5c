import { Inject, Injectable } from '@nestjs/common';
import { KeyObject, createHash, createSecretKey, randomBytes } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';
import { AppConfig } from '@dure/config';
import type { Actor, Role, StaffRole } from '@dure/common';
import type { SubjectType } from '../entities/refresh-token.entity';

interface AccessClaims {
  sub: string;
  typ: SubjectType;
  roles: Role[];
}

const ISSUER = 'dure';
/** Verified tokens remembered per process (oldest dropped first). */
const VERIFIED_CACHE_SIZE = 20_000;
const AUDIENCE = 'dure-api';

/** Short-lived signed access tokens and opaque refresh tokens (stored only as hashes). */
@Injectable()
export class TokenService {
  /**
   * Built once: given a string, jsonwebtoken first tries to parse it as a PEM public key
   * on every verification, which cost a third of an authenticated request's CPU.
   */
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();
  readonly accessTtlSec: number;
  readonly refreshTtlSec: number;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
    this.accessTtlSec = config.auth.accessTokenTtlSec;
    this.refreshTtlSec = config.auth.refreshTokenTtlSec;
  }

  signAccess(subjectType: SubjectType, subjectId: string, roles: Role[]): string {
    const claims: AccessClaims = { sub: subjectId, typ: subjectType, roles };
    return sign(claims, this.key, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: this.accessTtlSec });
  }

  /**
   * The actor an access token speaks for, or null when it is missing, forged or expired.
   * A token verified once is remembered (by its exact text) until it expires: phones send
   * the same token many times a minute, and an access token cannot change or be revoked.
   */
  verifyAccess(token: string): Actor | null {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > now) return known.actor;
      this.verified.delete(token);
    }
    try {
      const claims = verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as AccessClaims & { exp: number };
      const actor: Actor | null =
        claims.typ === 'staff'
          ? { type: 'staff', id: claims.sub, roles: claims.roles as StaffRole[] }
          : claims.typ === 'courier'
            ? { type: 'courier', id: claims.sub, roles: ['courier'] }
            : null;
      if (actor) {
        if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
        this.verified.set(token, { actor, expiresAt: claims.exp * 1000 });
      }
      return actor;
    } catch {
      return null;
    }
  }

  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefresh(token) };
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
