import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { request } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/PageState';
import { formatBps, formatSeoul } from '../../lib/format';
import { useWon } from '../../lib/lang';
import { statementMember, type StatementDetail } from './api';
import { ns } from './i18n';

/** One statement: how the net was reached, and the jobs it settles. */
export function StatementView() {
  const { t } = useTranslation(ns);
  const won = useWon();
  const { statementId = '' } = useParams();
  const statement = useQuery({ queryKey: ['billing', 'statement', statementId], queryFn: () => request<StatementDetail>(`/admin/settlements/statements/${statementId}`) });
  return (
    <QueryState query={statement}>
      {(s) => {
        const rows: [string, number][] = [
          [t('statement.earnings'), s.earningsWon],
          [t('statement.cashFee'), -s.cashFeeWon],
          [t('statement.insurance'), -s.insuranceWon],
          [t('statement.withholdingIncome'), -s.withholdingIncomeWon],
          [t('statement.withholdingLocal'), -s.withholdingLocalWon],
          [t('statement.carried'), s.carriedWon],
        ];
        return (
          <Stack gap="md">
            <Anchor component={Link} to={`/billing/runs/${s.runId}`} size="sm">
              {t('statement.back')}
            </Anchor>
            <Group justify="space-between" wrap="wrap">
              <Title order={4}>
                {t('statement.title')} ·{' '}
                <Anchor component={Link} to={`/members/${s.memberId}`} inherit data-testid="statement-member">
                  {statementMember(s)}
                </Anchor>
              </Title>
              <Text c="dimmed">
                {t('statement.period')}: {s.periodStart} ~ {s.periodEnd}
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Paper withBorder p="md">
                <Table data-testid="statement-summary">
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Td>{t('statement.jobs')}</Table.Td>
                      <Table.Td ta="right">{s.jobCount}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td>{t('statement.gross')}</Table.Td>
                      <Table.Td ta="right">{won(s.grossWon)}</Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Td>{t('statement.fee')}</Table.Td>
                      <Table.Td ta="right">{won(s.feeWon)}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Paper>
              <Paper withBorder p="md">
                <Table>
                  <Table.Tbody>
                    {rows.map(([label, value]) => (
                      <Table.Tr key={label}>
                        <Table.Td>{label}</Table.Td>
                        <Table.Td ta="right">{won(value)}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Td fw={700}>{t('statement.net')}</Table.Td>
                      <Table.Td ta="right" fw={700} c={s.netWon < 0 ? 'red' : undefined} data-testid="statement-net">
                        {won(s.netWon)}
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Paper>
            </SimpleGrid>
            <Title order={5}>{t('statement.lines')}</Title>
            <DataTable
              rows={s.lines}
              rowKey={(l) => l.orderId}
              csvName={`dure-statement-${s.periodStart}-${s.memberNo ?? s.memberName}.csv`}
              columns={[
                {
                  key: 'orderNo',
                  header: t('statement.orderNo'),
                  render: (l) => (
                    <Anchor component={Link} to={`/orders/${l.orderId}`} size="sm" data-testid="statement-order-link">
                      #{l.orderNo}
                    </Anchor>
                  ),
                  csv: (l) => l.orderNo,
                },
                { key: 'deliveredAt', header: t('statement.deliveredAt'), render: (l) => formatSeoul(l.deliveredAt), csv: (l) => formatSeoul(l.deliveredAt) },
                { key: 'payment', header: t('statement.payment'), render: (l) => t(`payment.${l.paymentMethod}`), csv: (l) => t(`payment.${l.paymentMethod}`) },
                { key: 'fare', header: t('statement.fare'), render: (l) => won(l.fareWon), csv: (l) => l.fareWon },
                { key: 'feeRate', header: t('statement.feeRate'), render: (l) => formatBps(l.feeRateBps), csv: (l) => formatBps(l.feeRateBps) },
                { key: 'fee', header: t('statement.fee'), render: (l) => won(l.feeWon), csv: (l) => l.feeWon },
                { key: 'net', header: t('statement.lineNet'), render: (l) => won(l.netWon), csv: (l) => l.netWon },
              ]}
            />
          </Stack>
        );
      }}
    </QueryState>
  );
}
