import { useState } from "react";
import { PartnerReliability } from "./PartnerReliability";
import { PipelineFigures } from "./PipelineFigures";
import { ReportingSettings } from "./ReportingSettings";
import { StageChangeStream } from "./StageChangeStream";

/** The manager's view: the stage changes (this week's, then live), the pipeline figures, partner reliability, reporting settings. */
export function ManagerPage() {
  // Each live move refetches the figures (one dealStageChanged subscription serves both panels).
  const [movesSeen, setMovesSeen] = useState(0);
  return (
    <section className="manager" aria-labelledby="manager-heading">
      <h1 id="manager-heading">Manager</h1>
      <div className="manager-grid">
        <StageChangeStream onMove={() => setMovesSeen((n) => n + 1)} />
        <PipelineFigures movesSeen={movesSeen} />
        <PartnerReliability />
        <ReportingSettings />
      </div>
    </section>
  );
}
