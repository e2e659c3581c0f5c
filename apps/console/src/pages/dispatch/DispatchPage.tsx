import { Badge, Button, Grid, Group, Paper, ScrollArea, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { accessToken, url, type Page } from '../../api/client';
import { hasRole, useSession } from '../../app/auth';
import { Forbidden } from '../../components/Forbidden';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { formatSeoulTime } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { useWon } from '../../lib/lang';
import { assignOrder, getOrder, listOrders, orderKeys, type Offer, type Order, type OrderFilter } from '../orders/api';
import { formatDistance } from '../orders/model';
import { MemberName, OrderStatusBadge } from '../orders/parts';
import { ns as ordersNs } from '../orders/texts';
import { consoleConfig, dispatchKeys, fetchCouriers, onlineCounts } from './api';
import {
  BOARD_LIMIT,
  BOARD_STATUSES,
  activeJobs,
  currentOffer,
  feedEntry,
  formatCountdown,
  minutesSince,
  offerHint,
  rankCouriers,
  secondsLeft,
  upsertOrder,
  type CourierRow,
  type FeedEntry,
  type FeedOrder,
  type OfferHint,
  type RankedCourier,
} from './board';
import { BoardMap } from './BoardMap';
import { openEventStream, parseData, type StreamStatus } from './sse';
import { ns } from './texts';

const boardFilter = (status: string): OrderFilter => ({ status, limit: BOARD_LIMIT, page: 1 });
const boardKey = (status: string) => orderKeys.list(boardFilter(status));
/** Offer-mode orders whose offers the board follows (each one detail request). */
const MAX_FOLLOWED_OFFERS = 30;

/**
 * The dispatchers' board: orders waiting for a courier and on the road, kept live by the
 * staff event stream; couriers online on the map and in a list; assign by picking an order
 * and a courier. Offers count down to their expiry and show when they time out.
 */
export default function DispatchPage() {
  const { t } = useTranslation(ns);
  const user = useSession();
  return hasRole(user, 'dispatcher') ? <Board /> : <Forbidden>{t('title')}</Forbidden>;
}

/** Puts an order from the stream (or an answer) into the board's cached lists. */
function patchBoard(queryClient: QueryClient, order: Order): void {
  for (const s of BOARD_STATUSES) queryClient.setQueryData<Page<Order>>(boardKey(s), (page) => upsertOrder(page, order, s));
}

function Board() {
  const { t } = useTranslation(ns);
  const { t: to } = useTranslation(ordersNs);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const selectedOrderId = params.get('order');
  const [selectedCourierId, setSelectedCourierId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [hints, setHints] = useState<Record<string, OfferHint>>({});
  const [feed, setFeed] = useState<FeedEntry[]>([]);

  const requested = useQuery({ queryKey: boardKey('requested'), queryFn: () => listOrders(boardFilter('requested')) });
  const assigned = useQuery({ queryKey: boardKey('assigned'), queryFn: () => listOrders(boardFilter('assigned')) });
  const pickedUp = useQuery({ queryKey: boardKey('picked_up'), queryFn: () => listOrders(boardFilter('picked_up')) });
  const config = useQuery({ queryKey: dispatchKeys.config, queryFn: consoleConfig, staleTime: Infinity });
  const couriers = useQuery({ queryKey: dispatchKeys.couriers(debouncedSearch), queryFn: () => fetchCouriers(debouncedSearch), refetchInterval: 15_000 });
  const counts = useQuery({ queryKey: dispatchKeys.counts, queryFn: onlineCounts, refetchInterval: 15_000 });

  const waiting = useMemo(() => requested.data?.items ?? [], [requested.data]);
  const onRoad = useMemo(() => [...(assigned.data?.items ?? []), ...(pickedUp.data?.items ?? [])], [assigned.data, pickedUp.data]);
  const followed = waiting.filter((o) => o.dispatchMode === 'offer').slice(0, MAX_FOLLOWED_OFFERS);
  const details = useQueries({ queries: followed.map((o) => ({ queryKey: orderKeys.detail(o.id), queryFn: () => getOrder(o.id), staleTime: 5000 })) });
  const offersOf = new Map<string, Offer[] | undefined>(followed.map((o, i) => [o.id, details[i]?.data?.offers]));

  // The staff stream: patch the lists at once, re-read details and totals shortly after.
  useEffect(() => {
    let opened = false;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const refetchSoon = () => {
      clearTimeout(settle);
      settle = setTimeout(() => void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] }), 800);
    };
    const close = openEventStream({
      url: url('/admin/dispatch/stream'),
      token: accessToken,
      onStatus: setStatus,
      onOpen: () => {
        // Whatever happened while the stream was down is read again (the lists; photos and quotes do not change).
        if (opened) void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
        opened = true;
      },
      onMessage: (message) => {
        if (message.event !== 'order_changed' && message.event !== 'order_unassigned') return;
        const data = parseData<FeedOrder>(message);
        if (!data?.id) return;
        const { offeredTo: _to, offerExpiresAt: _until, ...order } = data;
        patchBoard(queryClient, order);
        void queryClient.invalidateQueries({ queryKey: orderKeys.detail(order.id) });
        const now = new Date();
        const hint = offerHint(data, now);
        setHints((h) => {
          if (!hint && !(order.id in h)) return h;
          const next = { ...h };
          if (hint) next[order.id] = hint;
          else if (order.status !== 'requested' || message.event === 'order_unassigned') delete next[order.id];
          return next;
        });
        setFeed((f) => [feedEntry(message.event, data, now, message.id ?? `${order.id}-${now.getTime()}`), ...f].slice(0, 30));
        refetchSoon();
      },
    });
    return () => {
      clearTimeout(settle);
      close();
    };
  }, [queryClient]);

  const selectedOrder = waiting.find((o) => o.id === selectedOrderId) ?? null;
  const jobs = useMemo(() => activeJobs(onRoad), [onRoad]);
  const ranked = useMemo(() => rankCouriers(couriers.data?.rows ?? [], selectedOrder, jobs), [couriers.data, selectedOrder, jobs]);
  const names = useMemo(() => new Map((couriers.data?.rows ?? []).map((c) => [c.memberId, c.name])), [couriers.data]);
  const selectedCourier = ranked.find((c) => c.memberId === selectedCourierId) ?? null;

  const assign = useMutation({
    mutationFn: (v: { order: Order; courier: RankedCourier }) => assignOrder(v.order.id, v.courier.memberId),
    onSuccess: (order, v) => {
      patchBoard(queryClient, order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      notifications.show({ color: 'teal', message: t('assign.done', { orderNo: order.orderNo, name: v.courier.name }) });
      setParams({}, { replace: true });
      setSelectedCourierId(null);
    },
  });
  const selectOrder = (id: string | null) => {
    assign.reset();
    setParams(id && id !== selectedOrderId ? { order: id } : {}, { replace: true });
  };
  const selectCourier = (id: string) => {
    assign.reset();
    setSelectedCourierId((current) => (current === id ? null : id));
  };

  const mapLabels = useMemo(
    () => ({
      noTiles: t('noTiles'),
      pickup: (o: Order) => `#${o.orderNo} ${o.pickup.address}`,
      courier: (c: CourierRow) => `${c.name} · ${to(`vehicle.${c.vehicleType}`)}`,
    }),
    [t, to],
  );
  // The board has no fields: what the API says of the courier or the vehicle is listed under the error.
  const assignErrors = formErrors(assign.error, ['memberId', 'vehicleType']);
  const assignReasons = [...Object.entries(assignErrors.byField).map(([field, reason]) => `${field === 'vehicleType' ? to('field.vehicleType') : to('field.courier')}: ${reason}`), ...assignErrors.other];

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Title order={3}>{t('title')}</Title>
          <Badge color={status === 'open' ? 'teal' : status === 'forbidden' || status === 'closed' ? 'red' : 'yellow'} variant="dot" data-testid="stream-status" data-status={status}>
            {t(`stream.${status}`)}
          </Badge>
        </Group>
        <Group gap={6} data-testid="online-counts">
          <Text size="sm" c="dimmed">
            {t('online')}
          </Text>
          {Object.entries(counts.data ?? {}).map(([vehicle, n]) => (
            <Badge key={vehicle} variant="light" color={n > 0 ? 'teal' : 'gray'}>
              {to(`vehicle.${vehicle}`)} {n}
            </Badge>
          ))}
        </Group>
      </Group>

      <Paper withBorder p="sm" data-testid="assign-bar" pos="sticky" top={64} style={{ zIndex: 600 }}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="lg" wrap="nowrap" style={{ minWidth: 0 }}>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {t('assign.order')}
              </Text>
              <Text size="sm" fw={600} truncate data-testid="assign-order">
                {selectedOrder ? `#${selectedOrder.orderNo} · ${to(`vehicle.${selectedOrder.vehicleType}`)} · ${selectedOrder.pickup.address}` : t('assign.pickOrder')}
              </Text>
            </Stack>
            <Text c="dimmed">→</Text>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed">
                {t('assign.courier')}
              </Text>
              <Text size="sm" fw={600} truncate data-testid="assign-courier">
                {selectedCourier ? `${selectedCourier.name} · ${to(`vehicle.${selectedCourier.vehicleType}`)}` : t('assign.pickCourier')}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {(selectedOrder || selectedCourier) && (
              <Button
                variant="subtle"
                size="xs"
                onClick={() => {
                  selectOrder(null);
                  setSelectedCourierId(null);
                }}
              >
                {t('assign.clear')}
              </Button>
            )}
            <Button
              disabled={!selectedOrder || !selectedCourier}
              loading={assign.isPending}
              onClick={() => selectedOrder && selectedCourier && assign.mutate({ order: selectedOrder, courier: selectedCourier })}
              data-testid="assign-submit"
            >
              {t('assign.submit')}
            </Button>
          </Group>
        </Group>
        {selectedOrder && selectedCourier && !selectedCourier.fits && (
          <Text size="xs" c="orange" mt={4}>
            {t('wrongVehicle')}
          </Text>
        )}
        {assign.error ? (
          <Stack gap={2} mt="xs" data-testid="assign-error">
            <ErrorAlert error={assign.error} other={assignReasons} />
          </Stack>
        ) : null}
      </Paper>

      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Section title={t('unassigned')} count={requested.data?.total} testId="board-unassigned">
              <QueryState query={requested}>
                {() =>
                  waiting.length === 0 ? (
                    <Text size="sm" c="dimmed" data-testid="board-unassigned-empty">
                      {t('noUnassigned')}
                    </Text>
                  ) : (
                    <Stack gap="xs">
                      {waiting.map((o) => (
                        <WaitingCard key={o.id} order={o} offers={offersOf.get(o.id)} hint={hints[o.id]} names={names} selected={o.id === selectedOrderId} onSelect={() => selectOrder(o.id)} />
                      ))}
                    </Stack>
                  )
                }
              </QueryState>
            </Section>
            <Section title={t('inProgress')} count={(assigned.data?.total ?? 0) + (pickedUp.data?.total ?? 0)} testId="board-in-progress">
              <QueryState query={assigned}>
                {() => (
                  <QueryState query={pickedUp}>
                    {() =>
                  onRoad.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('noInProgress')}
                    </Text>
                  ) : (
                    <ScrollArea>
                      <Table miw={360} highlightOnHover verticalSpacing={4}>
                        <Table.Tbody>
                          {onRoad.map((o) => (
                            <Table.Tr key={o.id} onClick={() => navigate(`/orders/${o.id}`)} style={{ cursor: 'pointer' }} data-testid={`inprogress-order-${o.orderNo}`} data-status={o.status}>
                              <Table.Td fw={600}>#{o.orderNo}</Table.Td>
                              <Table.Td>
                                <OrderStatusBadge status={o.status} />
                              </Table.Td>
                              <Table.Td data-testid="inprogress-courier">{o.assignedMemberId && names.has(o.assignedMemberId) ? names.get(o.assignedMemberId) : <MemberName id={o.assignedMemberId} link={false} />}</Table.Td>
                              <Table.Td>
                                <Text size="xs" lineClamp={1}>
                                  {o.dropoff.address}
                                </Text>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </ScrollArea>
                  )
                    }
                  </QueryState>
                )}
              </QueryState>
            </Section>
            <FeedPanel feed={feed} names={names} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Paper withBorder p="xs">
              <BoardMap
                tileUrl={config.data?.mapTileUrl ?? ''}
                orders={waiting}
                couriers={couriers.data?.rows ?? []}
                selectedOrderId={selectedOrderId}
                selectedCourierId={selectedCourierId}
                onSelectOrder={selectOrder}
                onSelectCourier={selectCourier}
                labels={mapLabels}
              />
            </Paper>
            <Section
              title={t('couriers')}
              count={couriers.data?.rows.length}
              testId="board-couriers"
              extra={<TextInput size="xs" placeholder={t('search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={180} data-testid="courier-search" />}
            >
              {couriers.data?.source === 'register' && (
                <Text size="xs" c="orange" mb="xs" data-testid="couriers-register">
                  {t('couriersRegister')}
                </Text>
              )}
              <QueryState query={couriers}>
                {() =>
                  ranked.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('noCouriers')}
                    </Text>
                  ) : (
                    <ScrollArea.Autosize mah={320}>
                      <Table miw={440} highlightOnHover verticalSpacing={4}>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('couriers')}</Table.Th>
                            <Table.Th>{to('field.vehicleType')}</Table.Th>
                            <Table.Th>{t('lastSeen')}</Table.Th>
                            <Table.Th>{t('distance')}</Table.Th>
                            <Table.Th />
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {ranked.map((c) => (
                            <CourierRowView key={c.memberId} courier={c} selected={c.memberId === selectedCourierId} onSelect={() => selectCourier(c.memberId)} />
                          ))}
                        </Table.Tbody>
                      </Table>
                    </ScrollArea.Autosize>
                  )
                }
              </QueryState>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Section({ title, count, testId, extra, children }: { title: string; count?: number; testId: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <Text fw={600}>{title}</Text>
          {count !== undefined && (
            <Badge variant="light" color="gray">
              {count}
            </Badge>
          )}
        </Group>
        {extra}
      </Group>
      {children}
    </Paper>
  );
}

/** Re-renders every second while `enabled` (for countdowns). */
function useNow(enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [enabled]);
  return now;
}

function WaitingCard({ order, offers, hint, names, selected, onSelect }: { order: Order; offers: Offer[] | undefined; hint: OfferHint | undefined; names: Map<string, string>; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation(ns);
  const { t: to } = useTranslation(ordersNs);
  const won = useWon();
  const ticking = !!hint || !!offers?.some((o) => o.status === 'offered');
  const now = useNow(ticking);
  const offer = currentOffer(offers, hint, now);
  const waited = minutesSince(order.createdAt, now);
  return (
    <Paper
      withBorder
      p="xs"
      onClick={onSelect}
      style={{ cursor: 'pointer', borderColor: selected ? 'var(--mantine-color-teal-6)' : undefined, borderWidth: selected ? 2 : 1, background: selected ? 'var(--mantine-color-teal-0)' : undefined }}
      data-testid={`board-order-${order.orderNo}`}
      data-selected={selected ? 'true' : 'false'}
      role="button"
      aria-pressed={selected}
    >
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text fw={700}>#{order.orderNo}</Text>
        <Group gap={4} wrap="nowrap">
          <Badge size="sm" variant="light">
            {to(`vehicle.${order.vehicleType}`)}
          </Badge>
          {order.urgency === 'express' && (
            <Badge size="sm" color="red" variant="light">
              {to('urgency.express')}
            </Badge>
          )}
          <Badge size="sm" variant="outline" color="gray">
            {to(`mode.${order.dispatchMode}`, { defaultValue: order.dispatchMode })}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" lineClamp={1}>
        {order.pickup.address} → {order.dropoff.address}
      </Text>
      <Group justify="space-between" gap={4}>
        <Text size="sm" fw={600}>
          {won(order.fareWon)} <Text span size="xs" c="dimmed">{formatDistance(order.distanceM)}</Text>
        </Text>
        <Text size="xs" c="dimmed">
          {waited !== null ? t('age', { count: waited }) : ''}
        </Text>
      </Group>
      <Group gap={4} mt={2}>
        {order.needsDispatcher && (
          <Badge size="sm" color="orange" data-testid="needs-dispatcher">
            {to('list.needsDispatcher')}
          </Badge>
        )}
        {offer && (
          <Badge
            size="sm"
            color={offer.state === 'live' ? 'yellow' : 'red'}
            variant={offer.state === 'live' ? 'light' : 'filled'}
            data-testid="offer-badge"
            data-state={offer.state}
            style={{ textTransform: 'none' }}
          >
            {t(`offer.${offer.state}`)}: {names.get(offer.memberId) ?? <MemberName id={offer.memberId} link={false} />}
            {offer.state === 'live' ? ` · ${formatCountdown(secondsLeft(offer.expiresAt, now))}` : ''}
          </Badge>
        )}
        {offer && offer.timedOutBefore > 0 && (
          <Text size="xs" c="dimmed">
            {t('offer.lapsedBefore', { count: offer.timedOutBefore })}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

function CourierRowView({ courier, selected, onSelect }: { courier: RankedCourier; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation(ns);
  const { t: to } = useTranslation(ordersNs);
  const minutes = minutesSince(courier.seenAt, Date.now());
  const row = (
    <Table.Tr
      onClick={onSelect}
      style={{ cursor: 'pointer', opacity: courier.fits ? 1 : 0.5, background: selected ? 'var(--mantine-color-orange-0)' : undefined }}
      data-testid={`courier-${courier.memberId}`}
      data-selected={selected ? 'true' : 'false'}
      aria-selected={selected}
    >
      <Table.Td>
        <Text size="sm" fw={selected ? 700 : 500}>
          {courier.name}
        </Text>
        {courier.memberNo && (
          <Text size="xs" c="dimmed">
            {courier.memberNo}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{to(`vehicle.${courier.vehicleType}`, { defaultValue: courier.vehicleType })}</Table.Td>
      <Table.Td>
        <Text size="xs">{minutes === null ? t('unknown') : minutes === 0 ? t('justNow') : t('minutesAgo', { count: minutes })}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{courier.distanceM !== null ? formatDistance(courier.distanceM) : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Badge size="xs" color={courier.jobs > 0 ? 'violet' : 'teal'} variant="light">
          {courier.jobs > 0 ? t('jobs', { count: courier.jobs }) : t('free')}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
  return courier.fits ? (
    row
  ) : (
    <Tooltip label={t('wrongVehicle')} position="left">
      {row}
    </Tooltip>
  );
}

function FeedPanel({ feed, names }: { feed: FeedEntry[]; names: Map<string, string> }) {
  const { t } = useTranslation(ns);
  return (
    <Paper withBorder p="sm" data-testid="board-feed">
      <Text fw={600} mb="xs">
        {t('feed.title')}
      </Text>
      {feed.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('feed.empty')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={200}>
          <Stack gap={2}>
            {feed.map((e) => (
              <Text key={e.key} size="xs" data-testid="feed-entry" data-kind={e.kind}>
                <Text span c="dimmed" size="xs">
                  {formatSeoulTime(e.at)}
                </Text>{' '}
                {t(`feed.${e.kind}`, { orderNo: e.orderNo })}
                {e.memberId && (e.kind === 'offered' || e.kind === 'assigned') ? <> · {names.get(e.memberId) ?? <MemberName id={e.memberId} link={false} />}</> : null}
              </Text>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}
