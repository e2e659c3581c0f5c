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

/** The language formatWon wants. */
export function useLang(): 'ko' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ko';
}

/** An idempotency key per form submission; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
