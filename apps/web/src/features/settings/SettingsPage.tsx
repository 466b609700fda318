import { ComingSoon } from "../shell/ComingSoon";

export function SettingsPage() {
  return (
    <ComingSoon title="Settings">
      <p>For managers and admins, the connections to your own systems:</p>
      <ul>
        <li>API tokens (read or write), shown once, revocable, with when each was last used.</li>
        <li>Webhooks: your endpoint, its secret and the events it receives, with every delivery logged.</li>
      </ul>
    </ComingSoon>
  );
}
