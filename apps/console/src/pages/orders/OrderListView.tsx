import { Badge, Button, Checkbox, Group, NativeSelect, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { saveBlob } from '../../api/client';
import { hasRole, useSession } from '../../app/auth';
import { describeError } from '../../lib/api-text';
import { currentLang } from '../../lib/forms';
import { DataTable, type Column } from '../../components/DataTable';
import { QueryState } from '../../components/PageState';
import { toCsv } from '../../lib/csv';
import { ORDER_STATUSES } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { useWon } from '../../lib/lang';
import { collectPages } from '../../lib/paging';
import { getMember, listOrders, orderKeys, searchMembers, type Order, type OrderFilter } from './api';
import { formatDistance, readOrderFilter, writeOrderFilter } from './model';
import { MemberName, OrderStatusBadge, useClients } from './parts';
import { ns } from './texts';

const LIMIT = 20;

export function OrderListView() {
  const { t } = useTranslation(ns);
  const won = useWon();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = readOrderFilter(params);
  const setFilter = (next: Partial<OrderFilter>) => setParams(writeOrderFilter({ ...filter, page: 1, ...next }));
  const query: OrderFilter = { ...filter, limit: LIMIT };
  const orders = useQuery({ queryKey: orderKeys.list(query), queryFn: () => listOrders(query), placeholderData: keepPreviousData });
  const clients = useClients();
  const [exporting, setExporting] = useState(false);
  const queryClient = useQueryClient();
  const mayTake = hasRole(useSession(), 'dispatcher');

  const columns: Column<Order>[] = [
    { key: 'orderNo', header: t('field.orderNo'), render: (o) => <Text fw={600} size="sm">#{o.orderNo}</Text>, csv: (o) => o.orderNo },
    { key: 'createdAt', header: t('field.createdAt'), render: (o) => formatSeoul(o.createdAt), csv: (o) => formatSeoul(o.createdAt) },
    {
      key: 'status',
      header: t('field.status'),
      render: (o) => (
        <Group gap={4} wrap="nowrap">
          <OrderStatusBadge status={o.status} />
          {o.needsDispatcher && (
            <Badge color="orange" variant="outline" size="xs" miw="max-content">
              {t('list.needsDispatcher')}
            </Badge>
          )}
        </Group>
      ),
      csv: (o) => t(`status.${o.status}`),
    },
    { key: 'pickup', header: t('field.pickup'), render: (o) => o.pickup.address, csv: (o) => o.pickup.address },
    { key: 'dropoff', header: t('field.dropoff'), render: (o) => o.dropoff.address, csv: (o) => o.dropoff.address },
    { key: 'vehicle', header: t('field.vehicleType'), render: (o) => t(`vehicle.${o.vehicleType}`), csv: (o) => t(`vehicle.${o.vehicleType}`) },
    { key: 'urgency', header: t('field.urgency'), render: (o) => t(`urgency.${o.urgency}`), csv: (o) => t(`urgency.${o.urgency}`) },
    { key: 'payment', header: t('field.paymentMethod'), render: (o) => t(`payment.${o.paymentMethod}`), csv: (o) => t(`payment.${o.paymentMethod}`) },
    { key: 'fare', header: t('field.fareWon'), render: (o) => won(o.fareWon), csv: (o) => o.fareWon },
    { key: 'distance', header: t('field.distance'), render: (o) => formatDistance(o.distanceM), csv: (o) => formatDistance(o.distanceM) },
    { key: 'courier', header: t('field.courier'), render: (o) => <MemberName id={o.assignedMemberId} /> },
  ];
  const courierLabel = (m: { name: string; memberNo: string | null }) => `${m.name}${m.memberNo ? ` (${m.memberNo})` : ''}`;

  const exportAll = async () => {
    setExporting(true);
    try {
      const { rows, truncated } = await collectPages((page, limit) => listOrders({ ...filter, page, limit }));
      // The courier by name and member number, as on screen: each courier looked up once (and cached).
      const ids = [...new Set(rows.map((r) => r.assignedMemberId).filter((id): id is string => !!id))];
      const members = await Promise.all(ids.map((id) => queryClient.fetchQuery({ queryKey: orderKeys.member(id), queryFn: () => getMember(id), staleTime: 5 * 60_000 })));
      const names = new Map(members.map((m, i) => [ids[i], courierLabel(m)]));
      const cols = columns.filter((c) => c.csv);
      saveBlob(
        new Blob([toCsv([...cols.map((c) => c.header), t('field.courier')], rows.map((r) => [...cols.map((c) => c.csv?.(r)), r.assignedMemberId ? (names.get(r.assignedMemberId) ?? '') : '']))], {
          type: 'text/csv;charset=utf-8',
        }),
        `${t('list.csvName')}.csv`,
      );
      if (truncated) notifications.show({ color: 'yellow', message: t('list.exportTruncated', { count: rows.length }) });
    } catch (err) {
      notifications.show({ color: 'red', message: describeError(err, currentLang()) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('title')}</Title>
        <Group gap="xs">
          <Button variant="default" size="sm" onClick={() => void exportAll()} loading={exporting} data-testid="orders-export-all">
            {exporting ? t('list.exporting') : t('list.exportAll')}
          </Button>
          {mayTake && (
            <Button component={Link} to="/orders/new" size="sm" data-testid="new-order">
              {t('list.newOrder')}
            </Button>
          )}
        </Group>
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('field.status')}
          value={filter.status ?? ''}
          onChange={(e) => setFilter({ status: e.currentTarget.value || undefined })}
          data={[{ value: '', label: t('status.all') }, ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          data-testid="filter-status"
          w={150}
        />
        <TextInput label={t('field.date')} type="date" value={filter.date ?? ''} onChange={(e) => setFilter({ date: e.currentTarget.value || undefined })} data-testid="filter-date" w={170} />
        <Select
          label={t('field.client')}
          clearable
          searchable
          value={filter.clientId ?? null}
          onChange={(v) => setFilter({ clientId: v ?? undefined })}
          data={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          w={200}
        />
        <CourierPicker value={filter.memberId} onChange={(memberId) => setFilter({ memberId })} />
        <Checkbox label={t('field.needsDispatcher')} checked={!!filter.needsDispatcher} onChange={(e) => setFilter({ needsDispatcher: e.currentTarget.checked || undefined })} mb={8} data-testid="filter-needs-dispatcher" />
        <Button variant="subtle" size="sm" onClick={() => setParams(new URLSearchParams())}>
          {t('list.clear')}
        </Button>
      </Group>
      <QueryState query={orders} empty={(d) => d.items.length === 0}>
        {(page) => (
          <DataTable
            rows={page.items}
            columns={columns}
            rowKey={(o) => o.id}
            total={page.total}
            page={filter.page}
            limit={LIMIT}
            onPage={(p) => setParams(writeOrderFilter({ ...filter, page: p }))}
            csvName={`${t('list.csvName')}-${filter.page}.csv`}
            onRowClick={(o) => navigate(`/orders/${o.id}`)}
          />
        )}
      </QueryState>
    </Stack>
  );
}

/** A courier chosen by searching the register (name, phone or member number). */
function CourierPicker({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation(ns);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const found = useQuery({ queryKey: ['orders', 'member-search', debounced], queryFn: () => searchMembers(debounced), enabled: debounced.length > 0, staleTime: 60_000 });
  const selected = useQuery({ queryKey: orderKeys.member(value ?? ''), queryFn: () => getMember(value as string), enabled: !!value, staleTime: 5 * 60_000, retry: false });
  const options = new Map<string, string>();
  const label = (m: { name: string; memberNo: string | null }) => `${m.name}${m.memberNo ? ` (${m.memberNo})` : ''}`;
  if (value) options.set(value, selected.data ? label(selected.data) : value.slice(0, 8));
  for (const m of found.data?.items ?? []) options.set(m.id, label(m));
  return (
    <Select
      label={t('field.courier')}
      placeholder={t('field.courierSearch')}
      searchable
      clearable
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      onSearchChange={setSearch}
      data={[...options].map(([id, text]) => ({ value: id, label: text }))}
      filter={({ options: opts }) => opts}
      nothingFoundMessage={debounced ? t('common:state.empty') : undefined}
      w={220}
    />
  );
}
