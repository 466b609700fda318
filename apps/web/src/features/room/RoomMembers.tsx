import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { describeError } from "../../apiErrors";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { AccessLevel, RoomMemberCandidatesQuery, RoomRole } from "../../gql/graphql";
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

const RoomMemberCandidates = graphql(`
  query RoomMemberCandidates {
    viewer {
      id
      organization {
        id
        name
        members {
          id
          name
          email
        }
      }
    }
    partnerships {
      id
      status
      proposer {
        id
        name
        members {
          id
          name
          email
        }
      }
      partner {
        id
        name
        members {
          id
          name
          email
        }
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

interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

interface CandidateGroup {
  readonly organization: { readonly id: string; readonly name: string };
  readonly people: readonly Candidate[];
}

/**
 * People who could join: the viewer's own organization and the organizations it has a signed
 * partnership with, minus those already in the room. The server has the last word (a partner of
 * the viewer's firm must also be a signed partner of the deal's owner).
 */
export function candidateGroups(data: RoomMemberCandidatesQuery, memberIds: ReadonlySet<string>): CandidateGroup[] {
  const own = data.viewer?.organization;
  const organizations = new Map<string, { id: string; name: string; members: readonly Candidate[] }>();
  if (own) organizations.set(own.id, own);
  for (const partnership of data.partnerships) {
    if (partnership.status !== "SIGNED") continue;
    for (const org of [partnership.proposer, partnership.partner]) organizations.set(org.id, org);
  }
  return [...organizations.values()]
    .map((org) => ({
      organization: { id: org.id, name: org.name },
      people: org.members.filter((person) => !memberIds.has(person.id)),
    }))
    .filter((group) => group.people.length > 0);
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

function AddMemberForm(props: {
  opportunityId: string;
  ownerOrganizationId: string;
  memberIds: ReadonlySet<string>;
  onDone: () => void;
}) {
  const ids = { person: useId(), role: useId(), access: useId() };
  // Some organizations may hide their people from the viewer; show the ones that answered.
  const candidates = useQuery(RoomMemberCandidates, { errorPolicy: "all" });
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

  const groups = candidates.data ? candidateGroups(candidates.data, props.memberIds) : [];
  const organizationOf = (id: string) => groups.find((g) => g.people.some((p) => p.id === id))?.organization.id;
  // A partner firm's person usually joins as its partner rep; a colleague as a specialist.
  const suggestedRole: RoomRole =
    personId && organizationOf(personId) !== props.ownerOrganizationId ? "PARTNER_REP" : "PRODUCT_SPECIALIST";
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
      {candidates.loading && (
        <p className="muted" role="status">
          Loading people…
        </p>
      )}
      {!candidates.loading && groups.length === 0 && (
        <p className="muted">
          {candidates.error ? `Could not load people. ${describeError(candidates.error)}` : "Everyone you can add is already here."}
        </p>
      )}
      {groups.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={ids.person}>Person</label>
            <select id={ids.person} value={personId} onChange={(event) => setPersonId(event.target.value)} required>
              <option value="">Choose someone…</option>
              {groups.map((group) => (
                <optgroup key={group.organization.id} label={group.organization.name}>
                  {group.people.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name} ({person.email})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor={ids.role}>Role</label>
              <select id={ids.role} value={chosenRole} onChange={(event) => setRole(ADDABLE_ROLES.find((r) => r === event.target.value) ?? "")}>
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
        {groups.length > 0 && (
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
