import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { MEMBER_STATUS_COLORS } from '../../lib/domain';
import { ns } from './texts';

/** A member's status as a badge (data-testid="member-status" unless told otherwise). */
export function MemberStatusBadge({ status, testId = 'member-status' }: { status: string; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <StatusBadge status={status} colors={MEMBER_STATUS_COLORS} testId={testId}>
      {t(`status.${status}`)}
    </StatusBadge>
  );
}
