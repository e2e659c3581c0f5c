import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ActionContext, Actor, Role } from '@dure/common';
import { ApiErrors } from './api-docs';

export const PUBLIC_KEY = 'dure:public';
export const ROLES_KEY = 'dure:roles';
export const API_KEY_OWNER_KEY = 'dure:api-key-owner';
export const EITHER_KEY = 'dure:either';

export type AuthedRequest = FastifyRequest & { actor?: Actor };

/** No credentials needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A bearer token with one of these roles (an admin passes every staff role). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth(), ApiErrors(401, 403));

/** An `X-Api-Key` of an insurer or a business client. */
export const ApiKeyAuth = (owner: 'insurer' | 'client') =>
  applyDecorators(SetMetadata(API_KEY_OWNER_KEY, owner), ApiSecurity('apiKey'), ApiErrors(401, 403));

/** Staff with one of these roles (bearer token), or a business client (X-Api-Key). */
export const StaffOrClient = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), SetMetadata(API_KEY_OWNER_KEY, 'client'), SetMetadata(EITHER_KEY, true), ApiBearerAuth(), ApiSecurity('apiKey'), ApiErrors(401, 403));

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

/** The actor with the request's id and address: what services record with each change. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): ActionContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.actor) throw new Error('Ctx used on a route without authentication');
  return { actor: req.actor, requestId: String(req.id), ip: req.ip };
});
