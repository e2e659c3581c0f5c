import { Button, Group, Paper, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { request, type Page } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, QueryState, StillWaiting } from '../../components/PageState';
import type { RunStatus } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { useWon } from '../../lib/lang';
import { progressKey, useProgressPolling } from '../../lib/polling';
import { isActiveRun, type Run } from './api';
import { previousWeek } from './billing-rules';
import { ns } from './i18n';
import { RunStatusBadge } from './ui';

const LIMIT = 20;

export function RunProgress({ run }: { run: Pick<Run, 'status' | 'progress'> }) {
  const active = isActiveRun(run.status);
  return (
    <Group gap="xs" wrap="nowrap" miw={140}>
      <Progress value={run.progress} color={run.status === 'failed' ? 'red' : 'teal'} animated={active} striped={active} w={100} aria-label={`${run.progress}%`} />
      <Text size="xs" c="dimmed">
        {run.progress}%
      </Text>
    </Group>
  );
}

function RunRequestForm() {
  const { t } = useTranslation(ns);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(() => previousWeek());
  const run = useMutation({
    mutationFn: () => request<{ runId: string; status: RunStatus }>('/admin/settlements/runs', { method: 'POST', body: period }),
    onSuccess: async ({ runId }) => {
      notifications.show({ color: 'teal', message: t('runs.requested', { start: period.periodStart, end: period.periodEnd }) });
      await queryClient.invalidateQueries({ queryKey: ['billing', 'runs'] });
      navigate(`/billing/runs/${runId}`);
    },
  });
  const { byField, summary } = formErrors(run.error, ['periodStart', 'periodEnd']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} data-testid="run-request-form">
      <Stack gap="sm">
        <Title order={5}>{t('runs.request')}</Title>
        <Text size="sm" c="dimmed">
          {t('runs.requestHint')}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            type="date"
            label={t('runs.periodStart')}
            name="periodStart"
            value={period.periodStart}
            onChange={(e) => setPeriod({ ...period, periodStart: e.currentTarget.value })}
            error={byField.periodStart}
            required
            w={180}
          />
          <TextInput
            type="date"
            label={t('runs.periodEnd')}
            name="periodEnd"
            value={period.periodEnd}
            onChange={(e) => setPeriod({ ...period, periodEnd: e.currentTarget.value })}
            error={byField.periodEnd}
            required
            w={180}
          />
          <Button type="submit" mt={25} loading={run.isPending} data-testid="run-request">
            {t('runs.submit')}
          </Button>
        </Group>
        <ErrorAlert error={summary} />
      </Stack>
    </Paper>
  );
}

export function RunsView() {
  const { t } = useTranslation(ns);
  const won = useWon();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const runs = useQuery({
    queryKey: ['billing', 'runs', page],
    queryFn: () => request<Page<Run>>('/admin/settlements/runs', { query: { page, limit: LIMIT } }),
  });
  // Poll while a run is on its way, so its progress bar moves.
  const polling = useProgressPolling(progressKey(runs.data?.items ?? [], isActiveRun), runs.refetch);
  return (
    <Stack gap="md">
      <RunRequestForm />
      <Title order={5}>{t('runs.list')}</Title>
      {polling.stalled && <StillWaiting onRefresh={polling.resume} />}
      <QueryState query={runs} empty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable
            rows={d.items}
            rowKey={(r) => r.id}
            total={d.total}
            page={page}
            limit={LIMIT}
            onPage={setPage}
            csvName="dure-settlement-runs.csv"
            onRowClick={(r) => navigate(`/billing/runs/${r.id}`)}
            columns={[
              {
                key: 'period',
                header: t('runs.period'),
                render: (r) => (
                  <Link to={`/billing/runs/${r.id}`} data-testid="run-link" onClick={(e) => e.stopPropagation()}>
                    {r.periodStart} ~ {r.periodEnd}
                  </Link>
                ),
                csv: (r) => `${r.periodStart}~${r.periodEnd}`,
              },
              { key: 'status', header: t('runs.status'), render: (r) => <RunStatusBadge status={r.status} testId="run-status" />, csv: (r) => t(`status.${r.status}`) },
              { key: 'progress', header: t('runs.progress'), render: (r) => <RunProgress run={r} />, csv: (r) => r.progress },
              { key: 'statements', header: t('runs.statements'), render: (r) => r.totals?.statements ?? '—', csv: (r) => r.totals?.statements },
              { key: 'net', header: t('runs.net'), render: (r) => won(r.totals?.netWon), csv: (r) => r.totals?.netWon },
              { key: 'createdAt', header: t('runs.createdAt'), render: (r) => formatSeoul(r.createdAt), csv: (r) => formatSeoul(r.createdAt) },
              { key: 'finishedAt', header: t('runs.finishedAt'), render: (r) => formatSeoul(r.finishedAt), csv: (r) => formatSeoul(r.finishedAt) },
            ]}
          />
        )}
      </QueryState>
    </Stack>
  );
}
