import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, request } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { formatSeoul, isMonth, previousMonth } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { useWon } from '../../lib/lang';
import type { Invoice } from './api';
import { ns } from './i18n';

/** Credit clients' invoices for a month, and the CSV the tax invoices are issued from. */
export function InvoicesView() {
  const { t } = useTranslation(ns);
  const won = useWon();
  const [month, setMonth] = useState(() => previousMonth());
  const [selected, setSelected] = useState<string | null>(null);
  const valid = isMonth(month);
  const invoices = useQuery({
    queryKey: ['billing', 'invoices', month],
    queryFn: () => request<Invoice[]>('/admin/invoices', { query: { month } }),
    enabled: valid,
  });
  const csv = useMutation({ mutationFn: () => download('/admin/invoices', { month, format: 'csv' }) });
  const { byField } = formErrors(invoices.error, ['month']);
  const open = invoices.data?.find((i) => i.clientId === selected);
  return (
    <Stack gap="md">
      <Group align="flex-start" wrap="wrap">
        <TextInput
          type="month"
          label={t('invoices.month')}
          name="month"
          value={month}
          onChange={(e) => {
            setMonth(e.currentTarget.value);
            setSelected(null);
          }}
          error={!valid ? t('invoices.monthInvalid') : byField.month}
          w={180}
        />
        <Button mt={25} variant="light" onClick={() => csv.mutate()} loading={csv.isPending} disabled={!valid} data-testid="invoices-csv">
          {t('invoices.downloadCsv')}
        </Button>
      </Group>
      <ErrorAlert error={csv.error} />
      {valid && (
        <QueryState query={invoices} empty={(d) => d.length === 0}>
          {(list) => (
            <Stack gap="md">
              <Text fw={600} data-testid="invoices-sum">
                {t('invoices.sum', { month })}: {won(list.reduce((s, i) => s + i.totalWon, 0))}
              </Text>
              <DataTable
                rows={list}
                rowKey={(i) => i.clientId}
                csvName={`dure-invoices-${month}-summary.csv`}
                onRowClick={(i) => setSelected(i.clientId === selected ? null : i.clientId)}
                columns={[
                  { key: 'client', header: t('invoices.client'), render: (i) => i.clientName, csv: (i) => i.clientName },
                  { key: 'businessNo', header: t('invoices.businessNo'), render: (i) => i.businessNo, csv: (i) => i.businessNo },
                  { key: 'jobs', header: t('invoices.jobs'), render: (i) => i.jobCount, csv: (i) => i.jobCount },
                  { key: 'total', header: t('invoices.total'), render: (i) => won(i.totalWon), csv: (i) => i.totalWon },
                ]}
              />
              {open && (
                <Paper withBorder p="md">
                  <Title order={5} mb="sm">
                    {t('invoices.lines', { client: open.clientName })}
                  </Title>
                  <DataTable
                    rows={open.lines}
                    rowKey={(l) => l.orderId}
                    csvName={`dure-invoice-${month}-${open.businessNo}.csv`}
                    columns={[
                      { key: 'orderNo', header: t('invoices.orderNo'), render: (l) => l.orderNo, csv: (l) => l.orderNo },
                      { key: 'deliveredAt', header: t('invoices.deliveredAt'), render: (l) => formatSeoul(l.deliveredAt), csv: (l) => formatSeoul(l.deliveredAt) },
                      { key: 'pickup', header: t('invoices.pickup'), render: (l) => l.pickupAddress, csv: (l) => l.pickupAddress },
                      { key: 'dropoff', header: t('invoices.dropoff'), render: (l) => l.dropoffAddress, csv: (l) => l.dropoffAddress },
                      { key: 'item', header: t('invoices.item'), render: (l) => l.itemDescription, csv: (l) => l.itemDescription },
                      { key: 'fare', header: t('invoices.fare'), render: (l) => won(l.fareWon), csv: (l) => l.fareWon },
                    ]}
                  />
                </Paper>
              )}
            </Stack>
          )}
        </QueryState>
      )}
    </Stack>
  );
}
