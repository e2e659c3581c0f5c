import { Anchor, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Enrollment, Statement } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { QueryState } from '../../components/PageState';
import { StatusBadge } from '../../components/StatusBadge';
import { ENROLLMENT_STATUS_COLORS } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { useWon } from '../../lib/lang';
import { keys, membersApi, PAGE_SIZE, type Job } from './api';
import { ns } from './texts';

/** The member's insurance cover per plan, as the enrolments stand. */
export function InsuranceTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation(ns);
  const cover = useQuery({ queryKey: keys.insurance(memberId), queryFn: () => membersApi.insurance(memberId) });
  const columns: Column<Enrollment>[] = [
    { key: 'plan', header: t('insurance.plan'), render: (e) => t(`insurance.plans.${e.plan}`, { defaultValue: e.plan }), csv: (e) => t(`insurance.plans.${e.plan}`, { defaultValue: e.plan }) },
    {
      key: 'status',
      header: t('insurance.status'),
      render: (e) => (
        <StatusBadge status={e.status} colors={ENROLLMENT_STATUS_COLORS} testId="enrollment-status">
          {t(`insurance.statuses.${e.status}`, { defaultValue: e.status })}
        </StatusBadge>
      ),
      csv: (e) => t(`insurance.statuses.${e.status}`, { defaultValue: e.status }),
    },
    { key: 'certificateNo', header: t('insurance.certificateNo'), render: (e) => e.certificateNo ?? '—', csv: (e) => e.certificateNo },
    { key: 'coverageStart', header: t('insurance.coverageStart'), render: (e) => e.coverageStart ?? '—', csv: (e) => e.coverageStart },
    { key: 'coverageEnd', header: t('insurance.coverageEnd'), render: (e) => e.coverageEnd ?? '—', csv: (e) => e.coverageEnd },
    { key: 'pendingAction', header: t('insurance.pendingAction'), render: (e) => (e.pendingAction ? t(`insurance.actions.${e.pendingAction}`, { defaultValue: e.pendingAction }) : '—'), csv: (e) => e.pendingAction },
    {
      key: 'rejection',
      header: t('insurance.rejection'),
      render: (e) =>
        e.rejectCode ? (
          <Text size="sm" c="red">
            {e.rejectCode} {e.rejectMessage}
          </Text>
        ) : (
          '—'
        ),
      csv: (e) => (e.rejectCode ? `${e.rejectCode} ${e.rejectMessage ?? ''}` : ''),
    },
    { key: 'changedAt', header: t('insurance.changedAt'), render: (e) => formatSeoul(e.changedAt), csv: (e) => formatSeoul(e.changedAt) },
  ];
  return (
    <QueryState query={cover} empty={(d) => d.items.length === 0}>
      {(data) => <DataTable rows={data.items} columns={columns} rowKey={(e) => e.id} total={data.total} />}
    </QueryState>
  );
}

/** The jobs the member was assigned, newest first (GET /admin/orders?memberId=). */
export function JobsTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const [page, setPage] = useState(1);
  const jobs = useQuery({ queryKey: keys.jobs(memberId, page), queryFn: () => membersApi.jobs(memberId, page), placeholderData: keepPreviousData });
  const columns: Column<Job>[] = [
    {
      key: 'orderNo',
      header: t('jobs.orderNo'),
      render: (o) => (
        <Anchor component={Link} to={`/orders/${o.id}`} size="sm" data-testid="job-order-link">
          #{o.orderNo}
        </Anchor>
      ),
      csv: (o) => o.orderNo,
    },
    { key: 'status', header: t('jobs.status'), render: (o) => t(`jobs.statuses.${o.status}`, { defaultValue: o.status }), csv: (o) => t(`jobs.statuses.${o.status}`, { defaultValue: o.status }) },
    { key: 'createdAt', header: t('jobs.createdAt'), render: (o) => formatSeoul(o.createdAt), csv: (o) => formatSeoul(o.createdAt) },
    {
      key: 'route',
      header: t('jobs.route'),
      render: (o) => (
        <Text size="sm" lineClamp={2} maw={320}>
          {o.pickup.address} → {o.dropoff.address}
        </Text>
      ),
      csv: (o) => `${o.pickup.address} → ${o.dropoff.address}`,
    },
    { key: 'fare', header: t('jobs.fare'), render: (o) => won(o.fareWon), csv: (o) => o.fareWon },
    { key: 'fee', header: t('jobs.fee'), render: (o) => won(o.feeWon), csv: (o) => o.feeWon },
    { key: 'deliveredAt', header: t('jobs.deliveredAt'), render: (o) => formatSeoul(o.deliveredAt), csv: (o) => formatSeoul(o.deliveredAt) },
  ];
  return (
    <QueryState query={jobs} empty={(d) => d.items.length === 0}>
      {(data) => (
        <DataTable rows={data.items} columns={columns} rowKey={(o) => o.id} total={data.total} page={page} limit={PAGE_SIZE} onPage={setPage} csvName={`${t('jobs.csvName')}-${memberId.slice(0, 8)}-p${page}.csv`} />
      )}
    </QueryState>
  );
}

/** The member's weekly settlement statements (GET /admin/settlements/statements?memberId=). */
export function StatementsTab({ memberId }: { memberId: string }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const [page, setPage] = useState(1);
  const statements = useQuery({ queryKey: keys.statements(memberId, page), queryFn: () => membersApi.statements(memberId, page), placeholderData: keepPreviousData });
  const wonColumn = (key: string, header: string, value: (s: Statement) => number): Column<Statement> => ({ key, header, render: (s) => won(value(s)), csv: value });
  const columns: Column<Statement>[] = [
    { key: 'period', header: t('statements.period'), render: (s) => `${s.periodStart} – ${s.periodEnd}`, csv: (s) => `${s.periodStart}~${s.periodEnd}` },
    { key: 'jobCount', header: t('statements.jobCount'), render: (s) => s.jobCount, csv: (s) => s.jobCount },
    wonColumn('gross', t('statements.gross'), (s) => s.grossWon),
    wonColumn('fee', t('statements.fee'), (s) => s.feeWon),
    wonColumn('insurance', t('statements.insurance'), (s) => s.insuranceWon),
    wonColumn('withholding', t('statements.withholding'), (s) => s.withholdingWon),
    wonColumn('carried', t('statements.carried'), (s) => s.carriedWon),
    wonColumn('net', t('statements.net'), (s) => s.netWon),
  ];
  return (
    <QueryState query={statements} empty={(d) => d.items.length === 0}>
      {(data) => (
        <DataTable rows={data.items} columns={columns} rowKey={(s) => s.id} total={data.total} page={page} limit={PAGE_SIZE} onPage={setPage} csvName={`${t('statements.csvName')}-${memberId.slice(0, 8)}-p${page}.csv`} />
      )}
    </QueryState>
  );
}
