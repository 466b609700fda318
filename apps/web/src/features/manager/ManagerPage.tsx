import { useState } from "react";
import { useBoardChanges } from "../live/live";
import { PartnerReliability } from "./PartnerReliability";
import { PipelineFigures } from "./PipelineFigures";
import { ReportingSettings } from "./ReportingSettings";
import { StageChangeStream } from "./StageChangeStream";

/** The manager's view: the stage changes (this week's, then live), the pipeline figures, partner reliability, reporting settings. */
export function ManagerPage() {
  // Whatever changes a deal the manager may see (created, edited, moved, won, shared, unshared:
  // the app's one boardChanged feed) refetches the figures.
  const [changesSeen, setChangesSeen] = useState(0);
  useBoardChanges(() => setChangesSeen((n) => n + 1));
  return (
    <section className="manager" aria-labelledby="manager-heading">
      <h1 id="manager-heading">Manager</h1>
      <div className="manager-grid">
        <StageChangeStream />
        <PipelineFigures movesSeen={changesSeen} />
        <PartnerReliability />
        <ReportingSettings />
      </div>
    </section>
  );
}
