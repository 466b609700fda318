import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney, stageLabel } from "../../format";
import type { DealStage } from "../../gql/graphql";

/** One stage's bars: its amount and weighted amount in the reporting currency (display only). */
export interface StageBar {
  readonly stage: DealStage;
  readonly deals: number;
  readonly amount: number;
  readonly weighted: number;
}

/** Amount and weighted amount per stage as bars (loaded on demand: recharts is large). */
export function PipelineChart({ bars, currency }: { bars: readonly StageBar[]; currency: string }) {
  const money = (value: number) => formatMoney({ amount: String(value), currency });
  const data = bars.map((bar) => ({ ...bar, label: stageLabel(bar.stage) }));
  return (
    <ResponsiveContainer width="100%" height={320}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {/* Slanted so that the stage names fit side by side at phone width too. */}
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} angle={-35} textAnchor="end" height={72} />
        <YAxis tickFormatter={(value: number) => new Intl.NumberFormat(undefined, { notation: "compact" }).format(value)} width={48} />
        <Tooltip formatter={(value) => money(Number(value))} />
        <Legend />
        <Bar dataKey="amount" name="Amount" fill="#9aa8c2" radius={[4, 4, 0, 0]} />
        <Bar dataKey="weighted" name="Weighted" fill="#2553c7" radius={[4, 4, 0, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}
