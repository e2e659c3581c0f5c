import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function TodayPage() {
  const { t } = useTranslation();
  return <Title order={3}>{t('nav.today')}</Title>;
}
