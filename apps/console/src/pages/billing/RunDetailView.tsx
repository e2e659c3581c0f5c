import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { download, request, type Page } from '../../api/client';
import type { Statement } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, QueryState, StillWaiting } from '../../components/PageState';
import { StatusBadge } from '../../components/StatusBadge';
import { PAYOUT_STATUS_COLORS } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { useWon } from '../../lib/lang';
import { progressKey, useProgressPolling } from '../../lib/polling';
import { isActiveRun, type Payout, type Run, type RunTotals } from './api';
import { ns } from './i18n';
import { RunProgress } from './RunsView';
import { RunStatusBadge } from './ui';

const TOTALS: (keyof RunTotals)[] = ['statements', 'jobs', 'grossWon', 'feeWon', 'withholdingWon', 'insuranceWon', 'netWon', 'payoutWon', 'carriedWon'];
const STATEMENT_LIMIT = 50;

function Totals({ totals }: { totals: RunTotals }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      {TOTALS.map((key) => (
        <Paper key={key} withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t(`run.totals.${key}`)}
          </Text>
          <Text fw={600} data-testid={`run-total-${key}`}>
            {key === 'statements' || key === 'jobs' ? totals[key].toLocaleString('en-US') : won(totals[key])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Payouts({ run }: { run: Run }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<Payout | null>(null);
  const payouts = useQuery({ queryKey: ['billing', 'payouts', run.id], queryFn: () => request<Payout[]>(`/admin/settlements/runs/${run.id}/payouts`) });
  const file = useMutation({ mutationFn: () => download(`/admin/settlements/runs/${run.id}/payout-file`) });
  const markPaid = useMutation({
    mutationFn: (p: Payout) => request<Payout>(`/admin/payouts/${p.id}/paid`, { method: 'POST' }),
    onSuccess: async (p) => {
      setConfirming(null);
      notifications.show({ color: 'teal', message: t('run.markedPaid', { name: p.name }) });
      await queryClient.invalidateQueries({ queryKey: ['billing', 'payouts', run.id] });
      await queryClient.invalidateQueries({ queryKey: ['billing', 'ledger'] });
    },
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={5}>{t('run.payouts')}</Title>
        <Button variant="light" onClick={() => file.mutate()} loading={file.isPending} data-testid="payout-file">
          {t('run.downloadFile')}
        </Button>
      </Group>
      <ErrorAlert error={file.error} />
      <QueryState query={payouts}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed" data-testid="payouts-empty">
              {t('run.payoutsEmpty')}
            </Text>
          ) : (
            <>
              <Text size="sm" c="dimmed" data-testid="payouts-paid-count">
                {t('run.paidCount', { paid: rows.filter((p) => p.status === 'paid').length, total: rows.length })}
              </Text>
              <DataTable
                rows={rows}
                rowKey={(p) => p.id}
                csvName={`dure-payouts-${run.periodStart}-${run.periodEnd}-status.csv`}
                columns={[
                  { key: 'memberNo', header: t('run.memberNo'), render: (p) => p.memberNo ?? '—', csv: (p) => p.memberNo },
                  { key: 'name', header: t('run.name'), render: (p) => p.name, csv: (p) => p.name },
                  { key: 'amount', header: t('run.amount'), render: (p) => won(p.amountWon), csv: (p) => p.amountWon },
                  {
                    key: 'status',
                    header: t('runs.status'),
                    render: (p) => (
                      <StatusBadge status={p.status} colors={PAYOUT_STATUS_COLORS} testId="payout-status">
                        {t(`status.${p.status}`)}
                      </StatusBadge>
                    ),
                    csv: (p) => t(`status.${p.status}`),
                  },
                  { key: 'paidAt', header: t('run.paidAt'), render: (p) => formatSeoul(p.paidAt), csv: (p) => (p.paidAt ? formatSeoul(p.paidAt) : '') },
                  {
                    key: 'action',
                    header: '',
                    render: (p) =>
                      p.status === 'pending' ? (
                        <Button size="xs" variant="default" onClick={() => setConfirming(p)} data-testid="payout-mark-paid">
                          {t('run.markPaid')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            </>
          )
        }
      </QueryState>
      <Modal opened={confirming !== null} onClose={() => !markPaid.isPending && setConfirming(null)} title={t('run.confirmTitle')} centered>
        {confirming && (
          <Stack>
            <Text>{t('run.confirmText', { name: confirming.name, amount: won(confirming.amountWon) })}</Text>
            <ErrorAlert error={markPaid.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)} disabled={markPaid.isPending}>
                {t('common:action.cancel')}
              </Button>
              <Button onClick={() => markPaid.mutate(confirming)} loading={markPaid.isPending} data-testid="payout-confirm-paid">
                {t('run.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function Statements({ run }: { run: Run }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const statements = useQuery({
    queryKey: ['billing', 'statements', run.id, page],
    queryFn: () => request<Page<Statement>>('/admin/settlements/statements', { query: { runId: run.id, page, limit: STATEMENT_LIMIT } }),
  });
  return (
    <Stack gap="sm">
      <Title order={5}>{t('run.statementsTitle')}</Title>
      <QueryState query={statements} empty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable
            rows={d.items}
            rowKey={(s) => s.id}
            total={d.total}
            page={page}
            limit={STATEMENT_LIMIT}
            onPage={setPage}
            csvName={`dure-statements-${run.periodStart}-${run.periodEnd}.csv`}
            onRowClick={(s) => navigate(`/billing/statements/${s.id}`)}
            columns={[
              {
                key: 'memberNo',
                header: t('run.memberNo'),
                render: (s) => (
                  <Text span size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {s.memberNo ?? '—'}
                  </Text>
                ),
                csv: (s) => s.memberNo ?? '',
              },
              {
                key: 'member',
                header: t('run.name'),
                render: (s) => (
                  <Anchor component={Link} to={`/billing/statements/${s.id}`} data-testid="statement-link" onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
                    {s.memberName}
                  </Anchor>
                ),
                csv: (s) => s.memberName,
              },
              { key: 'jobs', header: t('statement.jobs'), render: (s) => s.jobCount, csv: (s) => s.jobCount },
              { key: 'gross', header: t('statement.gross'), render: (s) => won(s.grossWon), csv: (s) => s.grossWon },
              { key: 'fee', header: t('statement.fee'), render: (s) => won(s.feeWon), csv: (s) => s.feeWon },
              { key: 'withholding', header: t('run.totals.withholdingWon'), render: (s) => won(s.withholdingWon), csv: (s) => s.withholdingWon },
              { key: 'insurance', header: t('statement.insurance'), render: (s) => won(s.insuranceWon), csv: (s) => s.insuranceWon },
              { key: 'carried', header: t('statement.carried'), render: (s) => won(s.carriedWon), csv: (s) => s.carriedWon },
              {
                key: 'net',
                header: t('statement.net'),
                render: (s) => (
                  <Text span fw={600} c={s.netWon < 0 ? 'red' : undefined}>
                    {won(s.netWon)}
                  </Text>
                ),
                csv: (s) => s.netWon,
              },
            ]}
          />
        )}
      </QueryState>
    </Stack>
  );
}

export function RunDetailView() {
  const { t } = useTranslation(ns);
  const { runId = '' } = useParams();
  const run = useQuery({
    queryKey: ['billing', 'run', runId],
    queryFn: () => request<Run>(`/admin/settlements/runs/${runId}`),
  });
  const polling = useProgressPolling(progressKey(run.data ? [run.data] : [], isActiveRun), run.refetch);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/billing/runs" size="sm">
        {t('run.back')}
      </Anchor>
      <QueryState query={run}>
        {(r) => (
          <Stack gap="lg">
            <Group justify="space-between" wrap="wrap">
              <Title order={4}>{t('run.title', { start: r.periodStart, end: r.periodEnd })}</Title>
              <Group gap="sm">
                <RunStatusBadge status={r.status} testId="run-detail-status" />
                <RunProgress run={r} />
              </Group>
            </Group>
            {polling.stalled && <StillWaiting onRefresh={polling.resume} />}
            {r.status === 'failed' && (
              <Alert color="red" title={t('run.failed')}>
                {r.error}
              </Alert>
            )}
            {r.totals && <Totals totals={r.totals} />}
            {r.status === 'done' ? (
              <>
                <Payouts run={r} />
                <Statements run={r} />
              </>
            ) : (
              <Text c="dimmed">{t('run.waiting')}</Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
