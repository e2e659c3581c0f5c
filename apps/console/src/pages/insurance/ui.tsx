import { Alert, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatWon } from '../../lib/format';
import { fieldErrors } from '../../lib/forms';
import type { BatchStatus, EnrollmentStatus } from './api';
import { ns } from './i18n';

export function useWon(): (value: number | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ko';
  return (value) => formatWon(value, lang);
}

/** The API's field errors beside their fields; the error itself for the summary when some of it belongs to no field. */
export function formErrors(error: unknown, fields: readonly string[]): { byField: Record<string, string>; summary: unknown } {
  if (!error) return { byField: {}, summary: null };
  if (!(error instanceof ApiError)) return { byField: {}, summary: error };
  const { byField, other } = fieldErrors(error.details, fields);
  return { byField, summary: other.length > 0 || Object.keys(byField).length === 0 ? error : null };
}

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

export function Forbidden() {
  const { t } = useTranslation();
  return <Alert color="red" title={t('state.forbidden')} data-testid="forbidden" />;
}
