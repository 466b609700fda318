import { useMutation } from "@apollo/client/react";
import { formatBasisPoints, formatMinor, parseMinor } from "@cosell/schema";
import { formatMoney } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { WonDealFragment as WonDealData } from "../../gql/graphql";
import { CancelCommitment, CompleteCommitment } from "../commitments/CommitmentPlan";
import { FormError } from "../shared/FormError";
import { BurstIcon } from "../shared/icons";

/** What the top of a won room shows: the locked split's payouts and the steps still open. */
export const WonDealFragment = graphql(`
  fragment WonDeal on Opportunity {
    id
    stage
    amount {
      amount
      currency
    }
    split {
      id
      status
      agreed {
        revision
        status
        lines {
          basisPoints
          type
          payout {
            amount
            currency
          }
          organization {
            id
            name
          }
        }
      }
    }
    commitments {
      id
      title
      status
      dueAt
      assignee {
        id
        name
      }
    }
  }
`);

type SplitLine = NonNullable<NonNullable<WonDealData["split"]>["agreed"]>["lines"][number];

/** One firm's part of the payouts. */
export interface FirmPayout {
  readonly organization: { readonly id: string; readonly name: string };
  /** Its REVENUE share, in basis points. */
  readonly basisPoints: number;
  /** Its REVENUE payout, and OVERLAY credit on top (0 when none), as decimal strings. */
  readonly revenue: string;
  readonly overlay: string;
}

/** The locked split's lines summed per firm, largest share first. */
export function payoutsByFirm(lines: readonly SplitLine[], currency: string): FirmPayout[] {
  const firms = new Map<string, { organization: SplitLine["organization"]; basisPoints: number; revenue: bigint; overlay: bigint }>();
  for (const line of lines) {
    const firm = firms.get(line.organization.id) ?? { organization: line.organization, basisPoints: 0, revenue: 0n, overlay: 0n };
    const paid = line.payout ? parseMinor(line.payout.amount, currency) : 0n;
    if (line.type === "REVENUE") {
      firm.basisPoints += line.basisPoints;
      firm.revenue += paid;
    } else {
      firm.overlay += paid;
    }
    firms.set(line.organization.id, firm);
  }
  return [...firms.values()]
    .sort((a, b) => b.basisPoints - a.basisPoints || a.organization.name.localeCompare(b.organization.name))
    .map((firm) => ({
      organization: firm.organization,
      basisPoints: firm.basisPoints,
      revenue: formatMinor(firm.revenue, currency),
      overlay: formatMinor(firm.overlay, currency),
    }));
}

/**
 * The top of a won room: a celebration with each firm's payout from the locked split, and the
 * steps of the plan still open, offered for closing (done by their assignee, cancelled by anyone
 * who may write). Nothing for a deal that is not won.
 */
export function WonDeal(props: { opportunity: FragmentType<typeof WonDealFragment>; viewerId: string | null; writable: boolean }) {
  const deal = getFragmentData(WonDealFragment, props.opportunity);
  const [complete, completing] = useMutation(CompleteCommitment);
  const [cancel, cancelling] = useMutation(CancelCommitment);
  if (deal.stage !== "CLOSED_WON") return null;

  const agreed = deal.split?.agreed;
  const locked = agreed?.status === "LOCKED" ? agreed : null;
  const currency = deal.amount.currency;
  const firms = locked ? payoutsByFirm(locked.lines, currency) : [];
  const openSteps = deal.commitments.filter((c) => c.status === "OPEN" || c.status === "PROPOSED" || c.status === "MISSED");
  const busy = completing.loading || cancelling.loading;

  return (
    <>
      <section className="won-celebration celebration" aria-labelledby="won-heading">
        <BurstIcon className="celebration-burst" />
        <div>
          <h2 id="won-heading">Won — {formatMoney(deal.amount)}</h2>
          {locked ? (
            <>
              <p>The split is locked. Payouts per firm:</p>
              <table className="won-payouts">
                <thead>
                  <tr>
                    <th scope="col">Firm</th>
                    <th scope="col">Share</th>
                    <th scope="col">Payout</th>
                  </tr>
                </thead>
                <tbody>
                  {firms.map((firm) => (
                    <tr key={firm.organization.id}>
                      <th scope="row">{firm.organization.name}</th>
                      <td>{formatBasisPoints(firm.basisPoints)}</td>
                      <td>
                        {formatMoney({ amount: firm.revenue, currency })}
                        {parseMinor(firm.overlay, currency) > 0n && (
                          <span className="muted"> + {formatMoney({ amount: firm.overlay, currency })} overlay</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="muted">No split was agreed before the win, so there are no payouts to show.</p>
          )}
        </div>
      </section>
      {openSteps.length > 0 && (
        <section className="card before-you-close" aria-labelledby="before-close-heading">
          <h2 id="before-close-heading">Before you close</h2>
          <p className="muted">
            The deal is won and locked. {openSteps.length === 1 ? "This step is" : "These steps are"} still open: mark{" "}
            {openSteps.length === 1 ? "it" : "them"} done or cancel {openSteps.length === 1 ? "it" : "them"}.
          </p>
          <ul className="open-steps">
            {openSteps.map((step) => {
              const mine = step.assignee.id === props.viewerId;
              return (
                <li key={step.id}>
                  <span>
                    <strong>{step.title}</strong> <span className="muted">· {step.assignee.name}</span>
                  </span>
                  <span className="row-actions">
                    {mine && step.status !== "PROPOSED" && (
                      <button
                        type="button"
                        className="button-secondary button-small"
                        disabled={busy}
                        onClick={() => void complete({ variables: { input: { id: step.id } } }).catch(() => undefined)}
                        aria-label={`Mark “${step.title}” done`}
                      >
                        Mark done
                      </button>
                    )}
                    {props.writable && step.status !== "MISSED" && (
                      <button
                        type="button"
                        className="button-link"
                        disabled={busy}
                        onClick={() => void cancel({ variables: { input: { id: step.id } } }).catch(() => undefined)}
                        aria-label={`Cancel “${step.title}”`}
                      >
                        Cancel
                      </button>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
          <FormError error={completing.error ?? cancelling.error} />
        </section>
      )}
    </>
  );
}
