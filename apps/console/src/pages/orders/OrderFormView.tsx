import { Alert, Anchor, Button, Divider, Grid, Group, Loader, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../lib/api-text';
import { ErrorAlert } from '../../components/PageState';
import { VEHICLE_TYPES } from '../../lib/domain';
import { formErrors, currentLang } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useWon } from '../../lib/lang';
import { createOrder, fetchQuote, orderKeys, type QuoteRequest } from './api';
import {
  DISPATCH_MODES,
  ORDER_FIELDS,
  PAYMENT_METHODS,
  PLACE_KEYS,
  URGENCIES,
  applyPlace,
  breakdownTotal,
  currentFieldErrors,
  emptyOrderForm,
  idempotencyKeyFor,
  orderBody,
  quoteRequest,
  type OrderForm,
  type StopForm,
} from './model';
import { useClients } from './parts';
import { ns } from './texts';

/** A phone order: the stops (a known place or coordinates by hand), the options, and the fare as it will be charged. */
export function OrderFormView() {
  const { t } = useTranslation(ns);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<OrderForm>(emptyOrderForm);
  const submission = useRef<{ body: string; key: string } | null>(null);
  // The form as it was sent when the API refused it: a field changed since drops its error.
  const [answered, setAnswered] = useState<OrderForm | null>(null);
  const clients = useClients();

  const create = useMutation({
    mutationFn: () => {
      setAnswered(form);
      const body = orderBody(form);
      submission.current = idempotencyKeyFor(submission.current, body, newIdempotencyKey);
      return createOrder(body, submission.current.key);
    },
    onSuccess: (order) => {
      submission.current = null;
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      notifications.show({ color: 'teal', message: t('form.created', { orderNo: order.orderNo }) });
      navigate(`/orders/${order.id}`);
    },
  });
  const refused = formErrors(create.error, ORDER_FIELDS);
  const errors = { ...refused, byField: currentFieldErrors(refused.byField, answered, form) };
  const set = <K extends keyof OrderForm>(key: K, value: OrderForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('form.title')}</Title>
        <Anchor component={Link} to="/orders" size="sm">
          {t('detail.back')}
        </Anchor>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <form onSubmit={submit} noValidate data-testid="order-form">
            <Stack>
              <StopFields prefix="pickup" value={form.pickup} onChange={(v) => set('pickup', v)} errors={errors.byField} />
              <StopFields prefix="dropoff" value={form.dropoff} onChange={(v) => set('dropoff', v)} errors={errors.byField} />
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <Text fw={600}>{t('form.options')}</Text>
                  <Textarea
                    label={t('field.itemDescription')}
                    value={form.itemDescription}
                    onChange={(e) => set('itemDescription', e.currentTarget.value)}
                    error={errors.byField.itemDescription}
                    autosize
                    minRows={1}
                    data-testid="itemDescription"
                  />
                  <Group grow align="flex-start">
                    <NativeSelect
                      label={t('field.vehicleType')}
                      value={form.vehicleType}
                      onChange={(e) => set('vehicleType', e.currentTarget.value)}
                      data={VEHICLE_TYPES.map((v) => ({ value: v, label: t(`vehicle.${v}`) }))}
                      error={errors.byField.vehicleType}
                      data-testid="vehicleType"
                    />
                    <NativeSelect
                      label={t('field.urgency')}
                      value={form.urgency}
                      onChange={(e) => set('urgency', e.currentTarget.value)}
                      data={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
                      error={errors.byField.urgency}
                      data-testid="urgency"
                    />
                  </Group>
                  <Group grow align="flex-start">
                    <NativeSelect
                      label={t('field.paymentMethod')}
                      value={form.paymentMethod}
                      onChange={(e) => set('paymentMethod', e.currentTarget.value)}
                      data={PAYMENT_METHODS.map((p) => ({ value: p, label: t(`payment.${p}`) }))}
                      error={errors.byField.paymentMethod}
                      data-testid="paymentMethod"
                    />
                    <NativeSelect
                      label={t('field.client')}
                      value={form.clientId}
                      onChange={(e) => set('clientId', e.currentTarget.value)}
                      data={[{ value: '', label: t('field.noClient') }, ...(clients.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.businessNo})` }))]}
                      error={errors.byField.clientId ?? (clients.error ? describeError(clients.error, currentLang()) : undefined)}
                      data-testid="clientId"
                    />
                  </Group>
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('field.agreedFare')}
                      description={t('field.agreedFareHint')}
                      inputMode="numeric"
                      value={form.fareWon}
                      onChange={(e) => set('fareWon', e.currentTarget.value)}
                      error={errors.byField.fareWon}
                      data-testid="fareWon"
                    />
                    <NativeSelect
                      label={t('field.dispatchMode')}
                      value={form.dispatchMode}
                      onChange={(e) => set('dispatchMode', e.currentTarget.value)}
                      data={[{ value: '', label: t('mode.default') }, ...DISPATCH_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))]}
                      error={errors.byField.dispatchMode}
                      data-testid="dispatchMode"
                    />
                  </Group>
                </Stack>
              </Paper>
              <ErrorAlert error={errors.summary} other={errors.other} />
              <Group justify="flex-end">
                <Button type="submit" loading={create.isPending} data-testid="order-submit">
                  {t('form.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <QuotePanel request={quoteRequest(form)} agreedFare={form.fareWon} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** One stop: a known place fills it; the address, coordinates and contact can be typed. */
function StopFields({ prefix, value, onChange, errors }: { prefix: 'pickup' | 'dropoff'; value: StopForm; onChange: (v: StopForm) => void; errors: Record<string, string> }) {
  const { t } = useTranslation(ns);
  const edit = (key: keyof StopForm) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [key]: e.currentTarget.value, place: key === 'contactName' || key === 'contactPhone' ? value.place : '' });
  const err = (f: string) => errors[`${prefix}.${f}`];
  return (
    <Paper withBorder p="md" data-testid={`${prefix}-stop`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Text fw={600}>{t(`field.${prefix}`)}</Text>
          <NativeSelect
            aria-label={`${t(`field.${prefix}`)} · ${t('place.pick')}`}
            value={value.place}
            onChange={(e) => onChange(applyPlace(value, e.currentTarget.value))}
            data={[{ value: '', label: `${t('place.pick')} / ${t('place.manual')}` }, ...PLACE_KEYS.map((k) => ({ value: k, label: t(`place.${k}`) }))]}
            data-testid={`${prefix}-place`}
            w={220}
          />
        </Group>
        {errors[prefix] && (
          <Text size="sm" c="red">
            {errors[prefix]}
          </Text>
        )}
        <TextInput label={t('field.address')} value={value.address} onChange={edit('address')} error={err('address')} data-testid={`${prefix}-address`} errorProps={{ 'data-testid': `${prefix}-address-error` }} />
        <Group grow align="flex-start">
          <TextInput label={t('field.lat')} inputMode="decimal" value={value.lat} onChange={edit('lat')} error={err('lat')} data-testid={`${prefix}-lat`} errorProps={{ 'data-testid': `${prefix}-lat-error` }} />
          <TextInput label={t('field.lng')} inputMode="decimal" value={value.lng} onChange={edit('lng')} error={err('lng')} data-testid={`${prefix}-lng`} errorProps={{ 'data-testid': `${prefix}-lng-error` }} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('form.coordsHint')}
        </Text>
        <Group grow align="flex-start">
          <TextInput
            label={t('field.contactName')}
            value={value.contactName}
            onChange={edit('contactName')}
            error={err('contactName')}
            data-testid={`${prefix}-contactName`}
            errorProps={{ 'data-testid': `${prefix}-contactName-error` }}
          />
          <TextInput
            label={t('field.contactPhone')}
            type="tel"
            value={value.contactPhone}
            onChange={edit('contactPhone')}
            error={err('contactPhone')}
            data-testid={`${prefix}-contactPhone`}
            errorProps={{ 'data-testid': `${prefix}-contactPhone-error` }}
          />
        </Group>
      </Stack>
    </Paper>
  );
}

/** The fare of the trip as typed, asked again ~300 ms after the stops or the options change. */
function QuotePanel({ request, agreedFare }: { request: QuoteRequest | null; agreedFare: string }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const [debounced] = useDebouncedValue(request ? JSON.stringify(request) : '', 300);
  const quote = useQuery({
    queryKey: ['orders', 'quote', debounced],
    queryFn: () => fetchQuote(JSON.parse(debounced) as QuoteRequest),
    enabled: debounced !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
  const settling = !!request && (JSON.stringify(request) !== debounced || quote.isFetching);
  const agreed = /^\d[\d,]*$/.test(agreedFare.trim()) ? Number(agreedFare.trim().replace(/,/g, '')) : null;
  return (
    <Paper withBorder p="md" data-testid="quote-panel" pos="sticky" top={72}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('form.quote')}</Text>
          {settling && <Loader size="xs" data-testid="quote-loading" aria-label={t('form.quoteLoading')} />}
        </Group>
        {!request ? (
          <Text size="sm" c="dimmed" data-testid="quote-waiting">
            {t('form.quoteWaiting')}
          </Text>
        ) : quote.error && !settling ? (
          <Alert color="red" title={t('form.quoteError')} data-testid="quote-error">
            {describeError(quote.error, currentLang())}
          </Alert>
        ) : quote.data && debounced !== '' ? (
          <Stack gap="xs" opacity={settling ? 0.6 : 1}>
            <Text size="xl" fw={700} data-testid="quote-fare" data-fare={quote.data.fareWon} data-settled={settling ? 'false' : 'true'}>
              {won(quote.data.fareWon)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('form.quoteDistance', { km: (quote.data.distanceM / 1000).toFixed(1) })}
            </Text>
            <Divider />
            <Table data-testid="quote-breakdown" withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {quote.data.breakdown.map((b) => (
                  <Table.Tr key={b.kind}>
                    <Table.Td>{t(`breakdown.${b.kind}`, { defaultValue: b.kind })}</Table.Td>
                    <Table.Td ta="right">{won(b.amountWon)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td fw={700}>{t('breakdown.total')}</Table.Td>
                  <Table.Td ta="right" fw={700} data-testid="quote-breakdown-total">
                    {won(breakdownTotal(quote.data.breakdown))}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {agreed !== null && (
              <Alert color="yellow" p="xs">
                <Text size="sm">{t('form.agreedNote', { fare: won(agreed), quoted: won(quote.data.fareWon) })}</Text>
              </Alert>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('form.quoteLoading')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
