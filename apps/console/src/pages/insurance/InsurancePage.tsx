import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { hasRole, useSession } from '../../app/auth';
import { Forbidden } from '../../components/Forbidden';
import { BatchesView } from './BatchesView';
import { EnrollmentsView } from './EnrollmentsView';
import { ns } from './i18n';
import { MonthlyView } from './MonthlyView';
import { RejectionsView } from './RejectionsView';

const TABS = ['enrollments', 'rejections', 'batches', 'monthly'] as const;

/**
 * Insurance: enrolments by plan and status, rejections to fix, the insurers' batches and the
 * monthly statutory report (accountants and admins; dispatchers may look at enrolments).
 */
export default function InsurancePage() {
  const { t } = useTranslation(ns);
  const user = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!hasRole(user, 'accountant', 'dispatcher')) return <Forbidden />;
  // Dispatchers read enrolments; batches, the report and resubmitting are the office's books.
  const books = hasRole(user, 'accountant');
  const tabs = TABS.filter((tab) => books || tab === 'enrollments' || tab === 'rejections');
  const section = pathname.split('/')[2] ?? '';
  const tab = tabs.find((x) => x === section) ?? 'enrollments';
  return (
    <Stack gap="md">
      <Title order={3}>{t('common:nav.insurance')}</Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`/insurance/${v}`)}>
        <Tabs.List>
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key} data-testid={`insurance-tab-${key}`}>
              {t(`tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to="/insurance/enrollments" replace />} />
        <Route path="enrollments" element={<EnrollmentsView />} />
        <Route path="rejections" element={<RejectionsView canResubmit={books} />} />
        {books && <Route path="batches" element={<BatchesView />} />}
        {books && <Route path="monthly" element={<MonthlyView />} />}
        <Route path="*" element={<Navigate to="/insurance/enrollments" replace />} />
      </Routes>
    </Stack>
  );
}
