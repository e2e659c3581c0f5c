import { Group, NativeSelect, Stack } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { request, type Page } from '../../api/client';
import type { Enrollment } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/PageState';
import { ENROLLMENT_STATUSES, INSURANCE_PLANS } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { ns } from './i18n';
import { EnrollmentBadge } from './ui';

const LIMIT = 50;

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
