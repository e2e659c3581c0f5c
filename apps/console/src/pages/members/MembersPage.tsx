import { Badge, Group, Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { keys, membersApi } from './api';
import { ApplicationsView } from './ApplicationsView';
import { MemberDetailView } from './MemberDetailView';
import { RegisterView } from './RegisterView';
import { ns } from './texts';

/**
 * Members: the register (`/members`), the applications queue (`/members/applications`)
 * and one member's page (`/members/:id`).
 */
export default function MembersPage() {
  return (
    <Routes>
      <Route index element={<Lists tab="register" />} />
      <Route path="applications" element={<Lists tab="applications" />} />
      <Route path=":id" element={<MemberDetailView />} />
      <Route path="*" element={<Navigate to="/members" replace />} />
    </Routes>
  );
}

function Lists({ tab }: { tab: 'register' | 'applications' }) {
  const { t } = useTranslation(ns);
  const navigate = useNavigate();
  const location = useLocation();
  // The queue's first page: shared with the applications tab, and its total is the badge.
  const applicants = useQuery({ queryKey: keys.list({ status: 'applicant', page: 1 }), queryFn: () => membersApi.list({ status: 'applicant', page: 1 }) });
  const waiting = applicants.data?.total ?? 0;
  return (
    <Stack>
      <Title order={3}>{t('title')}</Title>
      <Tabs
        value={tab}
        onChange={(v) => {
          const to = v === 'applications' ? '/members/applications' : '/members';
          if (to !== location.pathname) navigate(to);
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="register" data-testid="tab-register">
            {t('tab.register')}
          </Tabs.Tab>
          <Tabs.Tab value="applications" data-testid="tab-applications">
            <Group gap={6} wrap="nowrap">
              {t('tab.applications')}
              {waiting > 0 && (
                <Badge size="sm" circle={waiting < 10} data-testid="applications-count">
                  {waiting}
                </Badge>
              )}
            </Group>
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'register' ? <RegisterView /> : <ApplicationsView />}
    </Stack>
  );
}
