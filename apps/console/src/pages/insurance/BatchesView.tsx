import { Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { download, request, type Page } from '../../api/client';
import { allInsurers, partyKeys } from '../../api/parties';
import { DataTable } from '../../components/DataTable';
import { describeError } from '../../lib/api-text';
import { ErrorAlert, QueryState, StillWaiting } from '../../components/PageState';
import { BATCH_STATUSES, type BatchStatus } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { formErrors, currentLang } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { progressKey, useProgressPolling } from '../../lib/polling';
import { insurerOptions, isActiveBatch, type Batch } from './api';
import { ns } from './i18n';
import { BatchBadge } from './ui';

const LIMIT = 20;

function NewBatchForm({ batches }: { batches: Batch[] }) {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const insurers = useQuery({ queryKey: partyKeys.insurers, queryFn: allInsurers, staleTime: 60_000 });
  const options = insurerOptions(insurers.data, batches);
  const [values, setValues] = useState<{ insurerId: string; kind: 'delta' | 'full'; format: 'csv' | 'x12-834' }>({ insurerId: '', kind: 'delta', format: 'csv' });
  const [nonce, setNonce] = useState(0);
  const insurerId = values.insurerId || options[0]?.value || '';
  // One key per distinct submission: a retried request is answered once, a new one is new.
  const key = useMemo(() => newIdempotencyKey(), [values, insurerId, nonce]);
  const create = useMutation({
    mutationFn: () => request<{ batchId: string; status: BatchStatus }>('/admin/insurance/batches', { method: 'POST', body: { ...values, insurerId }, idempotencyKey: key }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('batches.requested') });
      setNonce((n) => n + 1);
      await queryClient.invalidateQueries({ queryKey: ['insurance', 'batches'] });
    },
  });
  const { byField, summary } = formErrors(create.error, ['insurerId', 'kind', 'format']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} data-testid="batch-form">
      <Stack gap="sm">
        <Title order={5}>{t('batches.new')}</Title>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('batches.insurer')}
            name="insurerId"
            value={insurerId}
            onChange={(e) => setValues({ ...values, insurerId: e.currentTarget.value })}
            data={options.length ? options : [{ value: '', label: t('batches.noInsurers'), disabled: true }]}
            error={byField.insurerId ?? (insurers.error ? describeError(insurers.error, currentLang()) : undefined)}
            w={240}
            data-testid="batch-insurer"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('batches.kind')}
            </Text>
            <SegmentedControl
              value={values.kind}
              onChange={(v) => setValues({ ...values, kind: v as 'delta' | 'full' })}
              data={[
                { value: 'delta', label: t('kind.delta') },
                { value: 'full', label: t('kind.full') },
              ]}
              data-testid="batch-kind"
            />
            {byField.kind && (
              <Text size="xs" c="red">
                {byField.kind}
              </Text>
            )}
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('batches.format')}
            </Text>
            <SegmentedControl
              value={values.format}
              onChange={(v) => setValues({ ...values, format: v as 'csv' | 'x12-834' })}
              data={[
                { value: 'csv', label: t('format.csv') },
                { value: 'x12-834', label: t('format.x12-834') },
              ]}
              data-testid="batch-format"
            />
            {byField.format && (
              <Text size="xs" c="red">
                {byField.format}
              </Text>
            )}
          </Stack>
          <Button type="submit" loading={create.isPending} disabled={!insurerId} data-testid="batch-submit">
            {t('batches.submit')}
          </Button>
        </Group>
        <ErrorAlert error={summary} />
      </Stack>
    </Paper>
  );
}

function BatchActions({ batch }: { batch: Batch }) {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const file = useMutation({ mutationFn: () => download(`/admin/insurance/batches/${batch.id}/file`) });
  const rebuild = useMutation({
    mutationFn: () => request(`/admin/insurance/batches/${batch.id}/rebuild`, { method: 'POST' }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('batches.rebuilt') });
      await queryClient.invalidateQueries({ queryKey: ['insurance', 'batches'] });
    },
  });
  const error = file.error ?? rebuild.error;
  return (
    <Stack gap={4}>
      {batch.status === 'ready' && (
        <Button size="xs" variant="light" onClick={() => file.mutate()} loading={file.isPending} data-testid={`batch-download-${batch.id}`}>
          {t('batches.download')}
        </Button>
      )}
      {batch.status === 'failed' && (
        <Tooltip label={batch.error ?? ''} disabled={!batch.error} multiline w={320}>
          <Button size="xs" variant="light" color="orange" onClick={() => rebuild.mutate()} loading={rebuild.isPending} data-testid={`batch-rebuild-${batch.id}`}>
            {t('batches.rebuild')}
          </Button>
        </Tooltip>
      )}
      {error ? (
        <Text size="xs" c="red">
          {describeError(error, currentLang())}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Batches per insurer with their counts and answers; new ones on demand, downloads, rebuilds. */
export function BatchesView() {
  const { t } = useTranslation(ns);
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const batches = useQuery({
    queryKey: ['insurance', 'batches', status, page],
    queryFn: () => request<Page<Batch>>('/admin/insurance/batches', { query: { status, page, limit: LIMIT } }),
  });
  // Poll while a batch is being built, so it turns ready (or failed) by itself.
  const polling = useProgressPolling(progressKey(batches.data?.items ?? [], isActiveBatch), batches.refetch);
  return (
    <Stack gap="md">
      <NewBatchForm batches={batches.data?.items ?? []} />
      <Group justify="space-between" wrap="wrap">
        <Title order={5}>{t('batches.list')}</Title>
        <NativeSelect
          aria-label={t('batches.filter')}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setPage(1);
          }}
          data={[{ value: '', label: t('batchStatus.all') }, ...BATCH_STATUSES.map((s) => ({ value: s, label: t(`batchStatus.${s}`) }))]}
          w={180}
        />
      </Group>
      {polling.stalled && <StillWaiting onRefresh={polling.resume} />}
      <QueryState query={batches} empty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable
            rows={d.items}
            rowKey={(b) => b.id}
            total={d.total}
            page={page}
            limit={LIMIT}
            onPage={setPage}
            csvName="dure-insurance-batches.csv"
            columns={[
              { key: 'controlNo', header: t('batches.controlNo'), render: (b) => b.controlNo, csv: (b) => b.controlNo },
              { key: 'insurer', header: t('batches.insurer'), render: (b) => b.insurerName, csv: (b) => b.insurerName },
              { key: 'kind', header: t('batches.kind'), render: (b) => t(`kind.${b.kind}`), csv: (b) => t(`kind.${b.kind}`) },
              { key: 'format', header: t('batches.format'), render: (b) => t(`format.${b.format}`), csv: (b) => b.format },
              { key: 'status', header: t('batches.status'), render: (b) => <BatchBadge status={b.status} testId={`batch-status-${b.id}`} />, csv: (b) => t(`batchStatus.${b.status}`) },
              { key: 'asOf', header: t('batches.asOf'), render: (b) => b.asOf, csv: (b) => b.asOf },
              { key: 'records', header: t('batches.records'), render: (b) => b.recordCount ?? '—', csv: (b) => b.recordCount },
              { key: 'accepted', header: t('batches.accepted'), render: (b) => b.accepted, csv: (b) => b.accepted },
              { key: 'rejected', header: t('batches.rejected'), render: (b) => (b.rejected ? <Text span c="red" fw={600}>{b.rejected}</Text> : 0), csv: (b) => b.rejected },
              { key: 'unanswered', header: t('batches.unanswered'), render: (b) => b.unanswered, csv: (b) => b.unanswered },
              { key: 'createdAt', header: t('batches.createdAt'), render: (b) => formatSeoul(b.createdAt), csv: (b) => formatSeoul(b.createdAt) },
              { key: 'readyAt', header: t('batches.readyAt'), render: (b) => formatSeoul(b.readyAt), csv: (b) => formatSeoul(b.readyAt) },
              { key: 'actions', header: '', render: (b) => <BatchActions batch={b} /> },
            ]}
          />
        )}
      </QueryState>
    </Stack>
  );
}
