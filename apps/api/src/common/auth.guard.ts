import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, Role } from '@dure/common';
import { ApiKeyService, StaffAccess, TokenService } from '@dure/membership';
import { API_KEY_OWNER_KEY, AuthedRequest, EITHER_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

const unauthenticated = (message: string) => DomainError.unauthenticated('AUTH.UNAUTHENTICATED', message);

/** Reads the bearer token from the header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1];
}

/**
 * Every route is closed unless marked: `@Public()`, `@Roles(...)` for bearer tokens, or
 * `@ApiKeyAuth(...)` for machine clients. No or bad credentials → 401; wrong role → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyService,
    private readonly staffAccess: StaffAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();

    const owner = this.reflector.getAllAndOverride<'insurer' | 'client' | undefined>(API_KEY_OWNER_KEY, targets);
    const either = this.reflector.getAllAndOverride<boolean | undefined>(EITHER_KEY, targets) === true;
    if (owner && (!either || req.headers['x-api-key'] !== undefined)) {
      const raw = req.headers['x-api-key'];
      if (typeof raw !== 'string' || raw.length === 0) throw unauthenticated('An X-Api-Key header is required');
      const found = await this.apiKeys.authenticate(raw);
      if (!found) throw unauthenticated('The API key is not valid');
      if (found.ownerType !== owner) {
        throw DomainError.forbidden('AUTH.FORBIDDEN', `This endpoint is for ${owner} keys`);
      }
      req.actor = { type: owner, id: found.ownerId, apiKeyId: found.apiKeyId };
      return true;
    }

    const token = bearerToken(req.headers.authorization);
    if (!token) throw unauthenticated('A bearer token is required');
    let actor = this.tokens.verifyAccess(token);
    if (!actor) throw unauthenticated('The access token is not valid or has expired');
    if (actor.type === 'staff') {
      // Staff act with their standing of now: a deactivated account stops, changed roles hold.
      const standing = await this.staffAccess.standing(actor.id);
      if (!standing?.active) throw DomainError.unauthenticated('AUTH.ACCOUNT_CLOSED', 'This staff account is no longer active');
      actor = { ...actor, roles: standing.roles };
    }
    req.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(actor.type === 'staff' || actor.type === 'courier' ? actor.roles : [], roles)) {
      throw DomainError.forbidden('AUTH.FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}

export function hasRole(held: readonly Role[], needed: readonly Role[]): boolean {
  if (held.includes('admin') && needed.some((r) => r !== 'courier')) return true;
  return needed.some((r) => held.includes(r));
}
