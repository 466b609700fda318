import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { graphql } from "../../gql";
import type { WebhookEvent, WebhooksQuery } from "../../gql/graphql";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { useRefetchOnReturn } from "../shared/useRefetchOnReturn";
import { LoadState } from "../shared/LoadState";

/** Deliveries shown per webhook (the newest); the API keeps the whole log. */
export const DELIVERIES_SHOWN = 5;

const WebhooksList = graphql(`
  query Webhooks($deliveries: Int!) {
    webhooks {
      id
      url
      events
      createdAt
      deliveries(first: $deliveries) {
        id
        event
        status
        attempts
        lastStatusCode
        lastError
        createdAt
        deliveredAt
      }
    }
  }
`);

const CreateWebhook = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      id
    }
  }
`);

const DeleteWebhook = graphql(`
  mutation DeleteWebhook($input: DeleteWebhookInput!) {
    deleteWebhook(input: $input) {
      id
    }
  }
`);

const EVENTS: readonly { event: WebhookEvent; label: string }[] = [
  { event: "ACTIVITY_LOGGED", label: "Activity logged" },
  { event: "STAGE_CHANGED", label: "Stage changed" },
  { event: "DEAL_WON", label: "Deal won" },
];

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const variables = { deliveries: DELIVERIES_SHOWN };

/** The organization's webhooks: where events go, and how the latest deliveries went. */
export function Webhooks() {
  const { data, loading, error, refetch } = useQuery(WebhooksList, { variables });
  // Deliveries made since (they run in the background, with retries) show on coming back to the window.
  useRefetchOnReturn(refetch);
  const [creating, setCreating] = useState(false);
  const hooks = data?.webhooks ?? [];

  return (
    <section className="card" aria-labelledby="webhooks-heading">
      <div className="section-head">
        <h2 id="webhooks-heading">Webhooks</h2>
        {!creating && (
          <button type="button" className="button-secondary button-small" onClick={() => setCreating(true)}>
            New webhook
          </button>
        )}
      </div>
      {creating && <CreateWebhookForm onDone={() => setCreating(false)} />}
      <LoadState what="the webhooks" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {data && hooks.length === 0 && (
        <p className="muted">No webhooks. Add your endpoint to receive signed events (x-cosell-signature, HMAC-SHA256).</p>
      )}
      {hooks.length > 0 && (
        <ul className="entity-list" aria-label="Webhooks">
          {hooks.map((hook) => (
            <WebhookItem key={hook.id} hook={hook} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WebhookItem({ hook }: { hook: WebhooksQuery["webhooks"][number] }) {
  const [remove, { loading, error }] = useMutation(DeleteWebhook, { refetchQueries: [{ query: WebhooksList, variables }] });
  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{hook.url}</strong>
        {hook.events.map((event) => (
          <span key={event} className="status-badge">
            {EVENTS.find((e) => e.event === event)?.label ?? event}
          </span>
        ))}
      </div>
      {hook.deliveries.length === 0 ? (
        <p className="muted">No deliveries yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Latest deliveries to {hook.url}</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {hook.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{EVENTS.find((e) => e.event === delivery.event)?.label ?? delivery.event}</td>
                  <td>
                    <span className={`status-badge delivery-${delivery.status.toLowerCase()}`}>{delivery.status.toLowerCase()}</span>
                    {delivery.lastStatusCode !== null && <span className="muted"> HTTP {delivery.lastStatusCode}</span>}
                    {delivery.lastError && <div className="muted">{delivery.lastError}</div>}
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>{dateTime.format(new Date(delivery.deliveredAt ?? delivery.createdAt))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmButton
        label="Delete…"
        question="Stop sending and forget its log?"
        confirmLabel="Delete webhook"
        busyLabel="Deleting…"
        busy={loading}
        onConfirm={() => void remove({ variables: { input: { id: hook.id } } }).catch(() => undefined)}
      />
      <FormError error={error} />
    </li>
  );
}

function CreateWebhookForm({ onDone }: { onDone: () => void }) {
  const ids = { url: useId(), secret: useId() };
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["STAGE_CHANGED", "DEAL_WON"]);
  const [create, { loading, error }] = useMutation(CreateWebhook, {
    refetchQueries: [{ query: WebhooksList, variables }],
    awaitRefetchQueries: true,
  });
  const problem =
    secret.length > 0 && secret.length < 16
      ? "The secret needs at least 16 characters."
      : events.length === 0
        ? "Choose at least one event."
        : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    try {
      await create({ variables: { input: { url: url.trim(), secret, events, idempotencyKey: crypto.randomUUID() } } });
      onDone();
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Create a webhook">
      <div className="field">
        <label htmlFor={ids.url}>Endpoint URL</label>
        <input
          id={ids.url}
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://crm.example.com/cosell"
          required
        />
      </div>
      <div className="field">
        <label htmlFor={ids.secret}>Signing secret (at least 16 characters; never shown again)</label>
        <input
          id={ids.secret}
          type="password"
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          minLength={16}
          required
        />
      </div>
      <fieldset className="checkbox-row">
        <legend>Events</legend>
        {EVENTS.map(({ event, label }) => (
          <label key={event}>
            <input
              type="checkbox"
              checked={events.includes(event)}
              onChange={(e) => setEvents(e.target.checked ? [...events, event] : events.filter((x) => x !== event))}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <FormError error={problem ?? error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading || problem !== null}>
          {loading ? "Creating…" : "Create webhook"}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
