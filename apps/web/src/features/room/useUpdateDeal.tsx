import { useApolloClient, useMutation } from "@apollo/client/react";
import { useCallback, useState } from "react";
import { apiErrorCodes, describeError } from "../../apiErrors";
import { graphql } from "../../gql";
import type { DealStage } from "../../gql/graphql";
import { explainConflict, fieldLabels } from "./dealConflict";

const UpdateDeal = graphql(`
  mutation UpdateDeal($input: UpdateOpportunityInput!) {
    updateOpportunity(input: $input) {
      id
      version
      title
      closeDate
      amount {
        amount
        currency
      }
      owner {
        id
        name
      }
    }
  }
`);

/**
 * What changed under a refused edit: the deal as it is now and the newest entries of its log.
 * Read without the cache: the room's feed keeps its own page of the same log.
 */
const DealConflict = graphql(`
  query DealConflict($id: ID!) {
    opportunity(id: $id) {
      id
      version
      stage
      activities(last: 20) {
        edges {
          node {
            id
            kind
            createdAt
            apiTokenName
            actor {
              id
              name
            }
            changes {
              field
              from
              to
            }
          }
        }
      }
    }
  }
`);

interface Money {
  readonly amount: string;
  readonly currency: string;
}

/** The deal as the header shows it: what an edit starts from. */
export interface EditableDeal {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly closeDate?: string | null;
  readonly amount: Money;
  readonly owner: { readonly id: string; readonly name: string };
  readonly stage: DealStage;
}

/** One edit of one field (the header edits a field at a time). */
export type DealEdit =
  | { readonly field: "title"; readonly title: string }
  | { readonly field: "amount"; readonly amount: Money }
  | { readonly field: "closeDate"; readonly closeDate: string | null }
  | { readonly field: "owner"; readonly owner: { readonly id: string; readonly name: string } };

/** Why the latest edit did not stick; a refused one can be sent again on the current version. */
export interface EditNotice {
  readonly message: string;
  readonly edit: DealEdit;
  /** The version to re-apply on, when the edit lost to someone else's (CONFLICT). */
  readonly currentVersion: number | null;
}

function inputOf(edit: DealEdit) {
  switch (edit.field) {
    case "title":
      return { title: edit.title };
    case "amount":
      return { amount: { amount: edit.amount.amount, currency: edit.amount.currency } };
    case "closeDate":
      return { closeDate: edit.closeDate };
    case "owner":
      return { ownerId: edit.owner.id };
  }
}

/**
 * Edits the deal at once on screen (an optimistic response: every view of it in the cache changes),
 * sent with the version the screen showed. When someone else changed it first (CONFLICT) the cache
 * goes back, the room reloads, and the notice says who changed what to what, from the room's log,
 * with the edit kept so it can be applied again on the new version.
 */
export function useUpdateDeal(deal: EditableDeal) {
  const client = useApolloClient();
  const [mutate] = useMutation(UpdateDeal);
  const [notice, setNotice] = useState<EditNotice | null>(null);

  const save = useCallback(
    async (edit: DealEdit, version = deal.version): Promise<boolean> => {
      setNotice(null);
      try {
        await mutate({
          variables: { input: { id: deal.id, expectedVersion: version, ...inputOf(edit) } },
          optimisticResponse: {
            updateOpportunity: {
              __typename: "Opportunity",
              id: deal.id,
              version: version + 1,
              title: edit.field === "title" ? edit.title : deal.title,
              closeDate: edit.field === "closeDate" ? edit.closeDate : (deal.closeDate ?? null),
              amount: { __typename: "Money", ...(edit.field === "amount" ? edit.amount : deal.amount) },
              owner: { __typename: "User", ...(edit.field === "owner" ? edit.owner : deal.owner) },
            },
          },
          // A new owner changes the room's people (roles) too.
          ...(edit.field === "owner" ? { refetchQueries: ["Room"] } : {}),
        });
        return true;
      } catch (error) {
        // Apollo has already dropped the optimistic edit: the header shows the stored values again.
        if (apiErrorCodes(error).includes("CONFLICT")) {
          const [now] = await Promise.all([
            client.query({ query: DealConflict, variables: { id: deal.id }, fetchPolicy: "no-cache" }).catch(() => null),
            client.refetchQueries({ include: ["Room"] }).catch(() => undefined),
          ]);
          const current = now?.data?.opportunity;
          setNotice({
            message: current
              ? explainConflict(
                  edit.field,
                  current.activities.edges.map((e) => e.node),
                  current,
                )
              : `Someone else changed this deal first — your edit of the ${fieldLabels[edit.field]} was not saved.`,
            edit,
            currentVersion: current?.version ?? null,
          });
        } else {
          setNotice({
            message: `Your edit of the ${fieldLabels[edit.field]} was not saved. ${describeError(error as Error)}`,
            edit,
            currentVersion: null,
          });
        }
        return false;
      }
    },
    [client, deal, mutate],
  );

  const reapply = useCallback(async () => {
    if (!notice) return;
    await save(notice.edit, notice.currentVersion ?? deal.version);
  }, [deal.version, notice, save]);

  return { save, notice, reapply, dismissNotice: useCallback(() => setNotice(null), []) };
}
