import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { graphql } from "../../gql";
import type { ApiScope } from "../../gql/graphql";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";

export const ApiTokensList = graphql(`
  query ApiTokens {
    apiTokens {
      id
      name
      scopes
      hint
      createdAt
      lastUsedAt
      revokedAt
      createdBy {
        id
        name
      }
    }
  }
`);

export const CreateApiToken = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        hint
      }
    }
  }
`);

const RevokeApiToken = graphql(`
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      id
      revokedAt
    }
  }
`);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const when = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : "never");

/**
 * The organization's API tokens for its own systems. A new token's secret is in the create answer
 * only: it is shown here once, with a copy button, and kept nowhere (not in the cache, not in
 * storage); closing the box forgets it.
 */
export function ApiTokens() {
  const { data, loading, error, refetch } = useQuery(ApiTokensList);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const tokens = data?.apiTokens ?? [];
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <div className="section-head">
        <h2 id="tokens-heading">API tokens</h2>
        {!creating && !secret && (
          <button type="button" className="button-secondary button-small" onClick={() => setCreating(true)}>
            New token
          </button>
        )}
      </div>
      {secret && (
        <div className="secret-once" role="status">
          <p>
            <strong>Copy the token “{secret.name}” now.</strong> It is shown this once: cosell keeps only a hash of it.
          </p>
          <code aria-label="New API token">{secret.token}</code>
          <div className="row-actions">
            <button type="button" className="button-primary button-inline" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy"}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setSecret(null);
                setCopied(false);
              }}
            >
              I have stored it, close
            </button>
          </div>
        </div>
      )}
      {creating && (
        <CreateTokenForm
          onCancel={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSecret(created);
          }}
        />
      )}
      <LoadState what="the tokens" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {data && tokens.length === 0 && <p className="muted">No tokens yet. Create one for each partner system that calls the API.</p>}
      {tokens.length > 0 && (
        <ul className="entity-list" aria-label="Tokens">
          {tokens.map((token) => (
            <TokenItem key={token.id} token={token} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TokenItem({
  token,
}: {
  token: {
    id: string;
    name: string;
    scopes: readonly ApiScope[];
    hint: string;
    createdAt: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
    createdBy: { name: string } | null;
  };
}) {
  const [revoke, { loading, error }] = useMutation(RevokeApiToken);
  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{token.name}</strong>
        <code>{token.hint}</code>
        <span className="status-badge">{token.scopes.join(" + ")}</span>
        {token.revokedAt && <span className="status-badge commitment-status-missed">Revoked</span>}
      </div>
      <p className="muted">
        Created {when(token.createdAt)}
        {token.createdBy ? ` by ${token.createdBy.name}` : ""} · last used {when(token.lastUsedAt)}
        {token.revokedAt ? ` · revoked ${when(token.revokedAt)}` : ""}
      </p>
      {!token.revokedAt && (
        <ConfirmButton
          label="Revoke…"
          question="Systems using it stop working at once."
          confirmLabel={`Revoke ${token.name}`}
          busyLabel="Revoking…"
          busy={loading}
          onConfirm={() => void revoke({ variables: { input: { id: token.id } } }).catch(() => undefined)}
        />
      )}
      <FormError error={error} />
    </li>
  );
}

function CreateTokenForm(props: { onCancel: () => void; onCreated: (created: { name: string; token: string }) => void }) {
  const ids = { name: useId(), write: useId() };
  const [name, setName] = useState("");
  const [write, setWrite] = useState(false);
  const [create, { loading, error }] = useMutation(CreateApiToken, {
    // The secret must not linger in Apollo's cache (ROOT_MUTATION) after the box is closed.
    fetchPolicy: "no-cache",
    refetchQueries: [{ query: ApiTokensList }],
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    const scopes: ApiScope[] = write ? ["READ", "WRITE"] : ["READ"];
    try {
      const result = await create({ variables: { input: { name: name.trim(), scopes } } });
      if (result.data) props.onCreated({ name: result.data.createApiToken.apiToken.name, token: result.data.createApiToken.token });
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Create an API token">
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Pixel CRM sync" required />
      </div>
      <label htmlFor={ids.write} className="checkbox-row">
        <input id={ids.write} type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} />
        Can also write (log activities, move deals); read only otherwise
      </label>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading || !name.trim()}>
          {loading ? "Creating…" : "Create token"}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
