import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";

/** The on-time delivery figure of a person or a firm (DESIGN.md: "reliability"), as the badge shows it. */
export const ReliabilityFiguresFragment = graphql(`
  fragment ReliabilityFigures on Reliability {
    delivered
    deliveredOnTime
    missed
    open
    onTimeRate
  }
`);

export type ReliabilityTone = "new" | "good" | "fair" | "poor";

/** Good from 90% on time, fair from 70%; "new" before anything was due. */
export function reliabilityTone(onTimeRate: number | null): ReliabilityTone {
  if (onTimeRate === null) return "new";
  if (onTimeRate >= 0.9) return "good";
  if (onTimeRate >= 0.7) return "fair";
  return "poor";
}

export function reliabilityText(onTimeRate: number | null): string {
  return onTimeRate === null ? "No track record yet" : `${Math.round(onTimeRate * 100)}% on time`;
}

export function ReliabilityBadge(props: { reliability: FragmentType<typeof ReliabilityFiguresFragment>; who?: string }) {
  const reliability = getFragmentData(ReliabilityFiguresFragment, props.reliability);
  const tone = reliabilityTone(reliability.onTimeRate);
  const detail = `${reliability.deliveredOnTime} of ${reliability.delivered + reliability.missed} delivered on time, ${reliability.missed} missed, ${reliability.open} open`;
  return (
    <span
      className={`reliability reliability-${tone}`}
      title={detail}
      aria-label={`${props.who ? `${props.who}: ` : ""}${reliabilityText(reliability.onTimeRate)} (${detail})`}
    >
      {reliability.onTimeRate === null ? "New" : `${Math.round(reliability.onTimeRate * 100)}%`}
    </span>
  );
}
