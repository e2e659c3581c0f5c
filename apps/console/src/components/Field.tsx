import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A label over its value, for detail panels; a dash when there is no value. */
export function Field({ label, children, testId }: { label: string; children?: ReactNode; testId?: string }) {
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
