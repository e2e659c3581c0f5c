import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getMember, orderKeys } from './api';
import { statusColor } from './model';
import { ns } from './texts';

export function StatusBadge({ status, testId = 'order-status' }: { status: string; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <Badge color={statusColor(status)} variant="light" data-testid={testId} data-status={status}>
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** A label above a value, for detail panels. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

/** A courier's name (and member number), looked up once and linked to the register. */
export function MemberName({ id, link = true }: { id: string | null | undefined; link?: boolean }) {
  const member = useQuery({ queryKey: orderKeys.member(id ?? ''), queryFn: () => getMember(id as string), enabled: !!id, staleTime: 5 * 60_000, retry: false });
  if (!id) return <>—</>;
  const label = member.data ? `${member.data.name}${member.data.memberNo ? ` (${member.data.memberNo})` : ''}` : id.slice(0, 8);
  return link ? (
    <Anchor component={Link} to={`/members/${id}`} size="sm" onClick={(e) => e.stopPropagation()}>
      {label}
    </Anchor>
  ) : (
    <>{label}</>
  );
}
