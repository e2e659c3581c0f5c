import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/PageState';
import { describeError } from '../../lib/api-text';
import { currentLang } from '../../lib/forms';
import { ORDER_STATUSES, ORDER_STATUS_COLORS } from '../../lib/domain';
import { formatBps, formatSeoul } from '../../lib/format';
import { useWon } from '../../lib/lang';
import { fetchToday, todayKey, type TodayDashboard } from './api';
import { DeliveriesChart } from './DeliveriesChart';
import { hourBars, peakHour, seoulHour } from './model';
import { ns } from './texts';

const REFRESH_MS = 30_000;

function StatCard({ title, testId, value, children }: { title: string; testId: string; value: ReactNode; children?: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      <Text fz={28} fw={700} mt={4} data-testid={testId}>
        {value}
      </Text>
      {children}
    </Card>
  );
}

function Dashboard({ d }: { d: TodayDashboard }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const bars = hourBars(d.deliveriesPerHour, seoulHour(new Date(d.generatedAt)));
  const peak = peakHour(bars);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Card withBorder padding="md" data-testid="today-orders">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('orders.title')}
            </Text>
            <Badge variant="light" data-testid="today-open-orders">
              {t('orders.open', { count: d.orders.open })}
            </Badge>
          </Group>
          <Stack gap={4} mt="xs">
            {ORDER_STATUSES.map((s) => (
              <Group key={s} justify="space-between" gap="xs">
                <Badge color={ORDER_STATUS_COLORS[s]} variant="dot">
                  {t(`status.${s}`)}
                </Badge>
                <Text fw={600} data-testid={`today-status-${s}`}>
                  {d.orders.byStatus[s] ?? 0}
                </Text>
              </Group>
            ))}
          </Stack>
          <Text size="xs" c="dimmed" mt="xs">
            {t('orders.hint')}
          </Text>
        </Card>
        <StatCard title={t('couriers.title')} testId="today-couriers-online" value={t('couriers.unit', { count: d.couriersOnline.total })}>
          <Stack gap={2} mt="xs">
            {Object.entries(d.couriersOnline.byVehicle).map(([v, n]) => (
              <Group key={v} justify="space-between">
                <Text size="sm">{t(`vehicle.${v}`, { defaultValue: v })}</Text>
                <Text size="sm" fw={600} data-testid={`today-couriers-${v}`}>
                  {n}
                </Text>
              </Group>
            ))}
          </Stack>
        </StatCard>
        <StatCard title={t('fee.title')} testId="today-fee-revenue" value={won(d.feeRevenueWon)}>
          <Text size="sm" c="dimmed" mt="xs" data-testid="today-delivered">
            {t('fee.delivered', { count: d.deliveredToday })}
          </Text>
        </StatCard>
        <StatCard title={t('savings.title')} testId="today-savings" value={won(d.month.savingsWon)}>
          <Text size="sm" c="dimmed" mt="xs">
            {t('savings.hint', { rate: formatBps(d.month.benchmarkRateBps), month: d.month.month, count: d.month.deliveries })}
          </Text>
        </StatCard>
      </SimpleGrid>
      <Card withBorder padding="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>{t('chart.title')}</Title>
          <Text size="sm" c="dimmed" data-testid="today-peak">
            {peak ? t('chart.peak', { hour: peak.label, count: peak.deliveries }) : t('chart.none')}
          </Text>
        </Group>
        <DeliveriesChart bars={bars} />
      </Card>
    </Stack>
  );
}

/** The office's day at a glance, refreshed every 30 seconds. */
export default function TodayPage() {
  const { t } = useTranslation(ns);
  const query = useQuery({ queryKey: todayKey, queryFn: fetchToday, refetchInterval: REFRESH_MS, refetchIntervalInBackground: false });
  const d = query.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3}>{t('title')}</Title>
          {d && (
            <Text size="sm" c="dimmed" data-testid="today-as-of">
              {t('asOf', { date: d.date, time: formatSeoul(d.generatedAt).slice(11) })}
            </Text>
          )}
        </div>
        <Button size="xs" variant="default" loading={query.isFetching} onClick={() => void query.refetch()} data-testid="today-refresh">
          {t('common:action.refresh')}
        </Button>
      </Group>
      {/* A failed refresh keeps the last figures on screen, with a warning above them. */}
      {d && query.error ? (
        <Alert color="yellow" data-testid="today-stale">
          {t('common:state.error')}: {describeError(query.error, currentLang())}
        </Alert>
      ) : null}
      <QueryState query={{ ...query, error: d ? null : query.error }}>{(data) => <Dashboard d={data} />}</QueryState>
    </Stack>
  );
}
