import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BatchStatus, EnrollmentStatus } from './api';
import { ns } from './i18n';

const ENROLLMENT_COLORS: Record<EnrollmentStatus, string> = {
  pending: 'gray',
  submitted: 'blue',
  enrolled: 'teal',
  rejected: 'red',
  terminating: 'orange',
  terminated: 'dark',
};

export function EnrollmentBadge({ status }: { status: EnrollmentStatus }) {
  const { t } = useTranslation(ns);
  return (
    <Badge miw="max-content" color={ENROLLMENT_COLORS[status]} variant="light" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

const BATCH_COLORS: Record<BatchStatus, string> = { queued: 'gray', building: 'blue', ready: 'teal', failed: 'red' };

export function BatchBadge({ status, testId }: { status: BatchStatus; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <Badge miw="max-content" color={BATCH_COLORS[status]} variant="light" data-testid={testId} data-status={status}>
      {t(`batchStatus.${status}`)}
    </Badge>
  );
}
