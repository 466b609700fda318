import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRate } from "../reporting/figures";
import type { PerformanceRow } from "./PartnerPerformance";

/** Win rate with each partner against without it, as bars (loaded on demand: recharts is large). */
export function WinRateChart({ rows }: { rows: readonly PerformanceRow[] }) {
  const data = rows.map((row) => ({
    name: row.organization.name,
    with: row.winRate === null ? 0 : Math.round(row.winRate * 100),
    without: row.winRateWithout === null ? 0 : Math.round(row.winRateWithout * 100),
  }));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
        <YAxis unit="%" domain={[0, 100]} width={48} />
        <Tooltip formatter={(value) => formatRate(Number(value) / 100)} />
        <Legend />
        <Bar dataKey="with" name="Win rate with the partner" fill="#2553c7" radius={[4, 4, 0, 0]} />
        <Bar dataKey="without" name="Win rate without" fill="#9aa8c2" radius={[4, 4, 0, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}
