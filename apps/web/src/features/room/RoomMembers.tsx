import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { describeError } from "../../apiErrors";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { AccessLevel, RoomMemberFirmsQuery, RoomRole } from "../../gql/graphql";
import { useConnectionState } from "../live/connection";
import { FormError } from "../shared/FormError";
import { ADDABLE_ROLES, accessLabel, roomRoleLabel } from "./labels";
import { refetchRoom } from "./roomQuery";

export const RoomMembersFragment = graphql(`
  fragment RoomMembers on Opportunity {
    id
    organization {
      id
    }
    members {
      role
      access
      user {
        id
        name
        email
        organization {
          id
          name
        }
      }
    }
  }
`);

const RoomMemberFirms = graphql(`
  query RoomMemberFirms {
    viewer {
      id
      organization {
        id
        name
      }
    }
    partnerships {
      id
      status
      proposer {
        id
        name
      }
      partner {
        id
        name
      }
    }
  }
`);

const FirmPeople = graphql(`
  query FirmPeople($id: ID!) {
    organization(id: $id) {
      id
      name
      members {
        id
        name
        email
      }
    }
  }
`);

const AddRoomMember = graphql(`
  mutation AddRoomMember($input: AddRoomMemberInput!) {
    addRoomMember(input: $input) {
      role
      access
      user {
        id
        name
      }
    }
  }
`);

interface Firm {
  readonly id: string;
  readonly name: string;
}

/**
 * Firms whose people the viewer may add: their own, and, for the opportunity's own organization,
 * the firms it has a signed partnership with (a partner adds only its own people). The server has
 * the last word; the people of one firm are loaded when it is chosen, so the picker never asks for
 * every partner's whole staff at once.
 */
export function candidateFirms(data: RoomMemberFirmsQuery, ownerOrganizationId: string): Firm[] {
  const own = data.viewer?.organization;
  if (!own) return [];
  if (own.id !== ownerOrganizationId) return [own];
  const firms = new Map<string, Firm>([[own.id, own]]);
  for (const partnership of data.partnerships) {
    if (partnership.status !== "SIGNED") continue;
    for (const org of [partnership.proposer, partnership.partner]) if (!firms.has(org.id)) firms.set(org.id, org);
  }
  return [...firms.values()];
}

export function RoomMembers(props: {
  opportunity: FragmentType<typeof RoomMembersFragment>;
  writable: boolean;
  /** Who has the room open now (from roomPresence); null while not known. */
  present?: ReadonlySet<string> | null;
}) {
  const opportunity = getFragmentData(RoomMembersFragment, props.opportunity);
  const [adding, setAdding] = useState(false);
  const present = props.present ?? null;
  const connection = useConnectionState();
  const hereNow = present ? opportunity.members.filter((member) => present.has(member.user.id)) : [];

  return (
    <section className="room-members card" aria-labelledby="members-heading">
      <div className="section-head">
        <h2 id="members-heading">People</h2>
        {props.writable && !adding && (
          <button type="button" className="button-secondary button-small" onClick={() => setAdding(true)}>
            Add someone
          </button>
        )}
      </div>
      {connection !== "online" && (
        <p className="presence-summary presence-paused muted">
          {connection === "offline" ? "Offline" : "Reconnecting"}: who is here shows again once the connection is back.
        </p>
      )}
      {present && (
        <p className="presence-summary muted" aria-live="polite">
          <span className="live-dot" aria-hidden="true" />{" "}
          {hereNow.length === 0 ? "No member has the room open" : `Here now: ${hereNow.map((m) => m.user.name).join(", ")}`}
        </p>
      )}
      <ul className="member-list">
        {opportunity.members.map((member) => (
          <li key={member.user.id} className="member">
            <span className={`avatar${present?.has(member.user.id) ? " avatar-present" : ""}`} aria-hidden="true">
              {initials(member.user.name)}
            </span>
            <span className="member-who">
              <span className="member-name">
                {member.user.name}
                {present?.has(member.user.id) && <span className="visually-hidden"> (in the room now)</span>}
              </span>
              <span className="muted member-org">{member.user.organization.name}</span>
            </span>
            <span className="member-role">
              <span>{roomRoleLabel(member.role)}</span>
              <span className={`access access-${member.access.toLowerCase()}`}>{accessLabel(member.access)}</span>
            </span>
          </li>
        ))}
      </ul>
      {adding && (
        <AddMemberForm
          opportunityId={opportunity.id}
          ownerOrganizationId={opportunity.organization.id}
          memberIds={new Set(opportunity.members.map((member) => member.user.id))}
          onDone={() => setAdding(false)}
        />
      )}
    </section>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? "")
    .join("");
}

function AddMemberForm(props: { opportunityId: string; ownerOrganizationId: string; memberIds: ReadonlySet<string>; onDone: () => void }) {
  const ids = { firm: useId(), person: useId(), role: useId(), access: useId() };
  const firmsQuery = useQuery(RoomMemberFirms);
  const firms = firmsQuery.data ? candidateFirms(firmsQuery.data, props.ownerOrganizationId) : [];
  const [chosenFirm, setFirmId] = useState("");
  const firmId = chosenFirm || firms[0]?.id || "";
  const peopleQuery = useQuery(FirmPeople, { variables: { id: firmId }, skip: !firmId });
  const people = (peopleQuery.data?.organization?.members ?? []).filter((person) => !props.memberIds.has(person.id));
  const [personId, setPersonId] = useState("");
  const [role, setRole] = useState<RoomRole | "">("");
  const [access, setAccess] = useState<AccessLevel>("WRITE");
  const [add, { loading, error }] = useMutation(AddRoomMember, {
    refetchQueries: [
      // The room's query holds the feed's newest page too, so "joined" shows with the new member.
      ...refetchRoom(props.opportunityId),
    ],
    awaitRefetchQueries: true,
  });

  // A partner firm's person usually joins as its partner rep; a colleague as a specialist.
  const suggestedRole: RoomRole = firmId && firmId !== props.ownerOrganizationId ? "PARTNER_REP" : "PRODUCT_SPECIALIST";
  const loadError = firmsQuery.error ?? peopleQuery.error;
  const chosenRole = role || suggestedRole;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!personId) return;
    try {
      await add({ variables: { input: { opportunityId: props.opportunityId, userId: personId, role: chosenRole, access } } });
      props.onDone();
    } catch {
      // Shown below; the choices stay.
    }
  }

  return (
    <form className="add-member" onSubmit={(event) => void submit(event)} aria-label="Add someone to the room">
      {firms.length > 1 && (
        <div className="field">
          <label htmlFor={ids.firm}>Firm</label>
          <select
            id={ids.firm}
            value={firmId}
            onChange={(event) => {
              setFirmId(event.target.value);
              setPersonId("");
            }}
          >
            {firms.map((firm) => (
              <option key={firm.id} value={firm.id}>
                {firm.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {(firmsQuery.loading || peopleQuery.loading) && (
        <p className="muted" role="status">
          Loading people…
        </p>
      )}
      {!firmsQuery.loading && !peopleQuery.loading && people.length === 0 && (
        <p className="muted">
          {loadError ? `Could not load people. ${describeError(loadError)}` : "Everyone of this firm is already here."}
        </p>
      )}
      {people.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={ids.person}>Person</label>
            <select id={ids.person} value={personId} onChange={(event) => setPersonId(event.target.value)} required>
              <option value="">Choose someone…</option>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name} ({person.email})
                </option>
              ))}
            </select>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={ids.role}>Role</label>
              <select
                id={ids.role}
                value={chosenRole}
                onChange={(event) => setRole(ADDABLE_ROLES.find((r) => r === event.target.value) ?? "")}
              >
                {ADDABLE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roomRoleLabel(r)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.access}>Access</label>
              <select id={ids.access} value={access} onChange={(event) => setAccess(event.target.value === "READ" ? "READ" : "WRITE")}>
                <option value="WRITE">{accessLabel("WRITE")}</option>
                <option value="READ">{accessLabel("READ")}</option>
              </select>
            </div>
          </div>
        </>
      )}
      <FormError error={error} />
      <div className="form-actions">
        {people.length > 0 && (
          <button type="submit" className="button-primary button-inline" disabled={loading || !personId}>
            {loading ? "Adding…" : "Add to room"}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
