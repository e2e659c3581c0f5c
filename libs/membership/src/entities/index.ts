import { Member } from './member.entity';
import { MemberStatusChange } from './member-status-change.entity';
import { ShareCapitalEntry, ShareRefund } from './share-capital-entry.entity';
import { StaffAccount } from './staff-account.entity';
import { ApiKey, Client, Insurer } from './party.entity';
import { AuditLogEntry } from './audit-log-entry.entity';
import { RefreshToken } from './refresh-token.entity';

export * from './member.entity';
export * from './member-status-change.entity';
export * from './share-capital-entry.entity';
export * from './staff-account.entity';
export * from './party.entity';
export * from './audit-log-entry.entity';
export * from './refresh-token.entity';

export const MEMBERSHIP_ENTITIES = [
  Member,
  MemberStatusChange,
  ShareCapitalEntry,
  ShareRefund,
  StaffAccount,
  Insurer,
  Client,
  ApiKey,
  AuditLogEntry,
  RefreshToken,
];
