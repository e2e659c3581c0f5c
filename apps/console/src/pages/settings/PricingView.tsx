import { Button, Card, Group, Modal, ScrollArea, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, hasRole } from '../../app/auth';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { StatusBadge } from '../../components/StatusBadge';
import { PHASE_COLORS, VEHICLE_TYPES, type Phase, type VehicleType } from '../../lib/domain';
import { formatSeoul, seoulDate } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useWon } from '../../lib/lang';
import { api, keys } from './api';
import { RATES, RATE_FIELDS, RULE_SET_FIELDS, TARIFF_FIELDS, formFrom, ruleSetBody, ruleSetPhases, ruleSetRates, type RuleSet, type RuleSetForm } from './model';
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
        {ruleSetRates(r).map((rate) => (
          <Stat key={rate.key} label={t(`pricing.${rate.label}`)} value={rate.value} />
        ))}
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

/** A Seoul date over its time of day (and who, when given): narrow enough for a wide table. */
function When({ iso, by }: { iso: string; by?: string }) {
  const [date, time] = formatSeoul(iso).split(' ');
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      <Text size="sm">{date}</Text>
      <Text size="xs" c="dimmed">
        {time}
        {by ? (
          // A staff id is long; its head is enough to tell people apart on screen (the CSV has it whole).
          <Text span size="xs" ff="monospace" ml={6} title={by}>
            {by.length > 12 ? `${by.slice(0, 8)}…` : by}
          </Text>
        ) : null}
      </Text>
    </div>
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
  type Row = { ruleSet: RuleSet; phase: Phase };
  const tariff = (r: RuleSet, v: VehicleType) => r.vehicles[v];
  // The rates read as on the card above (×1.3, +50%). The fares stack in one cell and dates
  // take two lines, so the whole history fits a 1280 px screen (a narrower one scrolls sideways).
  const columns: Column<Row>[] = [
    {
      key: 'phase',
      header: t('pricing.status'),
      render: (p) => (
        <StatusBadge status={p.phase} colors={PHASE_COLORS} testId="rule-set-phase">
          {t(`pricing.phase.${p.phase}`)}
        </StatusBadge>
      ),
      csv: (p) => t(`pricing.phase.${p.phase}`),
    },
    { key: 'from', header: t('pricing.effectiveFrom'), render: (p) => <When iso={p.ruleSet.effectiveFrom} />, csv: (p) => formatSeoul(p.ruleSet.effectiveFrom) },
    {
      key: 'vehicles',
      header: t('pricing.fares'),
      render: (p) => (
        <div style={{ display: 'grid', gridTemplateColumns: 'auto auto auto', columnGap: 10, whiteSpace: 'nowrap' }}>
          {VEHICLE_TYPES.map((v) => (
            <Fragment key={v}>
              <Text size="xs" c="dimmed">
                {t(`vehicle.${v}`)}
              </Text>
              <Text size="xs" ta="right">
                {won(tariff(p.ruleSet, v)?.baseFareWon)}
              </Text>
              <Text size="xs" ta="right">
                {t('pricing.perKmShort', { won: won(tariff(p.ruleSet, v)?.perKmWon) })}
              </Text>
            </Fragment>
          ))}
        </div>
      ),
      csv: (p) =>
        VEHICLE_TYPES.map(
          (v) => `${t(`vehicle.${v}`)} ${won(tariff(p.ruleSet, v)?.baseFareWon)} / ${(tariff(p.ruleSet, v)?.baseDistanceM ?? 0).toLocaleString('en-US')} m / ${t('pricing.perKmShort', { won: won(tariff(p.ruleSet, v)?.perKmWon) })}`,
        ).join('; '),
    },
    ...RATES.map(
      ({ key, label, format }): Column<Row> => ({
        key,
        header: t(`pricing.${label}`),
        render: (p) => <Nowrap>{format(p.ruleSet[key])}</Nowrap>,
        csv: (p) => format(p.ruleSet[key]),
      }),
    ),
    { key: 'roundingUnitWon', header: t('pricing.rounding'), render: (p) => <Nowrap>{won(p.ruleSet.roundingUnitWon)}</Nowrap>, csv: (p) => won(p.ruleSet.roundingUnitWon) },
    {
      key: 'note',
      header: t('pricing.note'),
      render: (p) => (
        <Text size="sm" lineClamp={3} miw={110} maw={280} title={p.ruleSet.note}>
          {p.ruleSet.note ?? ''}
        </Text>
      ),
      csv: (p) => p.ruleSet.note ?? '',
    },
    {
      key: 'created',
      header: t('pricing.created'),
      render: (p) => <When iso={p.ruleSet.createdAt} by={p.ruleSet.createdBy} />,
      csv: (p) => `${formatSeoul(p.ruleSet.createdAt)} (${p.ruleSet.createdBy})`,
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
