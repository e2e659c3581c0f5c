import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { statusColor, type StatusColors } from '../lib/domain';

/** A status as a badge in its kind's colour (lib/domain), with the status in `data-status` for tests. */
export function StatusBadge({ status, colors, testId, children }: { status: string; colors: StatusColors; testId?: string; children: ReactNode }) {
  return (
    <Badge miw="max-content" color={statusColor(colors, status)} variant="light" data-testid={testId} data-status={status}>
      {children}
    </Badge>
  );
}
