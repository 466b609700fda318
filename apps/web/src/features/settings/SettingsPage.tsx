import { useQuery } from "@apollo/client/react";
import { describeError } from "../../apiErrors";
import { roleLabel } from "../../format";
import { graphql } from "../../gql";
import { DigestSetting } from "../notifications/DigestSetting";
import { ApiTokens } from "./ApiTokens";
import { ChangePassword } from "./ChangePassword";
import { People } from "./People";
import { RegistrationRules } from "./RegistrationRules";
import { Webhooks } from "./Webhooks";

const SettingsViewer = graphql(`
  query SettingsViewer {
    viewer {
      id
      role
      organization {
        id
        name
      }
    }
  }
`);

/**
 * The signed-in person's e-mail digest and password; for admins the organization's people (roles,
 * deactivation); for managers and admins the rules for deals partners register with it, and its
 * connections to its own systems: API tokens and webhooks.
 */
export function SettingsPage() {
  const { data, loading, error, refetch } = useQuery(SettingsViewer);

  if (!data && loading) {
    return (
      <p className="muted" role="status">
        Loading settings…
      </p>
    );
  }
  if (!data?.viewer) {
    return (
      <div className="card notice" role="alert">
        <p>Could not load the settings. {error ? describeError(error) : ""}</p>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const { viewer } = data;
  return (
    <section className="page-stack" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings · {viewer.organization.name}</h1>
      <DigestSetting />
      <ChangePassword />
      {viewer.role === "ADMIN" && <People viewerId={viewer.id} />}
      {viewer.role === "REP" ? (
        <div className="card notice">
          <p>
            <strong>API tokens and webhooks are managed by your organization's managers and admins.</strong>
          </p>
          <p className="muted">
            You are signed in as a {roleLabel(viewer.role).toLowerCase()}. They connect {viewer.organization.name}'s own systems to cosell,
            so a token or endpoint here acts for the whole firm. Ask a manager or admin if you need one.
          </p>
        </div>
      ) : (
        <>
          <RegistrationRules isAdmin={viewer.role === "ADMIN"} />
          <ApiTokens />
          <Webhooks />
        </>
      )}
    </section>
  );
}
