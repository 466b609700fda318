import { useId } from "react";
import { PERIODS, PERIOD_LABELS } from "./figures";
import type { PeriodChoice } from "./figures";

/** Which period the figures cover. */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (choice: PeriodChoice) => void }) {
  const id = useId();
  return (
    <span className="period-picker">
      <label htmlFor={id}>Period</label>{" "}
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as PeriodChoice)}>
        {PERIODS.map((choice) => (
          <option key={choice} value={choice}>
            {PERIOD_LABELS[choice]}
          </option>
        ))}
      </select>
    </span>
  );
}
