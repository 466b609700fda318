import { useMutation, useQuery } from "@apollo/client/react";
import { useId } from "react";
import type { ChangeEvent } from "react";
import { roleLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { OrgRole, PersonFieldsFragment } from "../../gql/graphql";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";

const PersonFields = graphql(`
  fragment PersonFields on User {
    id
    name
    email
    role
    active
  }
`);

const OrganizationPeople = graphql(`
  query OrganizationPeople {
    viewer {
      id
      organization {
        id
        members {
          ...PersonFields
        }
      }
    }
  }
`);

const SetUserRole = graphql(`
  mutation SetUserRole($input: SetUserRoleInput!) {
    setUserRole(input: $input) {
      ...PersonFields
    }
  }
`);

const DeactivateUser = graphql(`
  mutation DeactivateUser($input: DeactivateUserInput!) {
    deactivateUser(input: $input) {
      ...PersonFields
    }
  }
`);

const ROLES: readonly OrgRole[] = ["REP", "MANAGER", "ADMIN"];

type Person = PersonFieldsFragment;

/**
 * The organization's people, for its admins: each person's role, changed at once (their open
 * screens reconnect with it), and deactivation (they are signed out everywhere and cannot sign in;
 * what they did stays theirs). The server refuses to leave the organization without an active admin.
 */
export function People({ viewerId }: { viewerId: string }) {
  const { data, loading, error, refetch } = useQuery(OrganizationPeople);
  const people = getFragmentData(PersonFields, data?.viewer?.organization.members ?? []);
  return (
    <section className="card" aria-labelledby="people-heading">
      <div className="section-head">
        <h2 id="people-heading">People</h2>
      </div>
      <LoadState what="your organization's people" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {people.length > 0 && (
        <ul className="entity-list" aria-label="People">
          {people.map((person) => (
            <PersonItem key={person.id} person={person} self={person.id === viewerId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonItem({ person, self }: { person: Person; self: boolean }) {
  const roleId = useId();
  const [setRole, roleChange] = useMutation(SetUserRole);
  const [deactivate, deactivation] = useMutation(DeactivateUser);

  function changeRole(event: ChangeEvent<HTMLSelectElement>) {
    const role = ROLES.find((r) => r === event.target.value);
    if (!role || role === person.role) return;
    void setRole({
      variables: { input: { userId: person.id, role } },
      optimisticResponse: { setUserRole: { ...person, __typename: "User", role } },
    }).catch(() => undefined);
  }

  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{person.name}</strong>
        <span className="muted">{person.email}</span>
        {self && <span className="status-badge">You</span>}
        {!person.active && <span className="status-badge commitment-status-missed">Deactivated</span>}
      </div>
      <div className="row-actions">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={person.role} onChange={changeRole} disabled={!person.active || roleChange.loading}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </div>
      {person.active && !self && (
        <ConfirmButton
          label="Deactivate…"
          question={`${person.name} is signed out everywhere and can no longer sign in; what they did stays theirs.`}
          confirmLabel={`Deactivate ${person.name}`}
          busyLabel="Deactivating…"
          busy={deactivation.loading}
          onConfirm={() => void deactivate({ variables: { input: { userId: person.id } } }).catch(() => undefined)}
        />
      )}
      <FormError error={roleChange.error} prefix="The role did not change." />
      <FormError error={deactivation.error} />
    </li>
  );
}
