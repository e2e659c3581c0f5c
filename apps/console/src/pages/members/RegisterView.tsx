import { Anchor, Button, CloseButton, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasRole, useSession } from '../../app/auth';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { MEMBER_STATUSES } from '../../lib/domain';
import { formatSeoul } from '../../lib/format';
import { maskPhone } from '../../lib/mask';
import { keys, membersApi, PAGE_SIZE, type Member } from './api';
import { MEMBER_SORTS, readRegisterFilter, writeRegisterFilter, type RegisterFilter } from './model';
import { MemberStatusBadge } from './parts';
import { ns } from './texts';

/** The member register: search, status filter, paging, and a CSV of everything the filter matches. */
export function RegisterView() {
  const { t } = useTranslation(ns);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = readRegisterFilter(params);
  const [search, setSearch] = useState(filter.q);
  // The back button changes the address: the box follows.
  useEffect(() => setSearch(filter.q), [filter.q]);
  const go = (next: Partial<RegisterFilter>) => setParams(writeRegisterFilter({ ...filter, page: 1, ...next }));

  const list = useQuery({
    queryKey: keys.list({ status: filter.status, q: filter.q, page: filter.page, sort: filter.sort }),
    queryFn: () => membersApi.list({ status: filter.status, q: filter.q, page: filter.page, sort: filter.sort }),
    placeholderData: keepPreviousData,
  });

  const columns: Column<Member>[] = [
    {
      key: 'memberNo',
      header: t('field.memberNo'),
      render: (m) => (
        <Text size="sm" ff="monospace" data-testid="member-no">
          {m.memberNo ?? '—'}
        </Text>
      )
    },
    {
      key: 'name',
      header: t('field.name'),
      render: (m) => (
        <Anchor component={Link} to={`/members/${m.id}`} size="sm" data-testid="member-link" onClick={(e) => e.stopPropagation()}>
          {m.name}
        </Anchor>
      )
    },
    { key: 'status', header: t('field.status'), render: (m) => <MemberStatusBadge status={m.status} /> },
    { key: 'phone', header: t('field.phone'), render: (m) => maskPhone(m.phone) },
    { key: 'vehicle', header: t('field.vehicleType'), render: (m) => t(`vehicle.${m.vehicleType}`) },
    { key: 'appliedAt', header: t('field.appliedAt'), render: (m) => formatSeoul(m.appliedAt) },
    { key: 'approvedAt', header: t('field.approvedAt'), render: (m) => formatSeoul(m.approvedAt) },
  ];

  // The whole register the filter matches, not only the page on screen: the server writes it.
  // The register file is an admin's to take out (the API refuses others).
  const mayExport = hasRole(useSession(), 'admin');
  const exportAll = useMutation({ mutationFn: () => membersApi.exportCsv({ status: filter.status, q: filter.q, sort: filter.sort }) });

  const clear = () => {
    setSearch('');
    go({ q: '' });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ q: search });
  };

  return (
    <Stack>
      <form onSubmit={submit} role="search">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            placeholder={t('register.searchPlaceholder')}
            aria-label={t('common:action.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={100}
            w={320}
            rightSection={search ? <CloseButton size="sm" aria-label={t('register.clear')} onClick={clear} /> : null}
            data-testid="member-search"
          />
          <Button type="submit" variant="light" data-testid="member-search-submit">
            {t('common:action.search')}
          </Button>
          <Select
            aria-label={t('field.status')}
            data={[{ value: '', label: t('status.all') }, ...MEMBER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
            value={filter.status ?? ''}
            onChange={(v) => go({ status: (v || undefined) as RegisterFilter['status'] })}
            allowDeselect={false}
            w={160}
            data-testid="member-status-filter"
          />
          <Select
            aria-label={t('register.sort')}
            data={MEMBER_SORTS.map((s) => ({ value: s, label: t(`register.sorts.${s}`) }))}
            value={filter.sort}
            onChange={(v) => v && go({ sort: v as RegisterFilter['sort'] })}
            allowDeselect={false}
            w={180}
            data-testid="member-sort"
          />
          {mayExport && (
            <Button variant="default" ml="auto" onClick={() => exportAll.mutate()} loading={exportAll.isPending} data-testid="member-export">
              {t('register.exportAll')}
            </Button>
          )}
        </Group>
      </form>
      {exportAll.error ? <ErrorAlert error={exportAll.error} /> : null}
      <QueryState query={list} empty={(d) => d.items.length === 0}>
        {(data) => (
          <DataTable
            rows={data.items}
            columns={columns}
            rowKey={(m) => m.id}
            total={data.total}
            page={filter.page}
            limit={PAGE_SIZE}
            onPage={(page) => setParams(writeRegisterFilter({ ...filter, page }))}
            onRowClick={(m) => navigate(`/members/${m.id}`)}
          />
        )}
      </QueryState>
    </Stack>
  );
}
