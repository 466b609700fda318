import { useMutation, useQuery } from "@apollo/client/react";
import { useId } from "react";
import { graphql } from "../../gql";
import { FormError } from "../shared/FormError";

const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    notificationSettings {
      emailDigest
    }
  }
`);

const UpdateNotificationSettings = graphql(`
  mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {
    updateNotificationSettings(input: $input) {
      emailDigest
    }
  }
`);

/** The signed-in person's own choice: a daily e-mail digest of unread notifications, or none. */
export function DigestSetting() {
  const ids = { check: useId(), error: useId() };
  const { data } = useQuery(NotificationSettingsQuery);
  const [update, { loading, error }] = useMutation(UpdateNotificationSettings, {
    update(cache, { data: updated }) {
      if (updated)
        cache.writeQuery({ query: NotificationSettingsQuery, data: { notificationSettings: updated.updateNotificationSettings } });
    },
  });
  const on = data?.notificationSettings.emailDigest;
  return (
    <section className="card" aria-labelledby={`${ids.check}-heading`}>
      <h2 id={`${ids.check}-heading`}>Notifications</h2>
      <p>
        <input
          id={ids.check}
          type="checkbox"
          checked={on ?? false}
          disabled={on === undefined || loading}
          aria-describedby={error ? ids.error : undefined}
          onChange={(event) => void update({ variables: { input: { emailDigest: event.target.checked } } }).catch(() => undefined)}
        />{" "}
        <label htmlFor={ids.check}>Send me a daily e-mail digest of my unread notifications</label>
      </p>
      <p className="muted">Sent once a day while something in your inbox is unread, if this server is set up to send e-mail.</p>
      <FormError id={ids.error} error={error} prefix="Not saved." />
    </section>
  );
}
