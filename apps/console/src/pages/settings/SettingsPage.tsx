import { Group, Stack, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { hasRole, useSession } from '../../app/auth';
import { PartiesView } from './PartiesView';
import { PricingView } from './PricingView';
import { QueueDashboardButton } from './QueueDashboardButton';
import { StaffView } from './StaffView';
import { ns } from './texts';

const ADMIN_TABS = ['staff', 'insurers', 'clients', 'pricing'] as const;

/**
 * Staff accounts, insurers and clients with their API keys, pricing rules, and the queue
 * dashboard. Accounts, parties and the queues are an admin's; other staff see the pricing.
 */
export default function SettingsPage() {
  const { t } = useTranslation(ns);
  const user = useSession();
  const isAdmin = hasRole(user, 'admin');
  const tabs: readonly string[] = isAdmin ? ADMIN_TABS : ['pricing'];
  const navigate = useNavigate();
  const current = useLocation().pathname.split('/')[2] ?? '';
  const home = `/settings/${tabs[0]}`;
  const adminOnly = (element: ReactNode) => (isAdmin ? element : <Navigate to="/settings/pricing" replace />);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('title')}</Title>
        {isAdmin && <QueueDashboardButton />}
      </Group>
      <Tabs value={tabs.includes(current) ? current : null} onChange={(v) => v && navigate(`/settings/${v}`)}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`settings-tab-${tab}`}>
              {t(`tab.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to={home} replace />} />
        <Route path="staff" element={adminOnly(<StaffView />)} />
        <Route path="insurers" element={adminOnly(<PartiesView key="insurers" kind="insurers" />)} />
        <Route path="clients" element={adminOnly(<PartiesView key="clients" kind="clients" />)} />
        <Route path="pricing" element={<PricingView />} />
        <Route path="*" element={<Navigate to={home} replace />} />
      </Routes>
    </Stack>
  );
}
