import { useMutation, useQuery } from "@apollo/client/react";
import { COSELL_MESSAGE_MAX } from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { stageLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { AccountOverlapQuery, DealStage, RevealLevel } from "../../gql/graphql";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";

/** What a partnership's mapping card needs to know of the partnership (the Partners screen's query carries it). */
export const AccountMappingFragment = graphql(`
  fragment AccountMappingSettings on Partnership {
    id
    status
    accountMapping {
      enabled
      partnerEnabled
      active
      defaultRevealLevel
    }
  }
`);

export const AccountOverlapDocument = graphql(`
  query AccountOverlap($partnershipId: ID!, $after: String) {
    accountOverlap(partnershipId: $partnershipId) {
      active
      common
      withMyOpenDeals
      withTheirOpenDeals
      withBothOpenDeals
      byStage {
        myStage
        theirStage
        count
      }
    }
    overlappingAccounts(partnershipId: $partnershipId, first: 20, after: $after) {
      edges {
        cursor
        node {
          accountDomain
          theirRevealLevel
          theirAccountName
          myRevealLevel
          account {
            id
            name
          }
          theirOpenDeal {
            stage
            owner {
              id
              name
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SetAccountMapping = graphql(`
  mutation SetAccountMapping($input: SetAccountMappingInput!) {
    setAccountMapping(input: $input) {
      ...AccountMappingSettings
    }
  }
`);

export const RevealAccounts = graphql(`
  mutation RevealAccounts($input: RevealAccountsInput!) {
    revealAccounts(input: $input) {
      accountDomain
      level
    }
  }
`);

export const RequestCoSell = graphql(`
  mutation RequestCoSell($input: RequestCoSellInput!) {
    requestCoSell(input: $input) {
      id
      status
    }
  }
`);

type OverlappingAccount = AccountOverlapQuery["overlappingAccounts"]["edges"][number]["node"];

export const revealLabels: Readonly<Record<RevealLevel, string>> = {
  NONE: "Nothing (counts only)",
  NAME: "Account name",
  DEAL: "Name, open-deal stage and owner",
};

/** What the firm reveals of an account (or by default), chosen from the three levels. */
function RevealLevelSelect(props: { label: string; value: RevealLevel; disabled: boolean; onChange: (level: RevealLevel) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} disabled={props.disabled} onChange={(event) => props.onChange(event.target.value as RevealLevel)}>
        {Object.entries(revealLabels).map(([level, label]) => (
          <option key={level} value={level}>
            {label}
          </option>
        ))}
      </select>
    </>
  );
}

const stageOrNone = (stage: DealStage | null): string => (stage ? stageLabel(stage) : "No open deal");

/**
 * Private account mapping on one signed partnership: each firm opts in and says what it reveals;
 * the server matches accounts by domain and shows each side counts, and only the accounts the
 * other side revealed (docs/PARTNERING.md). From one of those, a rep asks the partner to co-sell.
 */
export function AccountMappingCard(props: {
  partnership: FragmentType<typeof AccountMappingFragment>;
  partnerName: string;
  canManage: boolean;
}) {
  const partnership = getFragmentData(AccountMappingFragment, props.partnership);
  const mapping = partnership.accountMapping;
  const toggleId = useId();
  const [save, saving] = useMutation(SetAccountMapping, { refetchQueries: ["AccountOverlap"] });
  if (partnership.status !== "SIGNED") return null;
  const set = (input: { enabled: boolean; defaultRevealLevel?: RevealLevel }) =>
    void save({ variables: { input: { partnershipId: partnership.id, ...input } } }).catch(() => undefined);

  return (
    <section className="account-mapping" aria-label={`Account mapping with ${props.partnerName}`}>
      <h3>Account mapping</h3>
      {props.canManage ? (
        <div className="row-actions">
          <input
            id={toggleId}
            type="checkbox"
            checked={mapping.enabled}
            disabled={saving.loading}
            onChange={(event) => set({ enabled: event.target.checked })}
          />
          <label htmlFor={toggleId}>Map our accounts with {props.partnerName}</label>
          <RevealLevelSelect
            label="We reveal by default"
            value={mapping.defaultRevealLevel}
            disabled={saving.loading}
            onChange={(level) => set({ enabled: mapping.enabled, defaultRevealLevel: level })}
          />
        </div>
      ) : (
        <p className="muted">Your managers decide whether your firm maps accounts with {props.partnerName}.</p>
      )}
      <FormError error={saving.error} />
      {mapping.active ? (
        <Overlap partnershipId={partnership.id} partnerName={props.partnerName} canManage={props.canManage} />
      ) : (
        <p className="muted">
          {mapping.enabled
            ? `Waiting for ${props.partnerName} to opt in. Nothing is matched until both firms have.`
            : mapping.partnerEnabled
              ? `${props.partnerName} has opted in. Opt in to see which accounts you have in common.`
              : "Off. Neither firm ever sees the other's accounts outside what both choose to reveal."}
        </p>
      )}
    </section>
  );
}

function Overlap(props: { partnershipId: string; partnerName: string; canManage: boolean }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(AccountOverlapDocument, {
    variables: { partnershipId: props.partnershipId },
    fetchPolicy: "cache-and-network",
  });
  const overlap = data?.accountOverlap;
  const accounts = data?.overlappingAccounts;
  return (
    <>
      <LoadState what="the overlap" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {overlap && (
        <>
          <dl className="figure-tiles" aria-label="Accounts in common">
            <div>
              <dt>In common</dt>
              <dd>{overlap.common}</dd>
            </div>
            <div>
              <dt>With our open deals</dt>
              <dd>{overlap.withMyOpenDeals}</dd>
            </div>
            <div>
              <dt>With theirs</dt>
              <dd>{overlap.withTheirOpenDeals}</dd>
            </div>
            <div>
              <dt>With both</dt>
              <dd>{overlap.withBothOpenDeals}</dd>
            </div>
          </dl>
          {overlap.byStage.length > 0 && (
            <table className="data-table">
              <caption className="visually-hidden">Accounts in common by stage</caption>
              <thead>
                <tr>
                  <th scope="col">Our stage</th>
                  <th scope="col">{props.partnerName}'s stage</th>
                  <th scope="col">Accounts</th>
                </tr>
              </thead>
              <tbody>
                {overlap.byStage.map((pair) => (
                  <tr key={`${pair.myStage}-${pair.theirStage}`}>
                    <td>{stageOrNone(pair.myStage)}</td>
                    <td>{stageOrNone(pair.theirStage)}</td>
                    <td>{pair.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {accounts && accounts.edges.length === 0 && (
        <p className="muted">{props.partnerName} has revealed none of the accounts you have in common.</p>
      )}
      {accounts && accounts.edges.length > 0 && (
        <ul className="entity-list" aria-label={`Accounts ${props.partnerName} revealed`}>
          {accounts.edges.map(({ node }) => (
            <RevealedAccount
              key={node.accountDomain}
              account={node}
              partnershipId={props.partnershipId}
              partnerName={props.partnerName}
              canManage={props.canManage}
            />
          ))}
        </ul>
      )}
      {accounts?.pageInfo.hasNextPage && (
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() =>
            void fetchMore({
              variables: { after: accounts.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                ...fetchMoreResult,
                overlappingAccounts: {
                  ...fetchMoreResult.overlappingAccounts,
                  edges: [...previous.overlappingAccounts.edges, ...fetchMoreResult.overlappingAccounts.edges],
                },
              }),
            })
          }
        >
          More accounts
        </button>
      )}
    </>
  );
}

/** One overlapping account as the partner revealed it, with what we reveal of ours and the co-sell action. */
export function RevealedAccount(props: { account: OverlappingAccount; partnershipId: string; partnerName: string; canManage: boolean }) {
  const { account } = props;
  const [reveal, revealing] = useMutation(RevealAccounts, { refetchQueries: ["AccountOverlap"] });
  const [asking, setAsking] = useState(false);
  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{account.theirAccountName}</strong>
        <span className="muted">{account.accountDomain}</span>
        <span className="muted">ours: {account.account.name}</span>
      </div>
      {account.theirOpenDeal && (
        <p>
          {props.partnerName}'s open deal: {stageLabel(account.theirOpenDeal.stage)}, owned by {account.theirOpenDeal.owner.name}
        </p>
      )}
      <div className="row-actions">
        {props.canManage && (
          <RevealLevelSelect
            label="We reveal"
            value={account.myRevealLevel}
            disabled={revealing.loading}
            onChange={(level) =>
              void reveal({
                variables: { input: { partnershipId: props.partnershipId, accountDomains: [account.accountDomain], level } },
              }).catch(() => undefined)
            }
          />
        )}
        {!asking && (
          <button type="button" className="button-secondary button-small" onClick={() => setAsking(true)}>
            Request co-sell
          </button>
        )}
      </div>
      <FormError error={revealing.error} />
      {asking && (
        <CoSellRequestForm
          partnershipId={props.partnershipId}
          accountDomain={account.accountDomain}
          partnerName={props.partnerName}
          onDone={() => setAsking(false)}
        />
      )}
    </li>
  );
}

/** A rep's message to the partner firm's managers about one overlapping account. */
export function CoSellRequestForm(props: { partnershipId: string; accountDomain: string; partnerName: string; onDone: () => void }) {
  const id = useId();
  const [message, setMessage] = useState("");
  const [request, { loading, error, data }] = useMutation(RequestCoSell, { refetchQueries: ["CoSellRequests"] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!message.trim()) return;
    try {
      await request({
        variables: { input: { partnershipId: props.partnershipId, accountDomain: props.accountDomain, message: message.trim() } },
      });
    } catch {
      // Shown below; the message stays.
    }
  }

  if (data) {
    return (
      <p role="status">
        Request sent to {props.partnerName}'s managers.{" "}
        <button type="button" className="button-link" onClick={props.onDone}>
          Close
        </button>
      </p>
    );
  }
  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label={`Request co-sell on ${props.accountDomain}`}>
      <div className="field">
        <label htmlFor={id}>What do you propose to {props.partnerName}?</label>
        <textarea id={id} rows={2} value={message} maxLength={COSELL_MESSAGE_MAX} onChange={(e) => setMessage(e.target.value)} required />
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading || !message.trim()}>
          {loading ? "Sending…" : "Send request"}
        </button>
        <button type="button" className="button-secondary" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
