import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { hasRole, useSession } from '../../app/auth';
import { Forbidden } from '../../components/Forbidden';
import { FeePoliciesView } from './FeePoliciesView';
import { ns } from './i18n';
import { InvoicesView } from './InvoicesView';
import { LedgerView } from './LedgerView';
import { RunDetailView } from './RunDetailView';
import { RunsView } from './RunsView';
import { StatementView } from './StatementView';

const TABS = ['runs', 'fees', 'ledger', 'invoices'] as const;

/**
 * Billing (accountants and admins): settlement runs with their payouts and statements,
 * the fee policy history, the ledger balance and client invoices.
 */
export default function BillingPage() {
  const { t } = useTranslation(ns);
  const user = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!hasRole(user, 'accountant')) return <Forbidden />;
  const section = pathname.split('/')[2] ?? 'runs';
  const tab = section === 'statements' ? 'runs' : (TABS.find((x) => x === section) ?? 'runs');
  return (
    <Stack gap="md">
      <Title order={3}>{t('common:nav.billing')}</Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`/billing/${v}`)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((key) => (
            <Tabs.Tab key={key} value={key} data-testid={`billing-tab-${key}`}>
              {t(`tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="/billing/runs" replace />} />
        <Route path="runs" element={<RunsView />} />
        <Route path="runs/:runId" element={<RunDetailView />} />
        <Route path="statements/:statementId" element={<StatementView />} />
        <Route path="fees" element={<FeePoliciesView />} />
        <Route path="ledger" element={<LedgerView />} />
        <Route path="invoices" element={<InvoicesView />} />
        <Route path="*" element={<Navigate to="/billing/runs" replace />} />
      </Routes>
    </Stack>
  );
}
