import { useApolloClient, useMutation } from "@apollo/client/react";
import type { InternalRefetchQueriesInclude } from "@apollo/client";
import { isClosedStage, mayDecideOutcome } from "@cosell/schema";
import { useCallback, useState } from "react";
import { apiErrorCodes, describeError } from "../../apiErrors";
import { stageLabel } from "../../format";
import { graphql } from "../../gql";
import type { DealStage } from "../../gql/graphql";
import { useViewer } from "../auth/ViewerHeader";

const MoveOpportunityStage = graphql(`
  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {
    moveOpportunityStage(input: $input) {
      id
      stage
      version
    }
  }
`);

/** What a move needs to know about the deal as the screen shows it. */
export interface MovableDeal {
  readonly id: string;
  readonly title: string;
  readonly stage: DealStage;
  readonly version: number;
  /** Whose deal it is: only that organization closes it. */
  readonly organization: { readonly id: string; readonly name: string };
}

/** Why a partner's move to a closed stage is refused, and whom to ask. */
export const closedByOwnerOnly = (deal: MovableDeal) =>
  `Only ${deal.organization.name} closes “${deal.title}”: ask its owner rep or a manager there. It stays in ${stageLabel(deal.stage)}.`;

/** The outcome of the latest move, for a banner; `error` ones stay until dismissed. */
export interface MoveNotice {
  readonly tone: "success" | "error";
  readonly message: string;
}

export interface UseMoveStageOptions {
  /** Queries to refetch after a successful move (e.g. the room's feed, which gains an entry). */
  refetchQueries?: InternalRefetchQueriesInclude;
}

/**
 * Moves a deal to another stage at once on screen (an optimistic response in the cache, so every
 * view of the deal moves), confirms with the server with the version the screen showed, and puts
 * it back with a clear message when the server refuses: CONFLICT (someone else changed it first;
 * the screen reloads the latest), FORBIDDEN (read-only, or a partner closing the deal: refused
 * before asking when the viewer is known), or anything else.
 */
export function useMoveStage({ refetchQueries }: UseMoveStageOptions = {}) {
  const client = useApolloClient();
  const [mutate] = useMutation(MoveOpportunityStage);
  const [notice, setNotice] = useState<MoveNotice | null>(null);
  const viewer = useViewer();
  const viewerOrganizationId = viewer?.organization.id;

  const move = useCallback(
    async (deal: MovableDeal, stage: DealStage): Promise<boolean> => {
      if (deal.stage === stage) return false;
      // A partner may not close the deal: said at once, without asking the server.
      const partnerClosing =
        isClosedStage(stage) &&
        viewerOrganizationId !== undefined &&
        !mayDecideOutcome({ organizationId: viewerOrganizationId }, { organizationId: deal.organization.id });
      if (partnerClosing) {
        setNotice({ tone: "error", message: closedByOwnerOnly(deal) });
        return false;
      }
      setNotice(null);
      try {
        await mutate({
          variables: { input: { id: deal.id, stage, expectedVersion: deal.version } },
          optimisticResponse: {
            moveOpportunityStage: { __typename: "Opportunity", id: deal.id, stage, version: deal.version + 1 },
          },
          ...(refetchQueries ? { refetchQueries } : {}),
        });
        setNotice({ tone: "success", message: `Moved “${deal.title}” to ${stageLabel(stage)}.` });
        return true;
      } catch (error) {
        // Apollo has already dropped the optimistic move: the deal is back where it was.
        const codes = apiErrorCodes(error);
        if (codes.includes("CONFLICT")) {
          setNotice({
            tone: "error",
            message: `Someone else changed “${deal.title}” — reloaded. Check it and move it again if you still want to.`,
          });
          await client.refetchQueries({ include: "active" }).catch(() => undefined);
        } else if (codes.includes("FORBIDDEN")) {
          setNotice({
            tone: "error",
            message: `You have read-only access to “${deal.title}”; it stays in ${stageLabel(deal.stage)}.`,
          });
        } else {
          setNotice({
            tone: "error",
            message: `Could not move “${deal.title}”. ${describeError(error as Error)}`,
          });
        }
        return false;
      }
    },
    [client, mutate, refetchQueries, viewerOrganizationId],
  );

  return { move, notice, dismissNotice: useCallback(() => setNotice(null), []) };
}
