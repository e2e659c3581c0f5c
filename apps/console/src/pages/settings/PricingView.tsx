import { Badge, Button, Card, Group, Modal, ScrollArea, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, hasRole } from '../../app/auth';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { PHASE_COLORS, VEHICLE_TYPES, type Phase, type VehicleType } from '../../lib/domain';
import { formatBps, formatSeoul, seoulDate } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useWon } from '../../lib/lang';
import { api, keys } from './api';
import { RATE_FIELDS, RULE_SET_FIELDS, TARIFF_FIELDS, formFrom, ruleSetBody, ruleSetPhases, type RuleSet, type RuleSetForm } from './model';
import { ns } from './texts';

function InForce({ r }: { r: RuleSet }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  return (
    <Card withBorder data-testid="pricing-in-force">
      <Group justify="space-between" mb="sm">
        <Title order={5}>{t('pricing.inForce')}</Title>
        <Text size="sm" c="dimmed">
          {t('pricing.since', { at: formatSeoul(r.effectiveFrom) })}
        </Text>
      </Group>
      <ScrollArea>
        <Table miw={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('pricing.vehicle')}</Table.Th>
              {TARIFF_FIELDS.map((f) => (
                <Table.Th key={f}>{t(`pricing.${f}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {VEHICLE_TYPES.map((v) => (
              <Table.Tr key={v}>
                <Table.Td>{t(`vehicle.${v}`)}</Table.Td>
                <Table.Td>{won(r.vehicles[v]?.baseFareWon)}</Table.Td>
                <Table.Td>{r.vehicles[v]?.baseDistanceM.toLocaleString('en-US')} m</Table.Td>
                <Table.Td>{won(r.vehicles[v]?.perKmWon)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <SimpleGrid cols={{ base: 2, sm: 5 }} mt="sm">
        <Stat label={t('pricing.roadFactor')} value={`×${(r.roadFactorBps / 10_000).toFixed(2).replace(/0$/, '')}`} />
        <Stat label={t('pricing.express')} value={`+${formatBps(r.expressSurchargeBps)}`} />
        <Stat label={t('pricing.night')} value={`+${formatBps(r.nightSurchargeBps)}`} />
        <Stat label={t('pricing.weekend')} value={`+${formatBps(r.weekendSurchargeBps)}`} />
        <Stat label={t('pricing.rounding')} value={won(r.roundingUnitWon)} />
      </SimpleGrid>
      {r.note ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('pricing.note')}: {r.note}
        </Text>
      ) : null}
    </Card>
  );
}

function Nowrap({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      {children}
    </Text>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function RuleSetFormView({ base, onAdded }: { base: RuleSet | null; onAdded: (r: RuleSet) => void }) {
  const { t } = useTranslation(ns);
  const [form, setForm] = useState<RuleSetForm>(() => formFrom(base, seoulDate(new Date(), 1)));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const add = useMutation({ mutationFn: () => api.addRuleSet(ruleSetBody(form), idempotencyKey), onSuccess: onAdded });
  const errors = formErrors(add.error, RULE_SET_FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const setTariff = (v: VehicleType, f: (typeof TARIFF_FIELDS)[number], value: string) =>
    setForm({ ...form, vehicles: { ...form.vehicles, [v]: { ...form.vehicles[v], [f]: value } } });
  return (
    <form onSubmit={submit} data-testid="rule-set-form" noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('pricing.formHint')}
        </Text>
        <Group grow align="flex-start">
          <TextInput type="date" label={t('pricing.date')} value={form.date} onChange={(e) => setForm({ ...form, date: e.currentTarget.value })} error={errors.byField.effectiveFrom} required />
          <TextInput type="time" label={t('pricing.time')} value={form.time} onChange={(e) => setForm({ ...form, time: e.currentTarget.value })} required />
        </Group>
        {VEHICLE_TYPES.map((v) => (
          <Stack key={v} gap={4}>
            <Text fw={600} size="sm">
              {t(`vehicle.${v}`)}
            </Text>
            {errors.byField[`vehicles.${v}`] ? (
              <Text c="red" size="xs">
                {errors.byField[`vehicles.${v}`]}
              </Text>
            ) : null}
            <SimpleGrid cols={3}>
              {TARIFF_FIELDS.map((f) => (
                <TextInput
                  key={f}
                  label={t(`pricing.${f}`)}
                  inputMode="numeric"
                  name={`vehicles.${v}.${f}`}
                  value={form.vehicles[v][f]}
                  onChange={(e) => setTariff(v, f, e.currentTarget.value)}
                  error={errors.byField[`vehicles.${v}.${f}`]}
                />
              ))}
            </SimpleGrid>
          </Stack>
        ))}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {RATE_FIELDS.map((f) => (
            <TextInput key={f} label={t(`pricing.${f}`)} inputMode="numeric" name={f} value={form[f]} onChange={(e) => setForm({ ...form, [f]: e.currentTarget.value })} error={errors.byField[f]} />
          ))}
        </SimpleGrid>
        <Textarea label={t('pricing.note')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} error={errors.byField.note} autosize minRows={2} />
        <ErrorAlert error={errors.summary} other={errors.other} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} data-testid="rule-set-submit">
            {t('pricing.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The rule set in force, the schedule and the history; an admin may add one from now on. */
export function PricingView() {
  const { t } = useTranslation(ns);
  const won = useWon();
  const user = useSession();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const query = useQuery({ queryKey: keys.ruleSets, queryFn: api.ruleSets });
  const added = (r: RuleSet) => {
    setAdding(false);
    notifications.show({ color: 'teal', message: t('pricing.added', { at: formatSeoul(r.effectiveFrom) }) });
    void queryClient.invalidateQueries({ queryKey: keys.ruleSets });
  };
  const columns: Column<{ ruleSet: RuleSet; phase: Phase }>[] = [
    {
      key: 'phase',
      header: '',
      render: (p) => <Badge color={PHASE_COLORS[p.phase]}>{t(`pricing.phase.${p.phase}`)}</Badge>,
      csv: (p) => p.phase,
    },
    { key: 'from', header: t('pricing.effectiveFrom'), render: (p) => <Nowrap>{formatSeoul(p.ruleSet.effectiveFrom)}</Nowrap>, csv: (p) => p.ruleSet.effectiveFrom },
    ...VEHICLE_TYPES.map((v) => ({
      key: v,
      header: t(`vehicle.${v}`),
      render: (p: { ruleSet: RuleSet }) => <Nowrap>{`${won(p.ruleSet.vehicles[v]?.baseFareWon)} / ${won(p.ruleSet.vehicles[v]?.perKmWon)}`}</Nowrap>,
      csv: (p: { ruleSet: RuleSet }) => `${p.ruleSet.vehicles[v]?.baseFareWon}/${p.ruleSet.vehicles[v]?.baseDistanceM}/${p.ruleSet.vehicles[v]?.perKmWon}`,
    })),
    // Rates in basis points as numbers; the rounding unit in won.
    ...RATE_FIELDS.map((f) => ({ key: f, header: t(`pricing.${f}`).replace(/ \(.*\)$/, ''), render: (p: { ruleSet: RuleSet }) => (f === 'roundingUnitWon' ? won(p.ruleSet[f]) : p.ruleSet[f].toLocaleString('en-US')), csv: (p: { ruleSet: RuleSet }) => p.ruleSet[f] })),
    {
      key: 'note',
      header: t('pricing.note'),
      render: (p) => (
        <Text size="sm" lineClamp={2} maw={260} title={p.ruleSet.note}>
          {p.ruleSet.note ?? ''}
        </Text>
      ),
      csv: (p) => p.ruleSet.note ?? '',
    },
    { key: 'createdAt', header: t('pricing.createdAt'), render: (p) => <Nowrap>{formatSeoul(p.ruleSet.createdAt)}</Nowrap>, csv: (p) => p.ruleSet.createdAt },
    {
      key: 'createdBy',
      header: t('pricing.createdBy'),
      // A staff id is long; its head is enough to tell people apart on screen (the CSV has it whole).
      render: (p) => (
        <Text size="sm" ff="monospace" title={p.ruleSet.createdBy}>
          {p.ruleSet.createdBy.length > 12 ? `${p.ruleSet.createdBy.slice(0, 8)}…` : p.ruleSet.createdBy}
        </Text>
      ),
      csv: (p) => p.ruleSet.createdBy,
    },
  ];
  return (
    <QueryState query={query}>
      {(history) => {
        const phases = ruleSetPhases(history, new Date());
        const inForce = phases.find((p) => p.phase === 'inForce')?.ruleSet ?? null;
        return (
          <Stack>
            {inForce ? <InForce r={inForce} /> : <Text c="dimmed">{t('pricing.none')}</Text>}
            <Group justify="space-between">
              <Title order={5}>{t('pricing.history')}</Title>
              {hasRole(user, 'admin') && (
                <Button onClick={() => setAdding(true)} data-testid="rule-set-add">
                  {t('pricing.add')}
                </Button>
              )}
            </Group>
            <DataTable rows={phases} columns={columns} rowKey={(p) => p.ruleSet.id} csvName="pricing-rule-sets.csv" />
            <Modal opened={adding} onClose={() => setAdding(false)} title={t('pricing.formTitle')} size="lg">
              <RuleSetFormView base={inForce ?? phases[0]?.ruleSet ?? null} onAdded={added} />
            </Modal>
          </Stack>
        );
      }}
    </QueryState>
  );
}
