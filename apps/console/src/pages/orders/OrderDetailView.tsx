import { Alert, Anchor, Badge, Button, Grid, Group, Image, Modal, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fetchBlob } from '../../api/client';
import { hasRole, useSession } from '../../app/auth';
import { Field } from '../../components/Field';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { ORDER_STATUS_COLORS, statusColor } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { useWon } from '../../lib/lang';
import { cancelOrder, getOrder, orderKeys, type OrderDetail, type Stop } from './api';
import { canCancel, formatDistance } from './model';
import { ClientName, MemberName, OrderStatusBadge } from './parts';
import { ns } from './texts';

const FINISHED = ['delivered', 'cancelled', 'failed'];
const LIVE_MS = 5000;

export function OrderDetailView() {
  const { id = '' } = useParams();
  // An order still moving is read again every few seconds, so its timeline follows the road.
  const order = useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: () => getOrder(id),
    refetchInterval: (q) => (q.state.data && FINISHED.includes(q.state.data.status) ? false : LIVE_MS),
  });
  const { t } = useTranslation(ns);
  return (
    <Stack>
      <Anchor component={Link} to="/orders" size="sm">
        {t('detail.back')}
      </Anchor>
      <QueryState query={order}>{(o) => <OrderDetailBody order={o} />}</QueryState>
    </Stack>
  );
}

function OrderDetailBody({ order }: { order: OrderDetail }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const user = useSession();
  const [cancelling, setCancelling] = useState(false);
  const mayAct = hasRole(user, 'dispatcher');
  return (
    <Stack data-testid="order-detail" data-order-id={order.id}>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={3} data-testid="order-no">
            #{order.orderNo}
          </Title>
          <OrderStatusBadge status={order.status} />
          <Badge variant="outline" color="gray">
            {t(`mode.${order.dispatchMode}`, { defaultValue: order.dispatchMode })}
          </Badge>
        </Group>
        <Group gap="xs">
          {(order.status === 'requested' || order.status === 'assigned' || order.status === 'picked_up') && (
            <Button component={Link} to={`/dispatch?order=${order.id}`} variant="default" size="sm">
              {t('detail.openBoard')}
            </Button>
          )}
          {mayAct && canCancel(order.status) && (
            <Button color="red" variant="light" size="sm" onClick={() => setCancelling(true)} data-testid="order-cancel">
              {t('detail.cancel')}
            </Button>
          )}
        </Group>
      </Group>
      {order.needsDispatcher && order.status === 'requested' && (
        <Alert color="orange" data-testid="needs-dispatcher">
          {t('detail.needsDispatcher')}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <StopCard title={t('field.pickup')} stop={order.pickup} testId="detail-pickup" />
              <StopCard title={t('field.dropoff')} stop={order.dropoff} testId="detail-dropoff" />
            </SimpleGrid>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
                <Field label={t('field.itemDescription')}>{order.itemDescription}</Field>
                <Field label={t('field.vehicleType')}>{t(`vehicle.${order.vehicleType}`)}</Field>
                <Field label={t('field.urgency')}>{t(`urgency.${order.urgency}`)}</Field>
                <Field label={t('field.paymentMethod')}>{t(`payment.${order.paymentMethod}`)}</Field>
                <Field label={t('field.fareWon')} testId="detail-fare">
                  {won(order.fareWon)} <Text span size="xs" c="dimmed">({t(`fareSource.${order.fareSource}`)})</Text>
                </Field>
                <Field label={t('field.feeWon')}>{won(order.feeWon)}</Field>
                <Field label={t('field.distance')}>{formatDistance(order.distanceM)}</Field>
                <Field label={t('field.courier')} testId="detail-courier">
                  <MemberName id={order.assignedMemberId} />
                </Field>
                <Field label={t('field.createdAt')}>{formatSeoul(order.createdAt)}</Field>
                {order.clientId && (
                  <Field label={t('field.client')}>
                    <ClientName id={order.clientId} />
                  </Field>
                )}
                {order.cancelReason && <Field label={t('field.cancelReason')}>{order.cancelReason}</Field>}
                {order.failReason && <Field label={t('field.failReason')}>{order.failReason}</Field>}
              </SimpleGrid>
            </Paper>
            <ProofPanel order={order} />
            {order.offers && order.offers.length > 0 && <OffersTable order={order} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <Text fw={600} mb="sm">
              {t('detail.timeline')}
            </Text>
            <Timeline active={order.events.length - 1} bulletSize={14} lineWidth={2} data-testid="order-timeline">
              {order.events.map((e, i) => (
                <Timeline.Item key={`${e.status}-${e.at}-${i}`} color={statusColor(ORDER_STATUS_COLORS, e.status)} title={t(`status.${e.status}`, { defaultValue: e.status })} data-testid="timeline-event" data-status={e.status}>
                  <Text size="xs" c="dimmed">
                    {formatSeoul(e.at)} · {t(`actor.${e.actorType}`, { defaultValue: e.actorType })}{' '}
                    {e.actorType === 'courier' ? <MemberName id={e.actorId} /> : e.actorType === 'system' ? null : e.actorId.slice(0, 8)}
                  </Text>
                  {e.reason && <Text size="sm">{e.reason}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        </Grid.Col>
      </Grid>
      <CancelModal order={order} opened={cancelling} onClose={() => setCancelling(false)} />
    </Stack>
  );
}

function StopCard({ title, stop, testId }: { title: string; stop: Stop; testId: string }) {
  const { t } = useTranslation(ns);
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={600}>{stop.address}</Text>
      <Text size="sm">
        {t('detail.contact')}: {stop.contactName} · {stop.contactPhone}
      </Text>
      <Text size="xs" c="dimmed">
        {stop.lat.toFixed(5)}, {stop.lng.toFixed(5)}
      </Text>
    </Paper>
  );
}

function OffersTable({ order }: { order: OrderDetail }) {
  const { t } = useTranslation(ns);
  return (
    <Paper withBorder p="md">
      <Text fw={600} mb="xs">
        {t('detail.offers')}
      </Text>
      <ScrollArea>
        <Table miw={520} data-testid="order-offers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('field.courier')}</Table.Th>
              <Table.Th>{t('field.status')}</Table.Th>
              <Table.Th>{t('field.distance')}</Table.Th>
              <Table.Th>{t('detail.offeredAt')}</Table.Th>
              <Table.Th>{t('detail.expiresAt')}</Table.Th>
              <Table.Th>{t('detail.respondedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(order.offers ?? []).map((f) => (
              <Table.Tr key={`${f.memberId}-${f.offeredAt}`}>
                <Table.Td>
                  <MemberName id={f.memberId} />
                </Table.Td>
                <Table.Td>{t(`offerStatus.${f.status}`, { defaultValue: f.status })}</Table.Td>
                <Table.Td>{formatDistance(f.distanceM)}</Table.Td>
                <Table.Td>{formatSeoul(f.offeredAt)}</Table.Td>
                <Table.Td>{formatSeoul(f.expiresAt)}</Table.Td>
                <Table.Td>{formatSeoul(f.respondedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}

/** Recipient and, when the courier took one, the photo (fetched with the token, shown from a blob). */
function ProofPanel({ order }: { order: OrderDetail }) {
  const { t } = useTranslation(ns);
  // The photo (it may show the recipient) is for those who move orders, as the API says.
  const mayView = hasRole(useSession(), 'dispatcher');
  const photo = useQuery({
    queryKey: ['orders', 'proof-photo', order.id],
    queryFn: () => fetchBlob(`/admin/orders/${order.id}/proof-photo`),
    enabled: order.hasProofPhoto && mayView,
    staleTime: Infinity,
    retry: false,
  });
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!photo.data) return;
    const href = URL.createObjectURL(photo.data);
    setSrc(href);
    return () => URL.revokeObjectURL(href);
  }, [photo.data]);
  return (
    <Paper withBorder p="md" data-testid="order-proof">
      <Text fw={600} mb="xs">
        {t('detail.proof')}
      </Text>
      {order.status !== 'delivered' && !order.recipientName ? (
        <Text size="sm" c="dimmed">
          {t('detail.noProof')}
        </Text>
      ) : (
        <Stack gap="xs">
          <SimpleGrid cols={2}>
            <Field label={t('detail.recipient')} testId="proof-recipient">
              {order.recipientName ?? '—'}
            </Field>
            <Field label={t('field.deliveredAt')}>{formatSeoul(order.deliveredAt)}</Field>
          </SimpleGrid>
          <Field label={t('detail.photo')}>
            {!order.hasProofPhoto ? (
              t('detail.noPhoto')
            ) : !mayView ? (
              t('detail.photoDispatchersOnly')
            ) : photo.error ? (
              <Text size="sm" c="red">
                {t('detail.photoError')}
              </Text>
            ) : src ? (
              <Anchor href={src} target="_blank" rel="noreferrer">
                <Image src={src} alt={t('detail.photo')} maw={320} radius="sm" data-testid="proof-photo" />
              </Anchor>
            ) : (
              t('common:state.loading')
            )}
          </Field>
        </Stack>
      )}
    </Paper>
  );
}

function CancelModal({ order, opened, onClose }: { order: OrderDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => cancelOrder(order.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      notifications.show({ color: 'teal', message: t('detail.cancelled') });
      setReason('');
      onClose();
    },
  });
  const errors = formErrors(cancel.error, ['reason']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cancel.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('detail.cancelTitle', { orderNo: order.orderNo })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea label={t('field.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.byField.reason} autosize minRows={2} data-testid="cancel-reason" data-autofocus />
          <ErrorAlert error={errors.summary} other={errors.other} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:action.close')}
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending} data-testid="cancel-confirm">
              {t('detail.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
