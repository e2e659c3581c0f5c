import { VisuallyHidden } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { HourBar } from './model';
import { ns } from './texts';

const COLORS: Record<HourBar['phase'], string> = {
  past: 'var(--mantine-color-teal-6)',
  current: 'var(--mantine-color-teal-4)',
  future: 'var(--mantine-color-gray-4)',
};

function HourRect(props: BarShapeProps) {
  const phase = (props.payload as HourBar | undefined)?.phase ?? 'past';
  return <Rectangle {...props} fill={COLORS[phase]} />;
}

/**
 * Deliveries per Seoul hour. recharts is imported here only, so it ships in this route's
 * chunk; the figures are also in a table for screen readers.
 */
export function DeliveriesChart({ bars }: { bars: HourBar[] }) {
  const { t } = useTranslation(ns);
  return (
    <>
      <div data-testid="today-chart" style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={1} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip labelFormatter={(label) => t('chart.hour', { hour: String(label) })} formatter={(value) => [String(value), t('chart.deliveries')]} />
            <Bar dataKey="deliveries" isAnimationActive={false} shape={HourRect} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <VisuallyHidden>
        <table>
          <caption>{t('chart.title')}</caption>
          <tbody>
            {bars.map((b) => (
              <tr key={b.hour}>
                <th scope="row">{t('chart.hour', { hour: b.label })}</th>
                <td data-testid={`today-hour-${b.hour}`}>{b.deliveries}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </>
  );
}
