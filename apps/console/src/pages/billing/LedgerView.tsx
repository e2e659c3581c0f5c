import { Badge, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/PageState';
import { useWon } from '../../lib/lang';
import type { BalanceLine, LedgerBalance } from './api';
import { ns } from './i18n';

/** The ledger per account (optionally per member or client), its totals, and whether they balance. */
export function LedgerView() {
  const { t } = useTranslation(ns);
  const won = useWon();
  const [byParty, setByParty] = useState(false);
  const balance = useQuery({ queryKey: ['billing', 'ledger', byParty], queryFn: () => request<LedgerBalance>('/admin/ledger/balance', { query: { byParty } }) });
  const account = (a: BalanceLine) => t(`ledger.accounts.${a.account}`, { defaultValue: a.account });
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={5}>{t('ledger.title')}</Title>
        <Switch label={t('ledger.byParty')} checked={byParty} onChange={(e) => setByParty(e.currentTarget.checked)} data-testid="ledger-by-party" />
      </Group>
      <QueryState query={balance}>
        {(b) => (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <Paper withBorder p="sm">
                <Text size="xs" c="dimmed">
                  {t('ledger.debit')} · {t('ledger.total')}
                </Text>
                <Text fw={600} data-testid="ledger-debit-total">
                  {won(b.totals.debitWon)}
                </Text>
              </Paper>
              <Paper withBorder p="sm">
                <Text size="xs" c="dimmed">
                  {t('ledger.credit')} · {t('ledger.total')}
                </Text>
                <Text fw={600} data-testid="ledger-credit-total">
                  {won(b.totals.creditWon)}
                </Text>
              </Paper>
              <Paper withBorder p="sm">
                <Badge size="lg" mt={4} color={b.totals.balanced ? 'teal' : 'red'} data-testid="ledger-balanced" data-balanced={String(b.totals.balanced)}>
                  {b.totals.balanced ? t('ledger.balanced') : t('ledger.unbalanced')}
                </Badge>
              </Paper>
            </SimpleGrid>
            {b.accounts.length === 0 ? (
              <Text c="dimmed" data-testid="empty">
                {t('common:state.empty')}
              </Text>
            ) : (
              <DataTable
                rows={[...b.accounts, { account: '', partyId: null, debitWon: b.totals.debitWon, creditWon: b.totals.creditWon, balanceWon: b.totals.debitWon - b.totals.creditWon }]}
                rowKey={(a) => `${a.account}:${a.partyId ?? ''}`}
                csvName={byParty ? 'dure-ledger-balance-by-party.csv' : 'dure-ledger-balance.csv'}
                columns={[
                  {
                    key: 'account',
                    header: t('ledger.account'),
                    render: (a) => (a.account ? account(a) : <Text span fw={700}>{t('ledger.total')}</Text>),
                    csv: (a) => (a.account ? account(a) : t('ledger.total')),
                  },
                  ...(byParty ? [{ key: 'party', header: t('ledger.party'), render: (a: BalanceLine) => (a.partyId ? a.partyId.slice(0, 8) : '—'), csv: (a: BalanceLine) => a.partyId }] : []),
                  { key: 'debit', header: t('ledger.debit'), render: (a) => won(a.debitWon), csv: (a) => a.debitWon },
                  { key: 'credit', header: t('ledger.credit'), render: (a) => won(a.creditWon), csv: (a) => a.creditWon },
                  { key: 'balance', header: t('ledger.balance'), render: (a) => won(a.balanceWon), csv: (a) => a.balanceWon },
                ]}
              />
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
