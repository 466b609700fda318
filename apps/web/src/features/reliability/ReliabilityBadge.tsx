/** The on-time delivery figure of a person or a firm (DESIGN.md: "reliability"). */
export interface ReliabilityFigures {
  readonly delivered: number;
  readonly deliveredOnTime: number;
  readonly missed: number;
  readonly open: number;
  readonly onTimeRate: number | null;
}

export type ReliabilityTone = "new" | "good" | "fair" | "poor";

/** Good from 90% on time, fair from 70%; "new" before anything was due. */
export function reliabilityTone(onTimeRate: number | null): ReliabilityTone {
  if (onTimeRate === null) return "new";
  if (onTimeRate >= 0.9) return "good";
  if (onTimeRate >= 0.7) return "fair";
  return "poor";
}

export function reliabilityText(reliability: ReliabilityFigures): string {
  return reliability.onTimeRate === null ? "No track record yet" : `${Math.round(reliability.onTimeRate * 100)}% on time`;
}

export function ReliabilityBadge({ reliability, who }: { reliability: ReliabilityFigures; who?: string }) {
  const tone = reliabilityTone(reliability.onTimeRate);
  const detail = `${reliability.deliveredOnTime} of ${reliability.delivered + reliability.missed} delivered on time, ${reliability.missed} missed, ${reliability.open} open`;
  return (
    <span className={`reliability reliability-${tone}`} title={detail} aria-label={`${who ? `${who}: ` : ""}${reliabilityText(reliability)} (${detail})`}>
      {reliability.onTimeRate === null ? "New" : `${Math.round(reliability.onTimeRate * 100)}%`}
    </span>
  );
}
