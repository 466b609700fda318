import { useMutation, useQuery } from "@apollo/client/react";
import { basisPointsFromPercent, formatBasisPoints, formatMinor, parseMinor, payouts, revenueTotal, splitProblem } from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { describeError } from "../../apiErrors";
import { formatMoney } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { OrgRole, SplitType } from "../../gql/graphql";
import { FormError } from "../shared/FormError";

/** A line of an agreed or pending revision, as RevisionTable shows it. */
const RevisionLineFragment = graphql(`
  fragment RevisionLine on SplitLine {
    ...DraftSourceLine
    basisPoints
    type
    payout {
      amount
      currency
    }
    user {
      id
      name
    }
    organization {
      id
      name
    }
  }
`);

/** A line a new proposal can start from: the agreements' draft or cosell's suggestion. */
const DraftSourceLineFragment = graphql(`
  fragment DraftSourceLine on SplitLine {
    basisPoints
    type
    user {
      id
    }
  }
`);

/** What the split panel shows of a room; the room's one query spreads it (RoomPage). */
export const SplitPanelFragment = graphql(`
  fragment SplitPanel on Opportunity {
    id
    stage
    amount {
      amount
      currency
    }
    split {
      id
      status
      revision
      agreed {
        revision
        status
        agreedAt
        lines {
          ...RevisionLine
        }
      }
      pending {
        revision
        proposedBy {
          id
          name
        }
        lines {
          ...RevisionLine
        }
        approvals {
          revision
          organization {
            id
            name
          }
          approvedBy {
            id
            name
          }
        }
        awaitingApprovalFrom {
          id
          name
        }
      }
    }
    splitDraft {
      explanation
      lines {
        ...DraftSourceLine
      }
    }
  }
`);

/**
 * The split alone: read from the cache the room's query filled when the room opens, fetched after
 * a proposal or an approval.
 */
export const RoomSplit = graphql(`
  query RoomSplit($id: ID!) {
    opportunity(id: $id) {
      id
      ...SplitPanel
    }
  }
`);

const SuggestedSplit = graphql(`
  query SuggestedSplit($opportunityId: ID!) {
    suggestedSplit(opportunityId: $opportunityId) {
      explanation
      lines {
        ...DraftSourceLine
      }
    }
  }
`);

const ProposeSplit = graphql(`
  mutation ProposeSplit($input: ProposeSplitInput!) {
    proposeSplit(input: $input) {
      id
      status
      revision
    }
  }
`);

const ApproveSplit = graphql(`
  mutation ApproveSplit($input: ApproveSplitInput!) {
    approveSplit(input: $input) {
      id
      status
      revision
    }
  }
`);

export interface SplitViewer {
  readonly id: string;
  readonly role: OrgRole;
  readonly organization: { readonly id: string };
}

export interface SplitPerson {
  readonly id: string;
  readonly name: string;
  readonly organizationName: string;
}

/** A line being edited: percent as typed. */
interface DraftLine {
  readonly key: number;
  readonly userId: string;
  readonly percent: string;
  readonly type: SplitType;
}

let nextKey = 1;
const draftFrom = (lines: readonly FragmentType<typeof DraftSourceLineFragment>[]): DraftLine[] =>
  getFragmentData(DraftSourceLineFragment, lines).map((line) => ({
    key: nextKey++,
    userId: line.user.id,
    percent: String(line.basisPoints / 100),
    type: line.type,
  }));

const statusLabels = { PROPOSED: "Proposed", AGREED: "Agreed", LOCKED: "Locked" } as const;

/**
 * The credit split: who gets what share when the deal is won. Anyone who may write proposes
 * (from the partnership agreements' draft or from the split cosell suggests out of the room's
 * record, with its reasons); a manager or admin of each organization involved approves. The split
 * in force and a pending proposal show side by side: a partner sees its agreed share is safe
 * until it approves a change, and that the split in force is what locks at CLOSED_WON.
 */
export function SplitPanel(props: { opportunityId: string; viewer: SplitViewer; writable: boolean; people: readonly SplitPerson[] }) {
  const { data, loading, error, refetch } = useQuery(RoomSplit, { variables: { id: props.opportunityId } });
  const [editing, setEditing] = useState<DraftLine[] | null>(null);
  const [explanation, setExplanation] = useState<readonly string[] | null>(null);
  const suggested = useQuery(SuggestedSplit, { variables: { opportunityId: props.opportunityId }, skip: editing === null });
  const refetchQueries = [{ query: RoomSplit, variables: { id: props.opportunityId } }];
  const [propose, proposing] = useMutation(ProposeSplit, { refetchQueries, awaitRefetchQueries: true });
  const [approve, approving] = useMutation(ApproveSplit, { refetchQueries, awaitRefetchQueries: true });

  if (!data && loading) {
    return (
      <section className="card split-panel" aria-labelledby="split-heading">
        <h2 id="split-heading">Credit split</h2>
        <p className="muted" role="status">
          Loading the split…
        </p>
      </section>
    );
  }
  if (!data) {
    return (
      <section className="card split-panel" aria-labelledby="split-heading">
        <h2 id="split-heading">Credit split</h2>
        <div role="alert">
          <p>Could not load the split. {error ? describeError(error) : ""}</p>
          <button type="button" className="button-secondary" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      </section>
    );
  }

  const opportunity = getFragmentData(SplitPanelFragment, data.opportunity);
  const split = opportunity.split;
  const agreed = split?.agreed ?? null;
  const pending = split?.pending ?? null;
  const won = opportunity.stage === "CLOSED_WON";
  const isManager = props.viewer.role === "MANAGER" || props.viewer.role === "ADMIN";
  const mayApprove = pending !== null && isManager && pending.awaitingApprovalFrom.some((org) => org.id === props.viewer.organization.id);
  const mayPropose = props.writable && split?.status !== "LOCKED";

  async function onApprove() {
    if (!split || !pending) return;
    try {
      await approve({ variables: { input: { splitId: split.id, revision: pending.revision } } });
    } catch {
      // Shown below.
    }
  }

  function startEditing(from: "draft" | "current") {
    proposing.reset();
    const current = pending ?? agreed;
    const source = from === "current" && current ? getFragmentData(RevisionLineFragment, current.lines) : opportunity.splitDraft.lines;
    setEditing(draftFrom(source));
    setExplanation(from === "draft" ? opportunity.splitDraft.explanation : null);
  }

  return (
    <section className="card split-panel" aria-labelledby="split-heading">
      <div className="section-head">
        <h2 id="split-heading">Credit split</h2>
        {split && <span className={`status-badge split-${split.status.toLowerCase()}`}>{statusLabels[split.status]}</span>}
      </div>

      {won && split?.status === "LOCKED" && (
        // The room's top celebrates the win (WonDeal); here only what it means for the split.
        <p className="muted" role="status">
          Locked at the win: the split below is final and its payouts are fixed.
        </p>
      )}

      {!split && <p className="muted">No split proposed yet. Propose one so every firm knows its share before the win.</p>}

      {agreed && (
        <div className="split-revision split-in-force">
          <h3>
            {agreed.status === "LOCKED" ? "Locked split" : "Split in force"} <span className="muted">· revision {agreed.revision}</span>
          </h3>
          <RevisionTable caption="Split in force" lines={agreed.lines} amount={opportunity.amount} locked={agreed.status === "LOCKED"} />
          {pending && (
            <p className="muted">
              This split stays in force until every organization below approves the new proposal; if the deal is won first, this is the one
              that locks. No one&apos;s share here can be lowered or removed without their organization&apos;s approval.
            </p>
          )}
        </div>
      )}

      {pending && (
        <div className="split-revision split-pending">
          <h3>
            {agreed ? "Proposed change" : "Proposed split"}{" "}
            <span className="muted">
              · revision {pending.revision}
              {pending.proposedBy ? `, proposed by ${pending.proposedBy.name}` : ""}
            </span>
          </h3>
          <RevisionTable caption="Pending proposal" lines={pending.lines} amount={opportunity.amount} locked={false} />
          <ul className="approvals" aria-label="Approvals">
            {pending.approvals.map((approval) => (
              <li key={approval.organization.id} className="approval approval-done">
                ✓ {approval.organization.name} <span className="muted">approved by {approval.approvedBy.name}</span>
              </li>
            ))}
            {pending.awaitingApprovalFrom.map((org) => (
              <li key={org.id} className="approval approval-waiting">
                ○ {org.name} <span className="muted">has not approved yet</span>
              </li>
            ))}
          </ul>
          {mayApprove && (
            <button type="button" className="button-primary button-inline" onClick={() => void onApprove()} disabled={approving.loading}>
              {approving.loading ? "Approving…" : "Approve for my organization"}
            </button>
          )}
          <FormError error={approving.error} />
        </div>
      )}

      {mayPropose && editing === null && (
        <div className="form-actions">
          <button type="button" className="button-secondary" onClick={() => startEditing("draft")}>
            {split ? "Propose a new split" : "Propose a split"}
          </button>
          {split && (
            <button type="button" className="button-link" onClick={() => startEditing("current")}>
              Edit the current one
            </button>
          )}
        </div>
      )}

      {editing !== null && (
        <SplitEditor
          lines={editing}
          onChange={setEditing}
          people={props.people}
          amount={opportunity.amount}
          explanation={explanation}
          suggestion={suggested.data?.suggestedSplit ?? null}
          suggestionLoading={suggested.loading}
          onUseSuggestion={() => {
            if (!suggested.data) return;
            setEditing(draftFrom(suggested.data.suggestedSplit.lines));
            setExplanation(suggested.data.suggestedSplit.explanation);
          }}
          busy={proposing.loading}
          error={proposing.error ? describeError(proposing.error) : null}
          onCancel={() => setEditing(null)}
          onSubmit={async (lines) => {
            try {
              await propose({ variables: { input: { opportunityId: props.opportunityId, lines } } });
              setEditing(null);
            } catch {
              // Shown in the editor; the lines stay.
            }
          }}
        />
      )}
    </section>
  );
}

/** One revision's lines: share and payout (fixed once locked, else what it would be). */
function RevisionTable(props: {
  caption: string;
  lines: readonly FragmentType<typeof RevisionLineFragment>[];
  amount: { amount: string; currency: string };
  locked: boolean;
}) {
  const lines = getFragmentData(RevisionLineFragment, props.lines);
  return (
    <table className="split-table">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Who</th>
          <th scope="col">Share</th>
          <th scope="col">{props.locked ? "Payout" : "Would be paid"}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={`${line.user.id}-${line.type}`}>
            <th scope="row">
              {line.user.name} <span className="muted">· {line.organization.name}</span>
            </th>
            <td>
              {formatBasisPoints(line.basisPoints)}
              {line.type === "OVERLAY" && <span className="muted"> overlay</span>}
            </td>
            <td>{formatMoney(line.payout ?? previewPayout(props.amount, lines, index))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function previewPayout(
  amount: { amount: string; currency: string },
  lines: readonly { basisPoints: number; type: SplitType }[],
  index: number,
): { amount: string; currency: string } {
  const minor = payouts(parseMinor(amount.amount, amount.currency), lines)[index] ?? 0n;
  return { amount: formatMinor(minor, amount.currency), currency: amount.currency };
}

function SplitEditor(props: {
  lines: DraftLine[];
  onChange: (lines: DraftLine[]) => void;
  people: readonly SplitPerson[];
  amount: { amount: string; currency: string };
  explanation: readonly string[] | null;
  suggestion: { explanation: readonly string[] } | null;
  suggestionLoading: boolean;
  onUseSuggestion: () => void;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onSubmit: (lines: { userId: string; basisPoints: number; type: SplitType }[]) => Promise<void>;
}) {
  const baseId = useId();
  const parsed = props.lines.map((line) => ({ ...line, basisPoints: basisPointsFromPercent(line.percent) }));
  const problem = parsed.some((line) => !line.userId) ? "Choose a person on every line." : splitProblem(parsed);
  const total = revenueTotal(parsed.filter((line) => Number.isFinite(line.basisPoints)));

  const update = (key: number, change: Partial<DraftLine>) =>
    props.onChange(props.lines.map((line) => (line.key === key ? { ...line, ...change } : line)));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    void props.onSubmit(parsed.map((line) => ({ userId: line.userId, basisPoints: line.basisPoints, type: line.type })));
  }

  return (
    <form className="split-editor" onSubmit={submit} aria-label="Propose a split">
      {props.explanation && props.explanation.length > 0 && (
        <ul className="split-explanation" aria-label="Why these shares">
          {props.explanation.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <button type="button" className="button-link" onClick={props.onUseSuggestion} disabled={!props.suggestion}>
        {props.suggestionLoading ? "Working out a suggestion…" : "Use cosell's suggestion (from who did what)"}
      </button>
      <ol className="split-lines">
        {props.lines.map((line, index) => (
          <li key={line.key} className="split-line">
            <label className="visually-hidden" htmlFor={`${baseId}-who-${line.key}`}>
              Person on line {index + 1}
            </label>
            <select id={`${baseId}-who-${line.key}`} value={line.userId} onChange={(e) => update(line.key, { userId: e.target.value })}>
              <option value="">Choose…</option>
              {props.people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name} ({person.organizationName})
                </option>
              ))}
            </select>
            <label className="visually-hidden" htmlFor={`${baseId}-pct-${line.key}`}>
              Share of line {index + 1} in percent
            </label>
            <input
              id={`${baseId}-pct-${line.key}`}
              inputMode="decimal"
              className="split-percent"
              value={line.percent}
              onChange={(e) => update(line.key, { percent: e.target.value })}
            />
            <span aria-hidden="true">%</span>
            <label className="visually-hidden" htmlFor={`${baseId}-type-${line.key}`}>
              Type of line {index + 1}
            </label>
            <select
              id={`${baseId}-type-${line.key}`}
              value={line.type}
              onChange={(e) => update(line.key, { type: e.target.value === "OVERLAY" ? "OVERLAY" : "REVENUE" })}
            >
              <option value="REVENUE">Revenue</option>
              <option value="OVERLAY">Overlay</option>
            </select>
            <button
              type="button"
              className="button-link"
              aria-label={`Remove line ${index + 1}`}
              onClick={() => props.onChange(props.lines.filter((l) => l.key !== line.key))}
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button-link"
        onClick={() => props.onChange([...props.lines, { key: nextKey++, userId: "", percent: "", type: "REVENUE" }])}
      >
        + Add a line
      </button>
      <p className={problem ? "split-total split-total-off" : "split-total"} aria-live="polite">
        Revenue total: <strong>{formatBasisPoints(total)}</strong>
        {problem && <span> — {problem}</span>}
      </p>
      <FormError error={props.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={problem !== null || props.busy}>
          {props.busy ? "Proposing…" : "Propose split"}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
