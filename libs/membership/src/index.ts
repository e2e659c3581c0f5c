export * from './membership.module';
export * from './membership.errors';
export * from './entities';
export { AuditService, AuditEntryView } from './audit/audit.service';
export { AuditLogRepository, AuditRecord, AuditFilter } from './audit/audit-log.repository';
export { AuthService, TokenPair, LoginMeta } from './auth/auth.service';
export { TokenService } from './auth/token.service';
export { PasswordHasher } from './auth/password-hasher';
export { RefreshTokenRepository } from './auth/refresh-token.repository';
export { MembershipBootstrap, BootstrapError } from './demo/bootstrap.service';
export { DEMO_COURIER_PASSWORD, DEMO_STAFF_PASSWORD, DEMO_MEMBERS, DEMO_STAFF } from './demo/demo-data';
export { MemberApplicationService, ApplicationInput } from './members/member-application.service';
export { MemberLifecycleService } from './members/member-lifecycle.service';
export {
  MemberQueryService,
  MemberDetailView,
  CourierProfileView,
  CoverageSource,
  CoverageLine,
} from './members/member-query.service';
export { MemberRepository } from './members/member.repository';
export { MemberView, StatusChangeView } from './members/member.views';
export { PiiRevealService, RevealableField } from './members/pii-reveal.service';
export { ShareCapitalService, ShareCapitalLedgerView, ShareCapitalEntryView } from './members/share-capital.service';
export { rrnProblem, normalizeRrn } from './members/rrn';
export { normalizePhone, isMobilePhone, MOBILE_PHONE } from './members/phone';
export { ApiKeyService, ApiKeyOwner, IssuedApiKey } from './parties/api-key.service';
export { PartyService, InsurerView, ClientView } from './parties/party.service';
export { PiiCipher } from './pii/pii-cipher';
export { StaffService, StaffView } from './staff/staff.service';
