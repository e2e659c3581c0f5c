import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditService } from './audit/audit.service';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { RefreshTokenRepository } from './auth/refresh-token.repository';
import { TokenService } from './auth/token.service';
import { MembershipBootstrap } from './demo/bootstrap.service';
import { MemberApplicationService } from './members/member-application.service';
import { MemberLifecycleService } from './members/member-lifecycle.service';
import { CoverageSource, MemberQueryService } from './members/member-query.service';
import { MemberRepository } from './members/member.repository';
import { PiiRevealService } from './members/pii-reveal.service';
import { CourierProfileCache } from './members/profile-cache';
import { ShareCapitalRepository } from './members/share-capital.repository';
import { ShareCapitalHooks, ShareCapitalService } from './members/share-capital.service';
import { ApiKeyRepository } from './parties/api-key.repository';
import { ApiKeyService } from './parties/api-key.service';
import { PartyRepository } from './parties/party.repository';
import { PartyService } from './parties/party.service';
import { PiiCipher } from './pii/pii-cipher';
import { StaffRepository } from './staff/staff.repository';
import { StaffService } from './staff/staff.service';
import { StaffAccess } from './staff/staff-access';

const services = [
  CourierProfileCache,
  ShareCapitalHooks,
  AuditService,
  AuthService,
  LoginThrottle,
  PasswordHasher,
  TokenService,
  MembershipBootstrap,
  MemberApplicationService,
  MemberLifecycleService,
  MemberQueryService,
  PiiRevealService,
  ShareCapitalService,
  ApiKeyService,
  PartyService,
  PiiCipher,
  StaffService,
  StaffAccess,
];

const repositories = [
  AuditLogRepository,
  RefreshTokenRepository,
  MemberRepository,
  ShareCapitalRepository,
  ApiKeyRepository,
  PartyRepository,
  StaffRepository,
];

/**
 * Members, staff, sign-in, API keys and the audit log. Needs ConfigModule, ClockModule,
 * DatabaseModule and QueueModule from the app.
 */
@Module({
  providers: [
    ...services,
    ...repositories,
    CoverageSource,
  ],
  exports: [...services, AuditLogRepository, RefreshTokenRepository, MemberRepository, PartyRepository, CoverageSource],
})
export class MembershipModule {}
