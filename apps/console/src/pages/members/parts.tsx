import { Badge, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { statusColor } from './model';
import { ns } from './texts';

/** A member's status as a coloured badge. */
export function StatusBadge({ status, testId = 'member-status' }: { status: string; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <Badge color={statusColor(status)} variant="light" data-testid={testId} data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** A label over its value, for the member's profile. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children ?? '—'}
      </Text>
    </Stack>
  );
}
