import { useSubscription } from "@apollo/client/react";
import { parse } from "graphql";
import type { DocumentNode, OperationDefinitionNode } from "graphql";
import pendingDocuments from "../room/subscriptions.pending.graphql?raw";
import type { ActivityKind, DealStage } from "../../gql/graphql";

/**
 * Live updates over graphql-ws, in one place, so the screens do not care whether the server has
 * them yet. Each subscription is on only when the schema the app was built against has its field
 * (`__COSELL_SUBSCRIPTION_FIELDS__`, read from the schema by vite.config.ts); until then the hooks
 * return `false` and the screens refetch after their own mutations and poll gently instead.
 */
const subscriptionFields: ReadonlySet<string> = new Set(__COSELL_SUBSCRIPTION_FIELDS__);

export const liveRoomActivity = subscriptionFields.has("roomActivity");
export const liveDealStageChanges = subscriptionFields.has("dealStageChanged");

const documents = parse(pendingDocuments);

function operation(name: string): DocumentNode {
  const definition = documents.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.name?.value === name,
  );
  if (!definition) throw new Error(`subscriptions.pending.graphql has no operation ${name}`);
  return { kind: documents.kind, definitions: [definition] };
}

const RoomActivityLive = operation("RoomActivityLive");
const DealStageChangedLive = operation("DealStageChangedLive");

/** An activity as RoomActivityLive selects it (written by hand until codegen can type it). */
export interface LiveActivity {
  readonly __typename: "Activity";
  readonly id: string;
  readonly seq: number;
  readonly cursor: string;
  readonly kind: ActivityKind;
  readonly body: string | null;
  readonly createdAt: string;
  readonly actor: {
    readonly __typename: "User";
    readonly id: string;
    readonly name: string;
    readonly organization: { readonly __typename: "Organization"; readonly id: string; readonly name: string };
  } | null;
}

interface RoomActivityLiveData {
  readonly roomActivity: LiveActivity;
}

interface DealStageChangedLiveData {
  readonly dealStageChanged: {
    readonly fromStage: DealStage | null;
    readonly toStage: DealStage;
    readonly opportunity: { readonly id: string; readonly stage: DealStage; readonly version: number };
  };
}

/**
 * The room's new activities as they happen, from just after `after` (the newest cursor on screen;
 * the server replays anything in between, so nothing is missed). Returns whether it is live.
 */
export function useRoomActivityLive(
  opportunityId: string,
  after: string | null,
  onActivity: (activity: LiveActivity) => void,
  /** Not yet: e.g. until the feed has loaded and `after` is known. */
  wait = false,
): boolean {
  const { error } = useSubscription<RoomActivityLiveData>(RoomActivityLive, {
    variables: { opportunityId, after },
    skip: !liveRoomActivity || wait,
    onData: ({ data }) => {
      if (data.data) onActivity(data.data.roomActivity);
    },
  });
  return liveRoomActivity && !error;
}

/**
 * Stage changes of every deal the viewer can see. The selection includes each opportunity's id,
 * stage and version, so Apollo's cache moves the card on every board by itself.
 */
export function useDealStageChangesLive(): boolean {
  const { error } = useSubscription<DealStageChangedLiveData>(DealStageChangedLive, {
    skip: !liveDealStageChanges,
  });
  return liveDealStageChanges && !error;
}
