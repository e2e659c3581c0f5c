import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { formatSeoul, seoulDate } from '../../lib/format';
import { compact, formErrors } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useWon } from '../../lib/lang';
import { keys, membersApi, type ShareCapitalEntry, type ShareCapitalLedger } from './api';
import { ns } from './texts';

/** The share capital (출자금) ledger and the form to record a payment or refund (admin, accountant). */
export function ShareCapitalTab({ memberId }: { memberId: string }) {
  const ledger = useQuery({ queryKey: keys.shareCapital(memberId), queryFn: () => membersApi.shareCapital(memberId) });
  return (
    <Stack>
      <QueryState query={ledger}>{(data) => <Ledger data={data} />}</QueryState>
      <RecordForm memberId={memberId} />
    </Stack>
  );
}

function Ledger({ data }: { data: ShareCapitalLedger }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const columns: Column<ShareCapitalEntry>[] = [
    { key: 'paidOn', header: t('share.paidOn'), render: (e) => e.paidOn, csv: (e) => e.paidOn },
    { key: 'kind', header: t('share.kind'), render: (e) => t(`share.kinds.${e.kind}`), csv: (e) => t(`share.kinds.${e.kind}`) },
    { key: 'amount', header: t('share.amountWon'), render: (e) => won(e.kind === 'refund' ? -e.amountWon : e.amountWon), csv: (e) => (e.kind === 'refund' ? -e.amountWon : e.amountWon) },
    { key: 'note', header: t('share.note'), render: (e) => e.note ?? '—', csv: (e) => e.note },
    { key: 'createdAt', header: t('share.recordedAt'), render: (e) => formatSeoul(e.createdAt), csv: (e) => formatSeoul(e.createdAt) },
  ];
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <Field label={t('share.minimum')}>{won(data.minimumWon)}</Field>
        <Field label={t('share.paidIn')}>{won(data.paidInWon)}</Field>
        <Field label={t('share.refunded')}>{won(data.refundedWon)}</Field>
        <Field label={t('share.balance')} testId="share-balance">
          {won(data.balanceWon)}
        </Field>
        <Field label={t('share.outstanding')}>
          <Text size="sm" c={data.outstandingWon > 0 ? 'red' : undefined}>
            {won(data.outstandingWon)}
          </Text>
        </Field>
      </SimpleGrid>
      {data.scheduledRefund && (
        <Alert color="blue">
          {t('share.scheduledRefund', {
            amount: won(data.scheduledRefund.amountWon),
            dueOn: data.scheduledRefund.dueOn,
            status: t(`share.refundStatus.${data.scheduledRefund.status}`),
          })}
        </Alert>
      )}
      <DataTable rows={data.entries} columns={columns} rowKey={(e) => e.id} csvName={`${t('share.csvName')}-${data.memberId.slice(0, 8)}.csv`} />
    </Stack>
  );
}

const FIELDS = ['kind', 'amountWon', 'paidOn', 'note'] as const;

function RecordForm({ memberId }: { memberId: string }) {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'payment' | 'refund'>('payment');
  const [amountWon, setAmountWon] = useState<number | string>('');
  const [paidOn, setPaidOn] = useState(() => seoulDate());
  const [note, setNote] = useState('');
  // One key per entry: a retried submit of the same entry is recorded once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const record = useMutation({
    mutationFn: () => membersApi.recordShareCapital(memberId, { kind, amountWon, paidOn, ...compact({ note: note.trim() }) }, idempotencyKey),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('done.shareCapital') });
      setAmountWon('');
      setNote('');
      setIdempotencyKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: keys.detail(memberId) });
    },
  });
  const { byField, summary } = formErrors(record.error, FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  // A changed entry is a new entry.
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    if (record.isError) setIdempotencyKey(newIdempotencyKey());
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="share-capital-form">
      <Stack>
        <Title order={5}>{t('share.record')}</Title>
        <Group align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('share.kind')}
            </Text>
            <SegmentedControl
              value={kind}
              onChange={edit((v: string) => setKind(v as 'payment' | 'refund'))}
              data={[
                { value: 'payment', label: t('share.kinds.payment') },
                { value: 'refund', label: t('share.kinds.refund') },
              ]}
            />
            {byField.kind && (
              <Text size="xs" c="red">
                {byField.kind}
              </Text>
            )}
          </Stack>
          <NumberInput label={t('share.amountWon')} withAsterisk value={amountWon} onChange={edit(setAmountWon)} error={byField.amountWon} thousandSeparator="," allowDecimal={false} allowNegative={false} min={1} w={180} data-testid="share-amount" />
          <TextInput type="date" label={t('share.paidOn')} withAsterisk value={paidOn} onChange={(e) => edit(setPaidOn)(e.currentTarget.value)} error={byField.paidOn} w={170} data-testid="share-paid-on" />
          <TextInput label={t('share.note')} value={note} onChange={(e) => edit(setNote)(e.currentTarget.value)} error={byField.note} maxLength={200} w={240} />
        </Group>
        <ErrorAlert error={summary} />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} data-testid="share-submit">
            {t('common:action.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
