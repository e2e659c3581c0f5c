import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useSession } from '../../app/auth';
import { DataTable, type Column } from '../../components/DataTable';
import { QueryState } from '../../components/PageState';
import { formatSeoul, seoulDate } from '../../lib/format';
import { maskPhone } from '../../lib/mask';
import { keys, membersApi, PAGE_SIZE, type Member } from './api';
import { StatusActionModal, type PendingAction } from './StatusActionModal';
import { ns } from './texts';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** Applicants, oldest application last: approve, or reject with a reason (admin only). */
export function ApplicationsView() {
  const { t } = useTranslation(ns);
  const user = useSession();
  const isAdmin = hasRole(user, 'admin');
  const [page, setPage] = useState(1);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const list = useQuery({
    queryKey: keys.list({ status: 'applicant', page }),
    queryFn: () => membersApi.list({ status: 'applicant', page }),
    placeholderData: keepPreviousData,
  });
  // Approving the last applicant of a page leaves it empty: step back a page.
  const emptyPage = list.data !== undefined && list.data.items.length === 0 && page > 1;
  useEffect(() => {
    if (emptyPage) setPage((p) => Math.max(1, p - 1));
  }, [emptyPage]);

  const columns: Column<Member>[] = [
    { key: 'appliedAt', header: t('field.appliedAt'), render: (m) => formatSeoul(m.appliedAt), csv: (m) => formatSeoul(m.appliedAt) },
    {
      key: 'name',
      header: t('field.name'),
      render: (m) => (
        <Anchor component={Link} to={`/members/${m.id}`} size="sm" data-testid="applicant-link">
          {m.name}
        </Anchor>
      ),
      csv: (m) => m.name,
    },
    { key: 'phone', header: t('field.phone'), render: (m) => <Text size="sm" style={NOWRAP}>{maskPhone(m.phone)}</Text>, csv: (m) => maskPhone(m.phone) },
    {
      key: 'rrn',
      header: t('field.rrn'),
      render: (m) => (
        <Text size="sm" ff="monospace" style={NOWRAP}>
          {m.rrn}
        </Text>
      ),
    },
    { key: 'vehicle', header: t('field.vehicleType'), render: (m) => t(`vehicle.${m.vehicleType}`), csv: (m) => t(`vehicle.${m.vehicleType}`) },
    {
      key: 'bank',
      header: t('field.bank'),
      render: (m) => (
        <Text size="sm" style={NOWRAP}>
          {m.bankName} {m.bankAccount}
        </Text>
      ),
    },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: '',
      render: (m) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" onClick={() => setPending({ action: 'approve', member: m })} data-testid="approve">
            {t('action.approve')}
          </Button>
          <Button size="xs" color="red" variant="light" onClick={() => setPending({ action: 'reject', member: m })} data-testid="reject">
            {t('action.reject')}
          </Button>
        </Group>
      ),
    });
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('applications.intro')}
      </Text>
      <QueryState query={list}>
        {(data) => (
          <DataTable
            rows={data.items}
            columns={columns}
            rowKey={(m) => m.id}
            total={data.total}
            page={page}
            limit={PAGE_SIZE}
            onPage={setPage}
            csvName={`${t('applications.csvName')}-${seoulDate()}.csv`}
            empty={t('applications.none')}
          />
        )}
      </QueryState>
      <StatusActionModal pending={pending} onClose={() => setPending(null)} />
    </Stack>
  );
}
