import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { hasRole, useSession } from '../../app/auth';
import { Field } from '../../components/Field';
import { QueryState } from '../../components/PageState';
import { formatSeoul } from '../../lib/format';
import { useWon } from '../../lib/lang';
import { keys, membersApi, type MemberDetail } from './api';
import { actionsFor, formatPhone } from './model';
import { MemberStatusBadge } from './parts';
import { InsuranceTab, JobsTab, StatementsTab } from './RecordsTabs';
import { RevealModal, type RevealField } from './RevealModal';
import { ShareCapitalTab } from './ShareCapitalTab';
import { StatusActionModal, type PendingAction } from './StatusActionModal';
import { ns } from './texts';

/** One member: profile with masked PII, status history, share capital, cover, jobs and statements. */
export function MemberDetailView() {
  const { t } = useTranslation(ns);
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: keys.detail(id), queryFn: () => membersApi.detail(id) });
  return (
    <Stack>
      <Anchor component={Link} to="/members" size="sm" data-testid="back-to-register">
        ← {t('action.back')}
      </Anchor>
      <QueryState query={detail}>{(member) => <MemberBody member={member} />}</QueryState>
    </Stack>
  );
}

const TABS = ['profile', 'history', 'shareCapital', 'insurance', 'jobs', 'statements'] as const;
type Tab = (typeof TABS)[number];

function MemberBody({ member }: { member: MemberDetail }) {
  const { t } = useTranslation(ns);
  const won = useWon();
  const user = useSession();
  const isAdmin = hasRole(user, 'admin');
  const [params, setParams] = useSearchParams();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [revealing, setRevealing] = useState<RevealField | null>(null);

  // Tabs the API lets this role read (see the controllers' @Roles).
  const visible: Record<Tab, boolean> = {
    profile: true,
    history: true,
    shareCapital: hasRole(user, 'accountant'),
    insurance: true,
    jobs: hasRole(user, 'dispatcher'),
    statements: hasRole(user, 'accountant'),
  };
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) && visible[asked] ? asked : 'profile';
  const actions = isAdmin ? actionsFor(member.status) : [];

  return (
    <Stack>
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={3} data-testid="member-name">
                {member.name}
              </Title>
              <MemberStatusBadge status={member.status} />
            </Group>
            <Text size="sm" c="dimmed">
              <span data-testid="member-no">{member.memberNo ?? '—'}</span> · {t('detail.shareSummary', { balance: won(member.shareCapital.balanceWon), minimum: won(member.shareCapital.minimumWon) })}
            </Text>
            {member.statusReason && (
              <Text size="sm">
                {t('field.statusReason')}: {member.statusReason}
              </Text>
            )}
          </Stack>
          {actions.length > 0 && (
            <Group gap="xs">
              {actions.map((action) => (
                <Button
                  key={action}
                  size="sm"
                  variant={action === 'approve' || action === 'reinstate' ? 'filled' : 'light'}
                  color={action === 'approve' || action === 'reinstate' ? undefined : 'red'}
                  onClick={() => setPending({ action, member })}
                  data-testid={`member-${action}`}
                >
                  {t(`action.${action}`)}
                </Button>
              ))}
            </Group>
          )}
        </Group>
      </Paper>

      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'profile' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {TABS.filter((k) => visible[k]).map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              {t(`detail.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="profile" pt="md">
          <Profile member={member} canReveal={isAdmin} onReveal={setRevealing} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History member={member} />
        </Tabs.Panel>
        {visible.shareCapital && (
          <Tabs.Panel value="shareCapital" pt="md">
            <ShareCapitalTab memberId={member.id} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="insurance" pt="md">
          <InsuranceTab memberId={member.id} />
        </Tabs.Panel>
        {visible.jobs && (
          <Tabs.Panel value="jobs" pt="md">
            <JobsTab memberId={member.id} />
          </Tabs.Panel>
        )}
        {visible.statements && (
          <Tabs.Panel value="statements" pt="md">
            <StatementsTab memberId={member.id} />
          </Tabs.Panel>
        )}
      </Tabs>

      <StatusActionModal pending={pending} onClose={() => setPending(null)} />
      <RevealModal memberId={member.id} field={revealing} onClose={() => setRevealing(null)} />
    </Stack>
  );
}

function Profile({ member, canReveal, onReveal }: { member: MemberDetail; canReveal: boolean; onReveal: (field: RevealField) => void }) {
  const { t } = useTranslation(ns);
  const masked = (field: RevealField, value: string) => (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" ff="monospace" data-testid={`member-${field}`} title={t('detail.masked')}>
        {value}
      </Text>
      {canReveal && (
        <Button size="compact-xs" variant="subtle" color="orange" onClick={() => onReveal(field)} data-testid={`reveal-${field}`}>
          {t('action.reveal')}
        </Button>
      )}
    </Group>
  );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
      <Field label={t('field.memberNo')}>{member.memberNo ?? '—'}</Field>
      <Field label={t('field.name')}>{member.name}</Field>
      <Field label={t('field.phone')}>{formatPhone(member.phone)}</Field>
      <Field label={t('field.birthDate')}>{member.birthDate}</Field>
      <Field label={t('field.rrn')}>{masked('rrn', member.rrn)}</Field>
      <Field label={t('field.vehicleType')}>{t(`vehicle.${member.vehicleType}`)}</Field>
      <Field label={t('field.bank')}>{member.bankName}</Field>
      <Field label={t('field.bankAccount')}>{masked('bankAccount', member.bankAccount)}</Field>
      <Field label={t('field.accountHolder')}>{member.accountHolder}</Field>
      <Field label={t('field.appliedAt')}>{formatSeoul(member.appliedAt)}</Field>
      <Field label={t('field.approvedAt')}>{formatSeoul(member.approvedAt)}</Field>
      <Field label={t('field.withdrawalEffectiveOn')}>{member.withdrawalEffectiveOn ?? '—'}</Field>
      <Field label={`${t('field.consents')}: ${t('field.consentPrivacy')}`}>{formatSeoul(member.consents.privacyAt)}</Field>
      <Field label={`${t('field.consents')}: ${t('field.consentInsurance')}`}>{formatSeoul(member.consents.insuranceAt)}</Field>
    </SimpleGrid>
  );
}

function History({ member }: { member: MemberDetail }) {
  const { t } = useTranslation(ns);
  // The API lists changes in the order they happened; newest first here, as an office reads a file.
  const rows = [...member.statusHistory].reverse();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="status-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.at')}</Table.Th>
            <Table.Th>{t('history.change')}</Table.Th>
            <Table.Th>{t('history.reason')}</Table.Th>
            <Table.Th>{t('history.effectiveOn')}</Table.Th>
            <Table.Th>{t('history.actor')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((h, i) => (
            <Table.Tr key={i}>
              <Table.Td>{formatSeoul(h.at)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {h.from ? <MemberStatusBadge status={h.from} testId="history-from" /> : null}
                  {h.from ? '→' : null}
                  <MemberStatusBadge status={h.to} testId="history-to" />
                </Group>
              </Table.Td>
              <Table.Td>{h.reason ?? '—'}</Table.Td>
              <Table.Td>{h.effectiveOn ?? '—'}</Table.Td>
              <Table.Td data-testid="history-actor">
                {h.actorName ? `${h.actorName} (${t(`history.actorType.${h.actorType}`, { defaultValue: h.actorType })})` : t(`history.actorType.${h.actorType}`, { defaultValue: h.actorType })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
