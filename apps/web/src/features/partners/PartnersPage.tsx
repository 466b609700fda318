import { ComingSoon } from "../shell/ComingSoon";

export function PartnersPage() {
  return (
    <ComingSoon title="Partners">
      <p>Your partner firms in one place:</p>
      <ul>
        <li>Partnerships: propose one, sign the working agreement with the code of conduct, or end it.</li>
        <li>The partner directory: firms whose strengths cover your gaps, with their delivery record.</li>
        <li>Deal registrations from partner reps, with conflicts against open deals flagged.</li>
      </ul>
    </ComingSoon>
  );
}
