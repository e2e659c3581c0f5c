import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { RUN_STATUS_COLORS, type RunStatus } from '../../lib/domain';
import { ns } from './i18n';

export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <StatusBadge status={status} colors={RUN_STATUS_COLORS} testId={testId}>
      {t(`status.${status}`)}
    </StatusBadge>
  );
}
