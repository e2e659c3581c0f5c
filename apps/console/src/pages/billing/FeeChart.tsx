import { CartesianGrid, LabelList, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { yearTicks, type FeeStep } from './billing-rules';

const DAY = 86_400_000;

/** The fee rate as a step line over time, each policy's rate labelled where it starts (recharts stays in the billing chunk). */
export function FeeChart({ steps, today, todayLabel, rateLabel }: { steps: FeeStep[]; today: string; todayLabel: string; rateLabel: string }) {
  const data = steps.map((s) => ({ ...s, label: s.end ? undefined : `${s.percent}%` }));
  const top = Math.ceil((Math.max(...steps.map((s) => s.percent)) + 1) / 5) * 5;
  const from = steps[0].t - 120 * DAY;
  const to = steps[steps.length - 1].t;
  return (
    <LineChart responsive style={{ width: '100%', height: 260 }} data={data} margin={{ top: 24, right: 24, bottom: 8, left: 0 }} data-testid="fee-chart">
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} ticks={yearTicks(from, to)} tickFormatter={(t: number) => String(new Date(t).getUTCFullYear())} />
      <YAxis domain={[0, top]} ticks={Array.from({ length: top / 5 + 1 }, (_, i) => i * 5)} tickFormatter={(v: number) => `${v}%`} width={48} />
      <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 10)} formatter={(v) => [`${String(v)}%`, rateLabel]} />
      <ReferenceLine x={Date.parse(`${today}T00:00:00Z`)} stroke="var(--mantine-color-gray-6)" strokeDasharray="4 4" label={{ value: todayLabel, position: 'top' }} />
      <Line type="stepAfter" dataKey="percent" stroke="var(--mantine-color-teal-7)" strokeWidth={2} dot={false} isAnimationActive={false}>
        <LabelList dataKey="label" position="top" offset={8} />
      </Line>
    </LineChart>
  );
}
