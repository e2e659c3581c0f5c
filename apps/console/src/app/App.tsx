import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from '../api/client';
import { SessionProvider } from './auth';
import { Layout } from './Layout';
import { RouteFallback } from './RouteFallback';

// Every page is its own chunk: the sign-in page loads none of the others.
const SignIn = lazy(() => import('../pages/signin/SignInPage'));
const Today = lazy(() => import('../pages/today/TodayPage'));
const Members = lazy(() => import('../pages/members/MembersPage'));
const Orders = lazy(() => import('../pages/orders/OrdersPage'));
const Dispatch = lazy(() => import('../pages/dispatch/DispatchPage'));
const Billing = lazy(() => import('../pages/billing/BillingPage'));
const Insurance = lazy(() => import('../pages/insurance/InsurancePage'));
const Settings = lazy(() => import('../pages/settings/SettingsPage'));

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'sm' });

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<RouteFallback />}>
              <Routes>
                <Route path="/signin" element={<SignIn />} />
                <Route element={<Layout />}>
                  <Route path="/" element={<Navigate to="/today" replace />} />
                  <Route path="/today" element={<Today />} />
                  <Route path="/members/*" element={<Members />} />
                  <Route path="/orders/*" element={<Orders />} />
                  <Route path="/dispatch" element={<Dispatch />} />
                  <Route path="/billing/*" element={<Billing />} />
                  <Route path="/insurance/*" element={<Insurance />} />
                  <Route path="/settings/*" element={<Settings />} />
                  <Route path="*" element={<Navigate to="/today" replace />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
