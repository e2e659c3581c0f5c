import { Group, NativeSelect, Paper, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { request, type Page } from '../../api/client';
import type { Enrollment } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/PageState';
import { ENROLLMENT_STATUSES, INSURANCE_PLANS } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { summaryGrid, type EnrollmentSummaryLine } from './api';
import { ns } from './i18n';
import { EnrollmentBadge } from './ui';

const LIMIT = 50;

/** A count that filters the list: highlighted while it is the filter in force; a zero is plain. */
function Count({ value, selected, title, testId, onPick }: { value: number; selected: boolean; title: string; testId: string; onPick: () => void }) {
  if (value === 0 && !selected) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        0
      </Text>
    );
  }
  return (
    <UnstyledButton
      onClick={onPick}
      title={title}
      aria-pressed={selected}
      data-testid={testId}
      px={6}
      style={{ borderRadius: 4, fontWeight: 600, fontVariantNumeric: 'tabular-nums', background: selected ? 'var(--mantine-primary-color-light)' : undefined }}
      c={selected ? undefined : 'var(--mantine-color-anchor)'}
    >
      {value.toLocaleString('en-US')}
    </UnstyledButton>
  );
}

/**
 * Enrolments counted per plan and status; a count sets the list's plan and status filters
 * (a plan's total the plan alone, a status' total the status alone, the grand total neither).
 */
function Summary({ plan, status, onPick }: { plan: string; status: string; onPick: (plan: string, status: string) => void }) {
  const { t } = useTranslation(ns);
  const summary = useQuery({
    queryKey: ['insurance', 'enrollments', 'summary'],
    queryFn: () => request<EnrollmentSummaryLine[]>('/admin/insurance/enrollments/summary'),
  });
  if (!summary.data) return <QueryState query={summary}>{() => null}</QueryState>;
  const grid = summaryGrid(summary.data);
  const cell = (p: string, s: string, value: number) => (
    <Count
      value={value}
      selected={plan === p && status === s}
      title={t('enrollments.countTitle', { plan: p ? t(`plan.${p}`) : t('plan.all'), status: s ? t(`status.${s}`) : t('status.all'), count: value })}
      testId={`enrollment-count-${p || 'all'}-${s || 'all'}`}
      onPick={() => onPick(p, s)}
    />
  );
  return (
    <Paper withBorder p="sm" data-testid="enrollment-summary">
      <Group justify="space-between" mb={4} wrap="wrap">
        <Title order={5}>{t('enrollments.summary')}</Title>
        <Text size="xs" c="dimmed">
          {t('enrollments.summaryHint')}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} horizontalSpacing="xs" ta="right">
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="left">{t('enrollments.plan')}</Table.Th>
              {ENROLLMENT_STATUSES.map((s) => (
                <Table.Th key={s} ta="right">
                  {t(`status.${s}`)}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('enrollments.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.rows.map((r) => (
              <Table.Tr key={r.plan}>
                <Table.Td ta="left">{t(`plan.${r.plan}`, { defaultValue: r.plan })}</Table.Td>
                {ENROLLMENT_STATUSES.map((s) => (
                  <Table.Td key={s}>{cell(r.plan, s, r.counts[s])}</Table.Td>
                ))}
                <Table.Td>{cell(r.plan, '', r.total)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th ta="left">{t('plan.all')}</Table.Th>
              {ENROLLMENT_STATUSES.map((s) => (
                <Table.Th key={s} ta="right">
                  {cell('', s, grid.totals.counts[s])}
                </Table.Th>
              ))}
              <Table.Th ta="right">{cell('', '', grid.totals.total)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Enrolments by plan and status, paged; the filters live in the address so a reload keeps them. */
export function EnrollmentsView() {
  const { t } = useTranslation(ns);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const plan = params.get('plan') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const enrollments = useQuery({
    queryKey: ['insurance', 'enrollments', status, plan, page],
    queryFn: () => request<Page<Enrollment>>('/admin/insurance/enrollments', { query: { status, plan, page, limit: LIMIT } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <Summary plan={plan} status={status} onPick={(p, st) => set({ plan: p, status: st, page: '' })} />
      <Group wrap="wrap">
        <NativeSelect
          aria-label={t('enrollments.plan')}
          value={plan}
          onChange={(e) => set({ plan: e.currentTarget.value, page: '' })}
          data={[{ value: '', label: t('plan.all') }, ...INSURANCE_PLANS.map((p) => ({ value: p, label: t(`plan.${p}`) }))]}
          data-testid="enrollments-plan"
        />
        <NativeSelect
          aria-label={t('enrollments.status')}
          value={status}
          onChange={(e) => set({ status: e.currentTarget.value, page: '' })}
          data={[{ value: '', label: t('status.all') }, ...ENROLLMENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          data-testid="enrollments-status"
        />
      </Group>
      <QueryState query={enrollments} empty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable
            rows={d.items}
            rowKey={(e) => e.id}
            total={d.total}
            page={page}
            limit={LIMIT}
            onPage={(p) => set({ page: String(p) })}
            csvName={`dure-enrolments${plan ? `-${plan}` : ''}${status ? `-${status}` : ''}-p${page}.csv`}
            columns={[
              { key: 'memberNo', header: t('enrollments.memberNo'), render: (e) => e.memberNo ?? '—', csv: (e) => e.memberNo },
              { key: 'member', header: t('enrollments.member'), render: (e) => e.memberName, csv: (e) => e.memberName },
              { key: 'plan', header: t('enrollments.plan'), render: (e) => t(`plan.${e.plan}`), csv: (e) => t(`plan.${e.plan}`) },
              { key: 'status', header: t('enrollments.status'), render: (e) => <EnrollmentBadge status={e.status} />, csv: (e) => t(`status.${e.status}`) },
              {
                key: 'pendingAction',
                header: t('enrollments.pendingAction'),
                render: (e) => (e.pendingAction ? t(`action.${e.pendingAction}`) : '—'),
                csv: (e) => (e.pendingAction ? t(`action.${e.pendingAction}`) : ''),
              },
              { key: 'certificateNo', header: t('enrollments.certificateNo'), render: (e) => e.certificateNo ?? '—', csv: (e) => e.certificateNo },
              { key: 'coverageStart', header: t('enrollments.coverageStart'), render: (e) => e.coverageStart ?? '—', csv: (e) => e.coverageStart },
              { key: 'coverageEnd', header: t('enrollments.coverageEnd'), render: (e) => e.coverageEnd ?? '—', csv: (e) => e.coverageEnd },
              { key: 'changedAt', header: t('enrollments.changedAt'), render: (e) => formatSeoul(e.changedAt), csv: (e) => formatSeoul(e.changedAt) },
            ]}
          />
        )}
      </QueryState>
    </Stack>
  );
}
