import { useMutation, useQuery } from "@apollo/client/react";
import { formatBasisPoints } from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { describeError } from "../../apiErrors";
import { graphql } from "../../gql";
import type { PartnersQuery, PartnershipStatus } from "../../gql/graphql";
import { ReliabilityBadge } from "../reliability/ReliabilityBadge";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { AccountMappingCard } from "./AccountMapping";
import { AssessmentEditor } from "./AssessmentEditor";
import { CodeOfConductAcceptance } from "./CodeOfConduct";
import { CoSellRequests } from "./CoSellRequests";
import { DealRegistrations } from "./DealRegistrations";
import { InvitePartnerFirm } from "./InvitePartnerFirm";
import { useRefetchOnReturn } from "../shared/useRefetchOnReturn";
import { PartnerPerformance } from "./PartnerPerformance";

const Partners = graphql(`
  query Partners {
    viewer {
      id
      role
      organization {
        id
        name
        kind
      }
    }
    partnerships {
      id
      status
      scope
      terms
      defaultRevenueSplitBp
      codeOfConductAccepted
      proposer {
        id
        name
        kind
      }
      partner {
        id
        name
        kind
      }
      proposerSignedBy {
        id
        name
      }
      partnerSignedBy {
        id
        name
      }
      ...AccountMappingSettings
    }
  }
`);

const PartnerDirectory = graphql(`
  query PartnerDirectory($needs: [String!]) {
    partnerDirectory(needs: $needs) {
      matchedNeeds
      wonDealsTogether
      partnershipStatus
      organization {
        id
        name
        kind
      }
      strengths {
        description
        capabilities
        industries
      }
      reliability {
        ...ReliabilityFigures
      }
    }
  }
`);

const ProposePartnership = graphql(`
  mutation ProposePartnership($input: ProposePartnershipInput!) {
    proposePartnership(input: $input) {
      id
      status
    }
  }
`);

const SignPartnership = graphql(`
  mutation SignPartnership($input: SignPartnershipInput!) {
    signPartnership(input: $input) {
      id
      status
      codeOfConductAccepted
    }
  }
`);

const TerminatePartnership = graphql(`
  mutation TerminatePartnership($input: TerminatePartnershipInput!) {
    terminatePartnership(input: $input) {
      id
      status
    }
  }
`);

type Viewer = NonNullable<PartnersQuery["viewer"]>;
type Partnership = PartnersQuery["partnerships"][number];

const statusLabels: Readonly<Record<PartnershipStatus, string>> = {
  PROPOSED: "Proposed",
  SIGNED: "Signed",
  TERMINATED: "Terminated",
};

/** Partnerships, the partner directory (due diligence) and deal registrations. */
export function PartnersPage() {
  const { data, loading, error, refetch } = useQuery(Partners, { fetchPolicy: "cache-and-network" });
  // The other firm's signature (or termination) shows when the person comes back to the window.
  useRefetchOnReturn(refetch);
  const [proposeTo, setProposeTo] = useState<{ id: string; name: string } | null>(null);

  if (!data && loading) {
    return (
      <p className="muted" role="status">
        Loading partners…
      </p>
    );
  }
  if (!data?.viewer) {
    return (
      <div className="card notice" role="alert">
        <p>Could not load your partners. {error ? describeError(error) : ""}</p>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const viewer = data.viewer;
  const isManager = viewer.role === "MANAGER" || viewer.role === "ADMIN";
  const other = (p: Partnership) => (p.proposer.id === viewer.organization.id ? p.partner : p.proposer);
  // A partner firm's reps register deals with the vendors it has signed with.
  const vendors = data.partnerships
    .filter((p) => p.status === "SIGNED" && other(p).kind === "VENDOR")
    .map((p) => ({ id: other(p).id, name: other(p).name }));

  return (
    <section className="page-stack" aria-labelledby="partners-heading">
      <h1 id="partners-heading">Partners</h1>
      <section className="card" aria-labelledby="partnerships-heading">
        <h2 id="partnerships-heading">Partnerships</h2>
        {data.partnerships.length === 0 ? (
          <p className="muted">No partnerships yet. Find a firm in the directory below and propose one.</p>
        ) : (
          <ul className="entity-list" aria-label="Partnerships">
            {data.partnerships.map((partnership) => (
              <PartnershipItem key={partnership.id} partnership={partnership} viewer={viewer} otherName={other(partnership).name} />
            ))}
          </ul>
        )}
        {isManager && proposeTo && <ProposeForm organization={proposeTo} onDone={() => setProposeTo(null)} />}
        {!isManager && <p className="muted">Managers and admins propose, sign and terminate partnerships.</p>}
      </section>
      <AssessmentEditor canEdit={isManager} />
      <Directory
        canPropose={isManager}
        onPropose={(organization) => setProposeTo(organization)}
        ownOrganizationId={viewer.organization.id}
      />
      {isManager && <InvitePartnerFirm />}
      <CoSellRequests viewer={viewer} />
      <PartnerPerformance />
      <DealRegistrations viewer={viewer} vendors={viewer.role === "REP" || isManager ? vendors : []} />
    </section>
  );
}

function PartnershipItem({ partnership, viewer, otherName }: { partnership: Partnership; viewer: Viewer; otherName: string }) {
  const [accepted, setAccepted] = useState(false);
  const refetchQueries = ["Partners", "PartnerDirectory"];
  const [sign, signing] = useMutation(SignPartnership, { refetchQueries });
  const [terminate, terminating] = useMutation(TerminatePartnership, { refetchQueries });
  const isManager = viewer.role === "MANAGER" || viewer.role === "ADMIN";
  const weAreProposer = partnership.proposer.id === viewer.organization.id;
  const ourSignature = weAreProposer ? partnership.proposerSignedBy : partnership.partnerSignedBy;
  const theirSignature = weAreProposer ? partnership.partnerSignedBy : partnership.proposerSignedBy;
  const error = signing.error ?? terminating.error;

  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{otherName}</strong>
        <span className={`status-badge partnership-${partnership.status.toLowerCase()}`}>{statusLabels[partnership.status]}</span>
        {partnership.defaultRevenueSplitBp !== null && (
          <span className="muted">partner share {formatBasisPoints(partnership.defaultRevenueSplitBp)}</span>
        )}
      </div>
      {partnership.scope && <p>Scope: {partnership.scope}</p>}
      {partnership.terms && <p className="muted">Terms: {partnership.terms}</p>}
      <p className="muted">
        Signed by us: {ourSignature?.name ?? "not yet"} · by {otherName}: {theirSignature?.name ?? "not yet"}
      </p>
      {isManager && partnership.status === "PROPOSED" && !ourSignature && (
        <div className="row-actions">
          <CodeOfConductAcceptance accepted={accepted} onAcceptedChange={setAccepted} />
          <button
            type="button"
            className="button-primary button-inline"
            disabled={!accepted || signing.loading}
            onClick={() => void sign({ variables: { input: { id: partnership.id, acceptCodeOfConduct: true } } }).catch(() => undefined)}
          >
            {signing.loading ? "Signing…" : "Sign"}
          </button>
        </div>
      )}
      {isManager && partnership.status !== "TERMINATED" && (
        <ConfirmButton
          label="Terminate…"
          question={`End the partnership? ${otherName}'s people lose write access to shared rooms.`}
          confirmLabel="Yes, terminate"
          busyLabel="Ending…"
          busy={terminating.loading}
          onConfirm={() => void terminate({ variables: { input: { id: partnership.id } } }).catch(() => undefined)}
        />
      )}
      <FormError error={error} />
      <AccountMappingCard partnership={partnership} partnerName={otherName} canManage={isManager} />
    </li>
  );
}

function ProposeForm({ organization, onDone }: { organization: { id: string; name: string }; onDone: () => void }) {
  const ids = { scope: useId(), terms: useId(), share: useId() };
  const [scope, setScope] = useState("");
  const [terms, setTerms] = useState("");
  const [share, setShare] = useState("");
  const [propose, { loading, error }] = useMutation(ProposePartnership, {
    refetchQueries: ["Partners", "PartnerDirectory"],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const bp = share.trim() === "" ? undefined : Math.round(Number(share) * 100);
    try {
      await propose({
        variables: {
          input: {
            partnerOrganizationId: organization.id,
            scope: scope.trim(),
            terms: terms.trim(),
            ...(bp === undefined ? {} : { defaultRevenueSplitBp: bp }),
          },
        },
      });
      onDone();
    } catch {
      // Shown below.
    }
  }

  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label={`Propose a partnership to ${organization.name}`}>
      <h3>Propose a partnership to {organization.name}</h3>
      <div className="field">
        <label htmlFor={ids.scope}>Scope</label>
        <input
          id={ids.scope}
          value={scope}
          onChange={(e) => setScope(e.target.value)}
          placeholder="e.g. Catalog design for retail accounts"
        />
      </div>
      <div className="field">
        <label htmlFor={ids.terms}>Terms</label>
        <textarea id={ids.terms} rows={2} value={terms} onChange={(e) => setTerms(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.share}>Partner's default revenue share (%)</label>
        <input id={ids.share} inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} pattern="\d{1,3}(\.\d{1,2})?" />
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading}>
          {loading ? "Proposing…" : "Propose"}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Packaging-Design, retail " → ["packaging-design", "retail"]; empty means "my weaknesses". */
export function needsFromText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((need) => need.trim().toLowerCase().replace(/\s+/g, "-"))
        .filter(Boolean),
    ),
  ];
}

function Directory(props: {
  canPropose: boolean;
  onPropose: (organization: { id: string; name: string }) => void;
  ownOrganizationId: string;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [needs, setNeeds] = useState<string[]>([]);
  const { data, loading, error, refetch } = useQuery(PartnerDirectory, {
    variables: needs.length > 0 ? { needs } : {},
  });
  const entries = (data?.partnerDirectory ?? []).filter((entry) => entry.organization.id !== props.ownOrganizationId);

  return (
    <section className="card" aria-labelledby="directory-heading">
      <h2 id="directory-heading">Partner directory</h2>
      <form
        className="answer-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setNeeds(needsFromText(text));
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          What do you need?
        </label>
        <input
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Needs, e.g. packaging-design, retail (empty: your weaknesses)"
        />
        <button type="submit" className="button-secondary button-small">
          Find partners
        </button>
      </form>
      <p className="muted">
        {needs.length > 0
          ? `Firms whose strengths cover: ${needs.join(", ")}`
          : "Firms whose strengths cover your self-assessment's weaknesses"}
        , best match first.
      </p>
      {!data && loading && (
        <p className="muted" role="status">
          Searching…
        </p>
      )}
      {error && (
        <div role="alert">
          <p>Could not search the directory. {describeError(error)}</p>
          <button type="button" className="button-secondary" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      )}
      {data && entries.length === 0 && <p className="muted">No firm's strengths match. Try other needs.</p>}
      {entries.length > 0 && (
        <ol className="entity-list" aria-label="Matching firms">
          {entries.map((entry) => (
            <li key={entry.organization.id} className="entity">
              <div className="entity-head">
                <strong>{entry.organization.name}</strong>
                <ReliabilityBadge reliability={entry.reliability} who={entry.organization.name} />
                <span className="muted">
                  {entry.wonDealsTogether} {entry.wonDealsTogether === 1 ? "deal" : "deals"} won together
                </span>
                {entry.partnershipStatus && (
                  <span className={`status-badge partnership-${entry.partnershipStatus.toLowerCase()}`}>
                    {statusLabels[entry.partnershipStatus]}
                  </span>
                )}
              </div>
              <ul className="tag-list" aria-label="Matched needs">
                {entry.matchedNeeds.map((need) => (
                  <li key={need} className="tag-matched">
                    {need}
                  </li>
                ))}
              </ul>
              <ul className="help-list">
                {entry.strengths.map((strength) => (
                  <li key={strength.description} className="muted">
                    {strength.description}
                  </li>
                ))}
              </ul>
              {props.canPropose && (entry.partnershipStatus === null || entry.partnershipStatus === "TERMINATED") && (
                <button type="button" className="button-secondary button-small" onClick={() => props.onPropose(entry.organization)}>
                  Propose a partnership
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
