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
const AUDIENCE = 'dure-api';

/** Short-lived signed access tokens and opaque refresh tokens (stored only as hashes). */
@Injectable()
export class TokenService {
  /**
   * Built once: given a string, jsonwebtoken first tries to parse it as a PEM public key
   * on every verification, which cost a third of an authenticated request's CPU.
   */
  private readonly key: KeyObject;
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

  /** The actor an access token speaks for, or null when it is missing, forged or expired. */
  verifyAccess(token: string): Actor | null {
    try {
      const claims = verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as AccessClaims;
      if (claims.typ === 'staff') return { type: 'staff', id: claims.sub, roles: claims.roles as StaffRole[] };
      if (claims.typ === 'courier') return { type: 'courier', id: claims.sub, roles: ['courier'] };
      return null;
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
