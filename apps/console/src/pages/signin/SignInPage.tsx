import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, STAFF_ONLY, login } from '../../api/client';
import { useSession } from '../../app/auth';
import { ErrorAlert } from '../../components/PageState';
import { registerTranslations, setLang } from '../../i18n';
import { formErrors } from '../../lib/forms';
import { useLang } from '../../lib/lang';

const ns = registerTranslations('signin', {
  ko: { title: '조합 사무실 로그인', login: '아이디', password: '비밀번호', submit: '로그인', staffOnly: '조합 직원만 사용할 수 있습니다' },
  en: { title: 'Sign in to the office', login: 'Login', password: 'Password', submit: 'Sign in', staffOnly: 'For cooperative staff only' },
});

export default function SignInPage() {
  const { t } = useTranslation(ns);
  const lang = useLang();
  const user = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/today';
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () =>
      login(loginName.trim(), password).catch((err: unknown) => {
        throw err instanceof ApiError && err.code === STAFF_ONLY ? new ApiError(403, STAFF_ONLY, t('staffOnly')) : err;
      }),
    onSuccess: () => navigate(from, { replace: true }),
  });
  if (user?.type === 'staff' && !signIn.isPending) return <Navigate to={from} replace />;
  const errors = formErrors(signIn.error, ['login', 'password']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={submit}>
        <Stack>
          <Title order={3}>{t('title')}</Title>
          <TextInput label={t('login')} value={loginName} onChange={(e) => setLoginName(e.currentTarget.value)} error={errors.byField.login} autoComplete="username" required name="login" />
          <PasswordInput label={t('password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.byField.password} autoComplete="current-password" required name="password" />
          <ErrorAlert error={errors.summary} />
          <Button type="submit" loading={signIn.isPending} data-testid="sign-in">
            {t('submit')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('staffOnly')} ·{' '}
            <Text span size="xs" c="teal" style={{ cursor: 'pointer' }} onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>
              {t('common:session.language')}
            </Text>
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
