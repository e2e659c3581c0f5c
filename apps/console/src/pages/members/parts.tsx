import { Textarea } from '@mantine/core';
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

/** The reason a member action records (reveal, status change): up to 500 characters, its API error beside it. */
export function ReasonField({ label, required, value, onChange, error, testId }: { label: string; required: boolean; value: string; onChange: (value: string) => void; error?: string; testId: string }) {
  return (
    <Textarea
      label={label}
      withAsterisk={required}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      autosize
      minRows={2}
      maxLength={500}
      data-testid={testId}
      data-autofocus
    />
  );
}
