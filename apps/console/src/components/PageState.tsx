import { Alert, Button, Center, Group, List, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { localizeMessage } from '../lib/api-text';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Loading, error (with retry) and empty states around what a query returns. */
export function QueryState<T>({ query, empty, children }: { query: QueryLike<T>; empty?: (data: T) => boolean; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Center p="xl" data-testid="loading">
        <Loader size="sm" />
        <Text ml="sm" c="dimmed">
          {t('state.loading')}
        </Text>
      </Center>
    );
  }
  if (query.error || query.data === undefined) {
    const err = query.error;
    const forbidden = err instanceof ApiError && err.status === 403;
    return (
      <Alert color="red" title={forbidden ? t('state.forbidden') : t('state.error')} data-testid="error">
        <Stack gap="xs">
          {!forbidden && <ErrorText error={err} />}
          {!forbidden && (
            <Button size="xs" variant="light" onClick={() => void query.refetch()} w="fit-content">
              {t('state.retry')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }
  if (empty?.(query.data)) return <EmptyState />;
  return <>{children(query.data)}</>;
}

/** Nothing to show (data-testid="empty"): "nothing here yet", or what the page says instead. */
export function EmptyState({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center p="xl" data-testid="empty">
      <Text c="dimmed">{children ?? t('state.empty')}</Text>
    </Center>
  );
}

/**
 * What a failed mutation says, for a form's summary (nothing without an error); `other`
 * lists the field errors no field of the form shows (see formErrors).
 */
export function ErrorAlert({ error, other = [] }: { error: unknown; other?: readonly string[] }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      <ErrorText error={error} />
      {other.length > 0 && (
        <List size="sm" mt={4}>
          {other.map((o) => (
            <List.Item key={o}>{o}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/**
 * An error in the office's language (see lib/api-text), with the API's stable code in small
 * print: what support asks for when someone phones about it.
 */
function ErrorText({ error }: { error: unknown }) {
  const { i18n } = useTranslation();
  if (!(error instanceof ApiError)) return <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>;
  return (
    <Text size="sm" data-testid="error-message" data-code={error.code}>
      {localizeMessage(error, i18n.language === 'en' ? 'en' : 'ko')}
      {error.code && !error.code.startsWith('HTTP_') ? (
        <Text span size="xs" c="dimmed" ml={6}>
          {error.code}
        </Text>
      ) : null}
    </Text>
  );
}

/** Polling has stopped for want of progress (see useProgressPolling): the user may ask again. */
export function StillWaiting({ onRefresh }: { onRefresh: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" data-testid="poll-stalled">
      <Group justify="space-between" gap="xs">
        <Text size="sm">{t('state.stillWaiting')}</Text>
        <Button size="xs" variant="light" onClick={onRefresh} data-testid="poll-refresh">
          {t('action.refresh')}
        </Button>
      </Group>
    </Alert>
  );
}
