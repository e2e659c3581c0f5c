import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { BATCH_STATUS_COLORS, ENROLLMENT_STATUS_COLORS, type BatchStatus, type EnrollmentStatus } from '../../lib/domain';
import { ns } from './i18n';

export function EnrollmentBadge({ status }: { status: EnrollmentStatus }) {
  const { t } = useTranslation(ns);
  return (
    <StatusBadge status={status} colors={ENROLLMENT_STATUS_COLORS}>
      {t(`status.${status}`)}
    </StatusBadge>
  );
}

export function BatchBadge({ status, testId }: { status: BatchStatus; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <StatusBadge status={status} colors={BATCH_STATUS_COLORS} testId={testId}>
      {t(`batchStatus.${status}`)}
    </StatusBadge>
  );
}
