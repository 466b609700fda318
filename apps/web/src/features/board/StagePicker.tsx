import { useId } from "react";
import { stageLabel } from "../../format";
import type { DealStage } from "../../gql/graphql";

export interface StagePickerProps {
  /** The stages the board shows, in pipeline order. */
  stages: readonly DealStage[];
  /** Deals per stage, after the filters. */
  counts: ReadonlyMap<DealStage, number>;
  value: DealStage;
  onChange: (stage: DealStage) => void;
}

/**
 * On a phone the board shows one stage at a time, picked here, instead of columns side by side
 * (dragging across columns needs a wide screen); each card's "Move to…" menu moves the deal. The
 * stylesheet shows the picker only on narrow screens.
 */
export function StagePicker({ stages, counts, value, onChange }: StagePickerProps) {
  const id = useId();
  return (
    <div className="stage-picker">
      <label htmlFor={id}>Stage</label>
      <select id={id} value={value} onChange={(event) => onChange(stages.find((stage) => stage === event.target.value) ?? value)}>
        {stages.map((stage) => (
          <option key={stage} value={stage}>
            {stageLabel(stage)} ({counts.get(stage) ?? 0})
          </option>
        ))}
      </select>
    </div>
  );
}

/** The stage the phone layout shows: the one picked, while it is among the board's columns; else the first. */
export function pickedStage(stages: readonly DealStage[], picked: DealStage | null): DealStage | undefined {
  return picked && stages.includes(picked) ? picked : stages[0];
}
