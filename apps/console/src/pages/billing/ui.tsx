import { Alert, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatWon } from '../../lib/format';
import { fieldErrors } from '../../lib/forms';
import type { RunStatus } from './api';
import { ns } from './i18n';

/** Won in the language shown. */
export function useWon(): (value: number | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ko';
  return (value) => formatWon(value, lang);
}

/**
 * A failed form's errors: the API's field errors beside their fields, and the error itself
 * for the summary when some (or all) of it belongs to no field.
 */
export function formErrors(error: unknown, fields: readonly string[]): { byField: Record<string, string>; summary: unknown } {
  if (!error) return { byField: {}, summary: null };
  if (!(error instanceof ApiError)) return { byField: {}, summary: error };
  const { byField, other } = fieldErrors(error.details, fields);
  return { byField, summary: other.length > 0 || Object.keys(byField).length === 0 ? error : null };
}

const RUN_COLORS: Record<RunStatus, string> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red' };

export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <Badge miw="max-content" color={RUN_COLORS[status]} variant="light" data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('state.forbidden')} data-testid="forbidden">
      {null}
    </Alert>
  );
}
