import { ComingSoon } from "../shell/ComingSoon";

export function ManagerPage() {
  return (
    <ComingSoon title="Manager">
      <p>Your pipeline as it moves:</p>
      <ul>
        <li>A live stream of stage changes across every deal you can see.</li>
        <li>Pipeline by stage and weighted amount, as a chart.</li>
        <li>Partner reliability: commitments delivered on time, per person and per firm.</li>
      </ul>
    </ComingSoon>
  );
}
