import { useMutation, useQuery } from "@apollo/client/react";
import { formatBasisPoints } from "@cosell/schema";
import { useId, useState } from "react";
import { describeError } from "../../apiErrors";
import { graphql } from "../../gql";
import type { PartnersQuery, PartnershipStatus } from "../../gql/graphql";
import { ReliabilityBadge } from "../reliability/ReliabilityBadge";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { AccountMappingCard } from "./AccountMapping";
import { AssessmentEditor } from "./AssessmentEditor";
import { AgreementForm } from "./AgreementForm";
import { AgreementTerms, unmaskTerms } from "./AgreementTerms";
import type { AgreementTermsData } from "./AgreementTerms";
import { draftFrom } from "./agreementDraft";
import { CodeOfConductAcceptance } from "./CodeOfConduct";
import type { CodeOfConductText } from "./CodeOfConduct";
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
    codeOfConduct {
      version
      title
      text
    }
    partnerships {
      id
      status
      revision
      inForceRevision
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
      currentTerms {
        ...AgreementTermsFields
      }
      pendingAmendment {
        ...AgreementTermsFields
      }
      ...AccountMappingSettings
    }
  }
`);

const PartnershipHistory = graphql(`
  query PartnershipHistory($id: ID!) {
    node(id: $id) {
      id
      ... on Partnership {
        revisions {
          ...AgreementTermsFields
        }
      }
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

const AmendPartnership = graphql(`
  mutation AmendPartnership($input: AmendPartnershipInput!) {
    amendPartnership(input: $input) {
      id
      status
      revision
    }
  }
`);

const SignPartnership = graphql(`
  mutation SignPartnership($input: SignPartnershipInput!) {
    signPartnership(input: $input) {
      id
      status
      revision
      inForceRevision
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
              <PartnershipItem
                key={partnership.id}
                partnership={partnership}
                viewer={viewer}
                otherName={other(partnership).name}
                code={data.codeOfConduct}
              />
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

function PartnershipItem(props: { partnership: Partnership; viewer: Viewer; otherName: string; code: CodeOfConductText | null }) {
  const { partnership, viewer, otherName } = props;
  const [editing, setEditing] = useState(false);
  const refetchQueries = ["Partners", "PartnerDirectory", "PartnershipHistory"];
  const [terminate, terminating] = useMutation(TerminatePartnership, { refetchQueries });
  const [amend, amending] = useMutation(AmendPartnership, { refetchQueries, awaitRefetchQueries: true });
  const isManager = viewer.role === "MANAGER" || viewer.role === "ADMIN";
  const current = partnership.currentTerms ? unmaskTerms(partnership.currentTerms) : null;
  const pending = partnership.pendingAmendment ? unmaskTerms(partnership.pendingAmendment) : null;
  const signed = partnership.status === "SIGNED";
  // What awaits signatures: the proposal, or an amendment of the signed terms.
  const toSign = partnership.status === "PROPOSED" ? current : pending;
  const weSigned = toSign?.signatures.some((signature) => signature.organization.id === viewer.organization.id) ?? false;
  const live = partnership.status !== "TERMINATED";

  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{otherName}</strong>
        <span className={`status-badge partnership-${partnership.status.toLowerCase()}`}>{statusLabels[partnership.status]}</span>
        {current && <span className="muted">partner share {formatBasisPoints(current.defaultCreditSplitBp)}</span>}
      </div>
      {current ? (
        <AgreementTerms terms={current} title={signed || !live ? "Agreement" : "Proposed agreement"} />
      ) : (
        <p className="muted">No terms proposed yet.</p>
      )}
      {pending && <AgreementTerms terms={pending} title="Amendment awaiting signatures" inForce={current} />}
      {toSign && live && (
        <p className="muted">
          {toSign.signatures.length === 0
            ? "Neither firm has signed yet."
            : weSigned
              ? `Signed by your firm; waiting for ${otherName}.`
              : `${otherName} has signed; waiting for your firm.`}
        </p>
      )}
      {isManager && live && toSign && !weSigned && props.code && (
        <SignPanel partnershipId={partnership.id} terms={toSign} code={props.code} />
      )}
      {isManager && live && !editing && (
        <button type="button" className="button-secondary button-small" onClick={() => setEditing(true)}>
          {signed ? "Propose an amendment" : current ? "Change the proposed terms" : "Propose the terms"}
        </button>
      )}
      {isManager && live && editing && (
        <AgreementForm
          heading={
            signed
              ? `Propose an amendment to the agreement with ${otherName}`
              : current
                ? `Change the terms proposed to ${otherName}`
                : `Propose the terms of the partnership with ${otherName}`
          }
          initial={(pending ?? current) ? draftFrom((pending ?? current)!) : undefined}
          inForce={signed ? current : null}
          submitLabel={signed ? "Propose the amendment" : "Propose these terms"}
          busyLabel="Proposing…"
          busy={amending.loading}
          error={amending.error}
          onCancel={() => setEditing(false)}
          onSubmit={async (terms) => {
            await amend({ variables: { input: { id: partnership.id, revision: partnership.revision, terms } } });
            setEditing(false);
          }}
        />
      )}
      <AgreementHistory partnershipId={partnership.id} />
      {isManager && live && (
        <ConfirmButton
          label="Terminate…"
          question={`End the partnership? ${otherName}'s people lose write access to shared rooms.`}
          confirmLabel="Yes, terminate"
          busyLabel="Ending…"
          busy={terminating.loading}
          onConfirm={() => void terminate({ variables: { input: { id: partnership.id } } }).catch(() => undefined)}
        />
      )}
      <FormError error={terminating.error} />
      <AccountMappingCard partnership={partnership} partnerName={otherName} canManage={isManager} />
    </li>
  );
}

/**
 * Signing one revision: the full text of the agreement and the code of conduct (its newest
 * version) are shown first; the signature names both the revision read and the version accepted,
 * so terms changed meanwhile are refused rather than signed unseen.
 */
export function SignPanel(props: { partnershipId: string; terms: AgreementTermsData; code: CodeOfConductText }) {
  const [accepted, setAccepted] = useState(false);
  const [sign, signing] = useMutation(SignPartnership, {
    refetchQueries: ["Partners", "PartnerDirectory", "PartnershipHistory"],
    awaitRefetchQueries: true,
  });
  const headingId = useId();
  return (
    <section className="sign-panel" aria-labelledby={headingId}>
      <h4 id={headingId}>Sign revision {props.terms.revision}</h4>
      <div className="agreement-text-open" role="region" aria-label={`Agreement to sign, revision ${props.terms.revision}`} tabIndex={0}>
        <pre>{props.terms.text}</pre>
      </div>
      <CodeOfConductAcceptance code={props.code} accepted={accepted} onAcceptedChange={setAccepted} />
      <button
        type="button"
        className="button-primary button-inline"
        disabled={!accepted || signing.loading || !props.terms.complete}
        onClick={() =>
          void sign({
            variables: { input: { id: props.partnershipId, revision: props.terms.revision, codeOfConductVersion: props.code.version } },
          }).catch(() => undefined)
        }
      >
        {signing.loading ? "Signing…" : `Sign revision ${props.terms.revision}`}
      </button>
      <FormError error={signing.error} />
    </section>
  );
}

/** Every revision of the agreement, read when opened. */
function AgreementHistory({ partnershipId }: { partnershipId: string }) {
  const [open, setOpen] = useState(false);
  const { data, loading, error, refetch } = useQuery(PartnershipHistory, { variables: { id: partnershipId }, skip: !open });
  const revisions = data?.node?.__typename === "Partnership" ? data.node.revisions.map(unmaskTerms) : [];
  return (
    <details className="agreement-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>History of the agreement</summary>
      {loading && !data && (
        <p className="muted" role="status">
          Loading the history…
        </p>
      )}
      {error && (
        <div role="alert">
          <p>Could not load the history. {describeError(error)}</p>
          <button type="button" className="button-secondary" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      )}
      {revisions.length > 0 && (
        <ol className="entity-list" aria-label="Revisions">
          {revisions.map((terms, index) => (
            <li key={terms.revision}>
              <AgreementTerms terms={terms} title="Terms" inForce={revisions[index + 1] ?? null} />
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

function ProposeForm({ organization, onDone }: { organization: { id: string; name: string }; onDone: () => void }) {
  const [propose, { loading, error }] = useMutation(ProposePartnership, {
    refetchQueries: ["Partners", "PartnerDirectory"],
    awaitRefetchQueries: true,
  });
  return (
    <AgreementForm
      heading={`Propose a partnership to ${organization.name}`}
      submitLabel="Propose"
      busyLabel="Proposing…"
      busy={loading}
      error={error}
      onCancel={onDone}
      onSubmit={async (terms) => {
        await propose({ variables: { input: { partnerOrganizationId: organization.id, terms } } });
        onDone();
      }}
    />
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
