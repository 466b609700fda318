import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { COMMITMENT_DECLINE_REASON_MAX, COMMITMENT_TITLE_MAX } from "@cosell/schema";
import { describeError } from "../../apiErrors";
import { getFragmentData, graphql } from "../../gql";
import type { CommitmentStatus } from "../../gql/graphql";
import { ReliabilityBadge } from "../reliability/ReliabilityBadge";
import { FormError } from "../shared/FormError";

/** What the plan shows of a room; the room's one query spreads it (RoomPage). */
export const CommitmentPlanFragment = graphql(`
  fragment CommitmentPlan on Opportunity {
    id
    commitments {
      id
      title
      status
      dueAt
      completedAt
      onTime
      declineReason
      viewerCanAnswer
      assignee {
        id
        name
        organization {
          id
          name
        }
        reliability {
          ...ReliabilityFigures
        }
      }
    }
  }
`);

/**
 * The plan alone: read from the cache the room's query filled when the room opens (no request of
 * its own then), fetched after a change to the plan.
 */
export const RoomPlan = graphql(`
  query RoomPlan($id: ID!) {
    opportunity(id: $id) {
      id
      ...CommitmentPlan
    }
  }
`);

const AddCommitment = graphql(`
  mutation AddCommitment($input: AddCommitmentInput!) {
    addCommitment(input: $input) {
      id
      status
    }
  }
`);

export const CompleteCommitment = graphql(`
  mutation CompleteCommitment($input: CompleteCommitmentInput!) {
    completeCommitment(input: $input) {
      id
      status
      completedAt
      onTime
    }
  }
`);

const AcceptCommitment = graphql(`
  mutation AcceptCommitment($input: AcceptCommitmentInput!) {
    acceptCommitment(input: $input) {
      id
      status
      viewerCanAnswer
    }
  }
`);

const DeclineCommitment = graphql(`
  mutation DeclineCommitment($input: DeclineCommitmentInput!) {
    declineCommitment(input: $input) {
      id
      status
      declineReason
      viewerCanAnswer
    }
  }
`);

export const CancelCommitment = graphql(`
  mutation CancelCommitment($input: CancelCommitmentInput!) {
    cancelCommitment(input: $input) {
      id
      status
    }
  }
`);

export interface PlanMember {
  readonly id: string;
  readonly name: string;
  readonly organizationName: string;
}

const statusLabels: Readonly<Record<CommitmentStatus, string>> = {
  PROPOSED: "Awaiting acceptance",
  DECLINED: "Declined",
  OPEN: "Open",
  DONE: "Done",
  MISSED: "Missed",
  CANCELLED: "Cancelled",
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** A date input's value (YYYY-MM-DD, the assignee's local day) as the end of that working day, ISO. */
export function dueAtFromDate(date: string): string {
  return new Date(`${date}T17:00:00`).toISOString();
}

function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * The room's plan of action: who delivers what by when. Anyone who may write proposes a step for a
 * member; the assignee (or a manager of their company) accepts or declines it; the assignee marks
 * it done; an open one can be cancelled, a proposed one withdrawn. Each assignee carries their
 * reliability badge (on-time delivery across every room).
 */
export function CommitmentPlan(props: { opportunityId: string; viewerId: string; writable: boolean; members: readonly PlanMember[] }) {
  const { data, loading, error, refetch } = useQuery(RoomPlan, { variables: { id: props.opportunityId } });
  const plan = data ? getFragmentData(CommitmentPlanFragment, data.opportunity) : null;
  const refetchQueries = [{ query: RoomPlan, variables: { id: props.opportunityId } }];
  const [complete, completing] = useMutation(CompleteCommitment, { refetchQueries });
  const [cancel, cancelling] = useMutation(CancelCommitment, { refetchQueries });
  const [adding, setAdding] = useState(false);
  const actionError = completing.error ?? cancelling.error;

  let body;
  if (!plan && loading) {
    body = (
      <p className="muted" role="status">
        Loading the plan…
      </p>
    );
  } else if (!plan) {
    body = (
      <div role="alert">
        <p>Could not load the plan. {error ? describeError(error) : ""}</p>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (plan.commitments.length === 0) {
    body = <p className="muted">No commitments yet. Agree who delivers what, by when.</p>;
  } else {
    body = (
      <ul className="commitment-list" aria-label="Commitments">
        {plan.commitments.map((commitment) => {
          const open = commitment.status === "OPEN" || commitment.status === "MISSED";
          const proposed = commitment.status === "PROPOSED";
          const mine = commitment.assignee.id === props.viewerId;
          return (
            <li key={commitment.id} className={`commitment commitment-${commitment.status.toLowerCase()}`}>
              <div className="commitment-main">
                <span className={`status-badge commitment-status-${commitment.status.toLowerCase()}`}>
                  {statusLabels[commitment.status]}
                  {commitment.status === "DONE" && commitment.onTime === false ? " (late)" : ""}
                </span>
                <span className="commitment-title">{commitment.title}</span>
              </div>
              <div className="commitment-meta muted">
                <span>
                  {commitment.assignee.name} · {commitment.assignee.organization.name}
                </span>
                <ReliabilityBadge reliability={commitment.assignee.reliability} who={commitment.assignee.name} />
                <span>
                  due <time dateTime={commitment.dueAt}>{dateFormat.format(new Date(commitment.dueAt))}</time>
                </span>
              </div>
              {proposed && !commitment.viewerCanAnswer && (
                <p className="commitment-note muted">Waiting for {commitment.assignee.name} to accept or decline.</p>
              )}
              {commitment.status === "DECLINED" && commitment.declineReason && (
                <p className="commitment-note muted">Declined: {commitment.declineReason}</p>
              )}
              {commitment.viewerCanAnswer && (
                <AnswerProposal opportunityId={props.opportunityId} commitment={commitment} forSomeoneElse={!mine} />
              )}
              {proposed && props.writable && !mine && (
                <div className="commitment-actions">
                  <button
                    type="button"
                    className="button-link"
                    disabled={cancelling.loading}
                    onClick={() => void cancel({ variables: { input: { id: commitment.id } } }).catch(() => undefined)}
                    aria-label={`Withdraw “${commitment.title}”`}
                  >
                    Withdraw
                  </button>
                </div>
              )}
              {open && (mine || props.writable) && (
                <div className="commitment-actions">
                  {mine && (
                    <button
                      type="button"
                      className="button-secondary button-small"
                      disabled={completing.loading}
                      onClick={() => void complete({ variables: { input: { id: commitment.id } } }).catch(() => undefined)}
                    >
                      Mark done
                    </button>
                  )}
                  {props.writable && commitment.status === "OPEN" && (
                    <button
                      type="button"
                      className="button-link"
                      disabled={cancelling.loading}
                      onClick={() => void cancel({ variables: { input: { id: commitment.id } } }).catch(() => undefined)}
                      aria-label={`Cancel “${commitment.title}”`}
                    >
                      Cancel
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className="card commitment-plan" aria-labelledby="plan-heading">
      <div className="section-head">
        <h2 id="plan-heading">Plan</h2>
        {props.writable && !adding && (
          <button type="button" className="button-secondary button-small" onClick={() => setAdding(true)}>
            Add commitment
          </button>
        )}
      </div>
      {body}
      <FormError error={actionError} />
      {adding && <AddCommitmentForm {...props} onDone={() => setAdding(false)} />}
    </section>
  );
}

function AddCommitmentForm(props: { opportunityId: string; members: readonly PlanMember[]; onDone: () => void }) {
  const ids = { title: useId(), assignee: useId(), due: useId() };
  const [title, setTitle] = useState("");
  const [assigneeId, setAssigneeId] = useState("");
  const [due, setDue] = useState(tomorrow);
  const [add, { loading, error }] = useMutation(AddCommitment, {
    refetchQueries: [{ query: RoomPlan, variables: { id: props.opportunityId } }],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim() || !assigneeId || !due) return;
    try {
      await add({
        variables: { input: { opportunityId: props.opportunityId, assigneeId, title: title.trim(), dueAt: dueAtFromDate(due) } },
      });
      props.onDone();
    } catch {
      // Shown below; the form keeps what was typed.
    }
  }

  return (
    <form className="add-commitment" onSubmit={(event) => void submit(event)} aria-label="Add a commitment">
      <div className="field">
        <label htmlFor={ids.title}>What</label>
        <input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={COMMITMENT_TITLE_MAX} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.assignee}>Who</label>
          <select id={ids.assignee} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} required>
            <option value="">Choose a member…</option>
            {props.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({member.organizationName})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.due}>Due</label>
          <input id={ids.due} type="date" value={due} min={tomorrow()} onChange={(e) => setDue(e.target.value)} required />
        </div>
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading || !title.trim() || !assigneeId}>
          {loading ? "Adding…" : "Add"}
        </button>
        <button type="button" className="button-secondary" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Accept and Decline for a proposed commitment, shown to its assignee and to managers of the
 * assignee's company. Declining asks for a reason, which the room's log keeps. A proposal whose due
 * time has passed can only be declined: its author proposes it again with a new date.
 */
function AnswerProposal(props: {
  opportunityId: string;
  commitment: { id: string; title: string; dueAt: string; assignee: { name: string } };
  forSomeoneElse: boolean;
}) {
  const { commitment } = props;
  const reasonId = useId();
  const refetchQueries = [{ query: RoomPlan, variables: { id: props.opportunityId } }];
  const [accept, accepting] = useMutation(AcceptCommitment, { refetchQueries, awaitRefetchQueries: true });
  const [decline, declining] = useMutation(DeclineCommitment, { refetchQueries, awaitRefetchQueries: true });
  const [decliningOpen, setDecliningOpen] = useState(false);
  const [reason, setReason] = useState("");
  const pastDue = new Date(commitment.dueAt).getTime() <= Date.now();
  const busy = accepting.loading || declining.loading;
  const error = accepting.error ?? declining.error;
  const forWhom = props.forSomeoneElse ? ` for ${commitment.assignee.name}` : "";

  async function submitDecline(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    try {
      await decline({ variables: { input: { id: commitment.id, reason: reason.trim() } } });
    } catch {
      // Shown below; the reason stays as typed.
    }
  }

  return (
    <div className="commitment-answer">
      {!decliningOpen && (
        <div className="commitment-actions">
          <button
            type="button"
            className="button-primary button-small"
            disabled={busy || pastDue}
            onClick={() => void accept({ variables: { input: { id: commitment.id } } }).catch(() => undefined)}
            aria-label={`Accept “${commitment.title}”${forWhom}`}
          >
            {accepting.loading ? "Accepting…" : "Accept"}
          </button>
          <button
            type="button"
            className="button-secondary button-small"
            disabled={busy}
            onClick={() => setDecliningOpen(true)}
            aria-label={`Decline “${commitment.title}”${forWhom}`}
          >
            Decline
          </button>
          {pastDue && <span className="muted">Its due date has passed: decline it, or ask for a new date.</span>}
        </div>
      )}
      {decliningOpen && (
        <form className="stack-form" onSubmit={(event) => void submitDecline(event)} aria-label={`Decline “${commitment.title}”`}>
          <div className="field">
            <label htmlFor={reasonId}>Why decline?</label>
            <textarea
              id={reasonId}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              maxLength={COMMITMENT_DECLINE_REASON_MAX}
              rows={2}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button-primary button-inline" disabled={busy || !reason.trim()}>
              {declining.loading ? "Declining…" : "Decline"}
            </button>
            <button type="button" className="button-secondary" disabled={busy} onClick={() => setDecliningOpen(false)}>
              Keep it
            </button>
          </div>
        </form>
      )}
      <FormError error={error} />
    </div>
  );
}
