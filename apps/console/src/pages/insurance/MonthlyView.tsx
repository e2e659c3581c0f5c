import { Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, request } from '../../api/client';
import { hasRole, useSession } from '../../app/auth';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { INSURANCE_PLANS, type InsurancePlan } from '../../lib/domain';
import { isMonth, previousMonth } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { useWon } from '../../lib/lang';
import { awaitingMonth, type MonthSummary, type MonthWatch } from './api';
import { ns } from './i18n';

/** After asking for a month to be computed, look for its summary this often, and this long at most. */
const MONTH_POLL_MS = 2000;
const COMPUTE_WATCH_MS = 60_000;

/** A month's premiums per plan, computing a past month on demand, and the statutory report per plan. */
export function MonthlyView() {
  const { t } = useTranslation(ns);
  const won = useWon();
  const user = useSession();
  const [month, setMonth] = useState(() => previousMonth());
  const [plan, setPlan] = useState<InsurancePlan>('employment');
  const [watch, setWatch] = useState<MonthWatch | null>(null);
  const valid = isMonth(month);
  const summary = useQuery({
    queryKey: ['insurance', 'monthly', month],
    queryFn: () => request<MonthSummary[]>('/admin/insurance/monthly', { query: { month } }),
    enabled: valid,
    // After a computation was asked for, until its summary has arrived.
    refetchInterval: (q) => (awaitingMonth(watch, month, q.state.data, Date.now()) ? MONTH_POLL_MS : false),
  });
  const compute = useMutation({
    mutationFn: () => request<{ month: string; status: string }>('/admin/insurance/monthly', { method: 'POST', body: { month } }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('monthly.queued', { month }) });
      setWatch({ month, before: JSON.stringify(summary.data ?? []), until: Date.now() + COMPUTE_WATCH_MS });
    },
  });
  const report = useMutation({ mutationFn: () => download('/admin/insurance/reports/monthly', { month, plan }) });
  const computeErrors = formErrors(compute.error, ['month']);
  const reportErrors = formErrors(report.error, ['month', 'plan']);
  const monthError = !valid ? t('monthly.monthInvalid') : (computeErrors.byField.month ?? reportErrors.byField.month);
  return (
    <Stack gap="md">
      <Group align="flex-start" wrap="wrap">
        <TextInput
          type="month"
          label={t('monthly.month')}
          name="month"
          value={month}
          onChange={(e) => {
            setMonth(e.currentTarget.value);
            compute.reset();
            report.reset();
          }}
          error={monthError}
          w={180}
          data-testid="monthly-month"
        />
        {hasRole(user, 'accountant') && (
          <Button mt={25} variant="default" onClick={() => compute.mutate()} loading={compute.isPending} disabled={!valid} data-testid="monthly-compute">
            {t('monthly.compute')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('monthly.computeHint')}
      </Text>
      <ErrorAlert error={computeErrors.summary} />
      {valid && (
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {t('monthly.summary', { month })}
          </Title>
          <QueryState query={summary}>
            {(rows) =>
              rows.length === 0 ? (
                <Text c="dimmed" data-testid="empty">
                  {t('monthly.none')}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={640}>
                  <Table striped data-testid="monthly-summary">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('monthly.plan')}</Table.Th>
                        <Table.Th ta="right">{t('monthly.members')}</Table.Th>
                        <Table.Th ta="right">{t('monthly.covered')}</Table.Th>
                        <Table.Th ta="right">{t('monthly.remuneration')}</Table.Th>
                        <Table.Th ta="right">{t('monthly.workerShare')}</Table.Th>
                        <Table.Th ta="right">{t('monthly.employerShare')}</Table.Th>
                        <Table.Th ta="right">{t('monthly.total')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {rows.map((r) => (
                        <Table.Tr key={r.plan} fw={r.plan === plan ? 600 : undefined}>
                          <Table.Td>{t(`plan.${r.plan}`)}</Table.Td>
                          <Table.Td ta="right">{r.members.toLocaleString('en-US')}</Table.Td>
                          <Table.Td ta="right">{r.covered.toLocaleString('en-US')}</Table.Td>
                          <Table.Td ta="right">{won(r.remunerationWon)}</Table.Td>
                          <Table.Td ta="right">{won(r.workerShareWon)}</Table.Td>
                          <Table.Td ta="right">{won(r.employerShareWon)}</Table.Td>
                          <Table.Td ta="right">{won(r.workerShareWon + r.employerShareWon)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )
            }
          </QueryState>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={5}>{t('monthly.report')}</Title>
          <Text size="sm" c="dimmed">
            {t('monthly.reportHint')}
          </Text>
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('monthly.plan')}
              value={plan}
              onChange={(e) => setPlan(e.currentTarget.value as InsurancePlan)}
              data={INSURANCE_PLANS.map((p) => ({ value: p, label: t(`plan.${p}`) }))}
              error={reportErrors.byField.plan}
              w={200}
              data-testid="monthly-plan"
            />
            <Button onClick={() => report.mutate()} loading={report.isPending} disabled={!valid} data-testid="monthly-report">
              {t('monthly.download', { plan: t(`plan.${plan}`) })}
            </Button>
          </Group>
          <ErrorAlert error={reportErrors.summary} />
        </Stack>
      </Paper>
    </Stack>
  );
}
