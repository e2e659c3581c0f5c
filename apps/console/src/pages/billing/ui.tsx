import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RunStatus } from './api';
import { ns } from './i18n';

const RUN_COLORS: Record<RunStatus, string> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red' };

export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <Badge miw="max-content" color={RUN_COLORS[status]} variant="light" data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}
