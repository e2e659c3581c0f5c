import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { hasRole, useSession } from '../../app/auth';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { StatusBadge } from '../../components/StatusBadge';
import { PHASE_COLORS, type Phase } from '../../lib/domain';
import { formatBps, formatSeoul, seoulDate } from '../../lib/format';
import { compact, formErrors } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import type { FeePolicy } from './api';
import { feeSteps, percentToBps, policyInForce } from './billing-rules';
import { FeeChart } from './FeeChart';
import { ns } from './i18n';

function AddPolicyForm() {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ rate: '', effectiveFrom: seoulDate(new Date(), 1), note: '' });
  const [rateInvalid, setRateInvalid] = useState(false);
  const [nonce, setNonce] = useState(0);
  // One key per distinct submission: a retry of the same form is answered once.
  const key = useMemo(() => newIdempotencyKey(), [values, nonce]);
  const add = useMutation({
    mutationFn: (rateBps: number) =>
      request<FeePolicy>('/admin/fee-policies', { method: 'POST', body: compact({ rateBps, effectiveFrom: values.effectiveFrom, note: values.note.trim() }), idempotencyKey: key }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('fees.added') });
      setValues({ rate: '', effectiveFrom: seoulDate(new Date(), 1), note: '' });
      setNonce((n) => n + 1);
      await queryClient.invalidateQueries({ queryKey: ['billing', 'fee-policies'] });
    },
  });
  const { byField, other, summary } = formErrors(add.error, ['rateBps', 'effectiveFrom', 'note']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bps = percentToBps(values.rate);
    setRateInvalid(bps === null);
    if (bps !== null) add.mutate(bps);
  };
  return (
    // noValidate: the form's own inline errors, not the browser's "Please fill out this field".
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="fee-policy-form">
      <Stack gap="sm">
        <Title order={5}>{t('fees.add')}</Title>
        <Text size="sm" c="dimmed">
          {t('fees.addHint')}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('fees.ratePercent')}
            name="rate"
            inputMode="decimal"
            value={values.rate}
            onChange={(e) => setValues({ ...values, rate: e.currentTarget.value })}
            error={rateInvalid ? t('fees.rateInvalid') : byField.rateBps}
            required
            w={140}
          />
          <TextInput
            type="date"
            label={t('fees.effectiveFrom')}
            name="effectiveFrom"
            value={values.effectiveFrom}
            onChange={(e) => setValues({ ...values, effectiveFrom: e.currentTarget.value })}
            error={byField.effectiveFrom}
            required
            w={180}
          />
          <TextInput label={t('fees.note')} name="note" value={values.note} onChange={(e) => setValues({ ...values, note: e.currentTarget.value })} error={byField.note} maxLength={500} w={260} />
          <Button type="submit" mt={25} loading={add.isPending} data-testid="fee-policy-submit">
            {t('fees.submit')}
          </Button>
        </Group>
        <ErrorAlert error={summary} other={other} />
      </Stack>
    </Paper>
  );
}

export function FeePoliciesView() {
  const { t } = useTranslation(ns);
  const user = useSession();
  const policies = useQuery({ queryKey: ['billing', 'fee-policies'], queryFn: () => request<FeePolicy[]>('/admin/fee-policies') });
  const today = seoulDate();
  return (
    <Stack gap="md">
      <QueryState query={policies} empty={(d) => d.length === 0}>
        {(list) => {
          const current = policyInForce(list, today);
          const state = (p: FeePolicy): Phase => (p.id === current?.id ? 'inForce' : p.effectiveFrom > today ? 'future' : 'past');
          return (
            <Stack gap="md">
              <Paper withBorder p="md">
                <Title order={5} mb="sm">
                  {t('fees.chart')}
                </Title>
                <FeeChart steps={feeSteps(list, today)} today={today} todayLabel={t('fees.today')} rateLabel={t('fees.rate')} />
              </Paper>
              <Title order={5}>{t('fees.history')}</Title>
              <DataTable
                rows={list}
                rowKey={(p) => p.id}
                csvName="dure-fee-policies.csv"
                columns={[
                  { key: 'effectiveFrom', header: t('fees.effectiveFrom'), render: (p) => p.effectiveFrom, csv: (p) => p.effectiveFrom },
                  { key: 'rate', header: t('fees.rate'), render: (p) => <Text span fw={600} data-testid="fee-rate">{formatBps(p.rateBps)}</Text>, csv: (p) => formatBps(p.rateBps) },
                  {
                    key: 'state',
                    header: t('fees.state'),
                    render: (p) => (
                      <StatusBadge status={state(p)} colors={PHASE_COLORS}>
                        {t(`fees.${state(p)}`)}
                      </StatusBadge>
                    ),
                    csv: (p) => t(`fees.${state(p)}`),
                  },
                  { key: 'note', header: t('fees.note'), render: (p) => p.note ?? '—', csv: (p) => p.note },
                  { key: 'createdAt', header: t('fees.createdAt'), render: (p) => formatSeoul(p.createdAt), csv: (p) => formatSeoul(p.createdAt) },
                ]}
              />
            </Stack>
          );
        }}
      </QueryState>
      {hasRole(user, 'admin') && <AddPolicyForm />}
    </Stack>
  );
}
