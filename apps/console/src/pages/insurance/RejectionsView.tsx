import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request, type Page } from '../../api/client';
import type { Enrollment } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { INSURANCE_PLANS } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { compact, formErrors } from '../../lib/forms';
import { ns } from './i18n';

const LIMIT = 50;

function ResubmitModal({ enrollment, onClose }: { enrollment: Enrollment | null; onClose: () => void }) {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const resubmit = useMutation({
    mutationFn: (e: Enrollment) => request<Enrollment>(`/admin/insurance/enrollments/${e.id}/resubmit`, { method: 'POST', body: compact({ reason: reason.trim() }) }),
    onSuccess: async (e) => {
      notifications.show({ color: 'teal', message: t('rejections.resubmitted', { name: e.memberName }) });
      setReason('');
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['insurance', 'enrollments'] });
      await queryClient.invalidateQueries({ queryKey: ['insurance', 'rejections'] });
    },
  });
  const { byField, summary } = formErrors(resubmit.error, ['reason']);
  const close = () => {
    if (resubmit.isPending) return;
    resubmit.reset();
    onClose();
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (enrollment) resubmit.mutate(enrollment);
  };
  return (
    <Modal opened={enrollment !== null} onClose={close} title={enrollment ? t('rejections.resubmitTitle', { name: enrollment.memberName, plan: t(`plan.${enrollment.plan}`) }) : ''} centered>
      {enrollment && (
        <Stack component="form" onSubmit={submit}>
          <Text size="sm">
            {enrollment.rejectCode ?? '—'} · {enrollment.rejectMessage ?? '—'}
          </Text>
          <Textarea
            label={t('rejections.reason')}
            description={t('rejections.reasonHint')}
            name="reason"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={byField.reason}
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          <ErrorAlert error={summary} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={resubmit.isPending}>
              {t('common:action.cancel')}
            </Button>
            <Button type="submit" loading={resubmit.isPending} data-testid="resubmit-confirm">
              {t('rejections.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Rejected enrolments with the insurer's code and message, to fix and send again. */
export function RejectionsView({ canResubmit }: { canResubmit: boolean }) {
  const { t } = useTranslation(ns);
  const [plan, setPlan] = useState('');
  const [page, setPage] = useState(1);
  const [resubmitting, setResubmitting] = useState<Enrollment | null>(null);
  const rejections = useQuery({
    queryKey: ['insurance', 'rejections', plan, page],
    queryFn: () => request<Page<Enrollment>>('/admin/insurance/enrollments', { query: { status: 'rejected', plan, page, limit: LIMIT } }),
  });
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('rejections.hint')}
      </Text>
      <NativeSelect
        aria-label={t('enrollments.plan')}
        value={plan}
        onChange={(e) => {
          setPlan(e.currentTarget.value);
          setPage(1);
        }}
        data={[{ value: '', label: t('plan.all') }, ...INSURANCE_PLANS.map((p) => ({ value: p, label: t(`plan.${p}`) }))]}
        w={200}
      />
      <QueryState query={rejections}>
        {(d) => (
          <DataTable
            rows={d.items}
            rowKey={(e) => e.id}
            total={d.total}
            page={page}
            limit={LIMIT}
            onPage={setPage}
            csvName={`dure-rejections${plan ? `-${plan}` : ''}.csv`}
            columns={[
              { key: 'memberNo', header: t('enrollments.memberNo'), render: (e) => e.memberNo ?? '—', csv: (e) => e.memberNo },
              { key: 'member', header: t('enrollments.member'), render: (e) => e.memberName, csv: (e) => e.memberName },
              { key: 'plan', header: t('enrollments.plan'), render: (e) => t(`plan.${e.plan}`), csv: (e) => t(`plan.${e.plan}`) },
              { key: 'code', header: t('rejections.code'), render: (e) => <Text span fw={600} c="red">{e.rejectCode ?? '—'}</Text>, csv: (e) => e.rejectCode },
              { key: 'message', header: t('rejections.message'), render: (e) => e.rejectMessage ?? '—', csv: (e) => e.rejectMessage },
              { key: 'changedAt', header: t('enrollments.changedAt'), render: (e) => formatSeoul(e.changedAt), csv: (e) => formatSeoul(e.changedAt) },
              ...(canResubmit
                ? [
                    {
                      key: 'resubmit',
                      header: '',
                      render: (e: Enrollment) => (
                        <Button size="xs" variant="light" onClick={() => setResubmitting(e)} data-testid="resubmit">
                          {t('rejections.resubmit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
            empty={t('rejections.none')}
          />
        )}
      </QueryState>
      <ResubmitModal enrollment={resubmitting} onClose={() => setResubmitting(null)} />
    </Stack>
  );
}
