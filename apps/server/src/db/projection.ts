import { Kind, getNamedType, getOperationAST, isObjectType } from "graphql";
import type { DocumentNode, ExecutionArgs, FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from "graphql";

/**
 * Which columns a query needs of the rows the lean loaders read (the board's deals, room members,
 * last activities, commitments and their people), so that they read only those: a page of 20 deals
 * read about twice the cells it answered with, and turning them into values was a fifth of the
 * server's CPU for it (bench/, scenario 2).
 *
 * Deciding it is safe only where every field the operation selects is known, with every column its
 * resolution reads of those rows, its resolver's own logic included. `FIELD_READS` lists such fields,
 * each checked against its resolver; an operation that selects any other field (or is not a query)
 * reads every column, as before. What an operation needs of an entity is the union over all its
 * fields on that type, wherever they are selected (rounded up to one of two sets, `LEAN_TIER`), so
 * rows of one type read anywhere in the operation (and primed into a loader) have every column any
 * of its fields reads. Under the test
 * runner, a column that was not read throws when a resolver reads it (`lean.ts`), so a wrong entry
 * here fails the tests that select that field instead of answering wrong data.
 */

/** The entities the lean loaders read, by GraphQL type name. */
export type ProjectedEntity = "Opportunity" | "RoomMember" | "User" | "Activity" | "Commitment";

/** Properties every read of an entity includes: keys the loaders and policy code use, whatever is selected. */
const ALWAYS: Readonly<Record<ProjectedEntity, readonly string[]>> = {
  Opportunity: ["id", "accountId", "organizationId", "ownerId", "lastActivitySeq"],
  RoomMember: ["opportunityId", "userId"],
  User: ["id", "organizationId"],
  Activity: ["id", "opportunityId", "seq"],
  Commitment: ["id", "opportunityId", "assigneeId", "status"],
};

type Reads = Partial<Readonly<Record<ProjectedEntity, readonly string[]>>>;
const NOTHING: Reads = {};

/**
 * Every field whose resolution was checked, with the entity properties it reads beyond `ALWAYS`
 * (nothing, for fields of other types that read no lean row). Add a field only after reading its
 * resolver, and whatever it calls.
 */
const FIELD_READS: Readonly<Record<string, Reads>> = {
  "Query.opportunities": NOTHING, // OpportunityService.list: the page's rows, by visibility in SQL
  "OpportunityConnection.edges": NOTHING,
  "OpportunityConnection.pageInfo": NOTHING,
  "OpportunityEdge.cursor": NOTHING, // encoded from the id when the page is made
  "OpportunityEdge.node": NOTHING,
  "PageInfo.hasNextPage": NOTHING,
  "PageInfo.hasPreviousPage": NOTHING,
  "PageInfo.startCursor": NOTHING,
  "PageInfo.endCursor": NOTHING,
  "Opportunity.id": NOTHING, // globalId, from id
  "Opportunity.title": { Opportunity: ["title"] },
  "Opportunity.stage": { Opportunity: ["stage"] },
  "Opportunity.closeDate": { Opportunity: ["closeDate"] },
  "Opportunity.version": { Opportunity: ["version"] },
  "Opportunity.amount": { Opportunity: ["amountMinor", "currency"] },
  "Money.amount": NOTHING,
  "Money.currency": NOTHING,
  "Opportunity.account": NOTHING, // loaders.account (TypeORM, whole rows) by accountId
  "Opportunity.organization": NOTHING, // loaders.organization by organizationId
  "Opportunity.owner": NOTHING, // loaders.user by ownerId
  "Opportunity.members": NOTHING, // loaders.roomMembers by id
  "Opportunity.lastActivity": NOTHING, // loaders.lastActivity by id
  "Opportunity.commitments": NOTHING, // loaders.commitments by id and the status argument
  "RoomMember.role": { RoomMember: ["role"] },
  "RoomMember.access": { RoomMember: ["access"] },
  "RoomMember.user": NOTHING, // the joined user, or loaders.user by userId
  "User.id": NOTHING,
  "User.name": { User: ["name"] },
  "User.email": { User: ["email"] },
  "User.role": { User: ["role"] },
  "User.active": { User: ["active"] },
  "User.organization": NOTHING, // loaders.organization by organizationId
  "Activity.id": NOTHING,
  "Activity.seq": NOTHING,
  "Activity.cursor": NOTHING, // from seq
  "Activity.kind": { Activity: ["kind"] },
  "Activity.body": { Activity: ["body"] },
  "Activity.createdAt": { Activity: ["createdAtDate"] },
  "Activity.apiTokenName": { Activity: ["apiTokenName"] },
  "Activity.actor": { Activity: ["actorId"] },
  "Activity.actorOrganization": { Activity: ["actorOrganizationId"] },
  "Commitment.id": NOTHING,
  "Commitment.title": { Commitment: ["title"] },
  "Commitment.status": NOTHING,
  "Commitment.dueAt": { Commitment: ["dueAtDate"] },
  "Commitment.assignee": NOTHING, // the joined user, or loaders.user by assigneeId
  "Account.id": NOTHING,
  "Account.name": NOTHING,
  "Organization.id": NOTHING,
  "Organization.name": NOTHING,
};

/** The properties to read of each entity; an entity not in it reads `ALWAYS` only. */
export type Projection = ReadonlyMap<ProjectedEntity, ReadonlySet<string>>;

/**
 * What one context's operation needs; set when the operation is executed (`noteOperation`), read
 * by the loaders when they query. `projection` null: every column.
 */
export interface OperationReads {
  projection: Projection | null;
  /** The operation it was decided for; a context that executes another one reads every column. */
  document?: DocumentNode;
  operationName?: string | null;
}

export function operationReads(): OperationReads {
  return { projection: null };
}

/** The properties of `entity` the context's operation needs, or null for all of them. */
export function propertiesFor(reads: OperationReads | undefined, entity: ProjectedEntity | undefined): ReadonlySet<string> | null {
  return (entity && reads?.projection?.get(entity)) ?? null;
}

/**
 * Records the operation a context is about to execute (called by the executor): its projection,
 * once. A context that executes a second, different operation falls back to every column.
 */
export function noteOperation(args: ExecutionArgs): void {
  const reads = (args.contextValue as { reads?: OperationReads } | null | undefined)?.reads;
  if (!reads) return;
  if (reads.document === undefined) {
    reads.document = args.document;
    reads.operationName = args.operationName ?? null;
    reads.projection = projectionOf(args.schema, args.document, args.operationName);
  } else if (reads.document !== args.document || reads.operationName !== (args.operationName ?? null)) {
    reads.projection = null;
  }
}

const decided = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Projection | null>>>();

/** The columns `document`'s operation needs of each lean entity, or null when it must read them all. */
export function projectionOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Projection | null {
  let perDocument = decided.get(schema);
  if (!perDocument) decided.set(schema, (perDocument = new WeakMap()));
  let perName = perDocument.get(document);
  if (!perName) perDocument.set(document, (perName = new Map()));
  const name = operationName ?? "";
  if (perName.has(name)) return perName.get(name)!;
  const projection = decide(schema, document, operationName);
  perName.set(name, projection);
  return projection;
}

function decide(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Projection | null {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== "query") return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const needed = new Map<ProjectedEntity, Set<string>>(
    (Object.keys(ALWAYS) as ProjectedEntity[]).map((entity) => [entity, new Set(ALWAYS[entity])]),
  );
  const visited = new Set<string>();

  /** False as soon as a field is not in FIELD_READS (or a type is not an object type). */
  const walk = (selectionSet: SelectionSetNode, typeName: string): boolean => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return false;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const fieldName = selection.name.value;
        if (fieldName === "__typename") continue;
        const reads = FIELD_READS[`${typeName}.${fieldName}`];
        const field = type.getFields()[fieldName];
        if (!reads || !field) return false;
        for (const [entity, properties] of Object.entries(reads) as [ProjectedEntity, readonly string[]][]) {
          for (const property of properties) needed.get(entity)!.add(property);
        }
        if (selection.selectionSet && !walk(selection.selectionSet, getNamedType(field.type).name)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && selection.typeCondition.name.value !== typeName) return false;
        if (!walk(selection.selectionSet, typeName)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || fragment.typeCondition.name.value !== typeName) return false;
        // A fragment spread twice under the same type adds nothing the first did not.
        const key = `${fragment.name.value}@${typeName}`;
        if (visited.has(key)) continue;
        visited.add(key);
        if (!walk(fragment.selectionSet, typeName)) return false;
      }
    }
    return true;
  };
  const root = schema.getQueryType();
  if (!root || !walk(operation.selectionSet, root.name)) return null;
  return new Map((Object.keys(ALWAYS) as ProjectedEntity[]).map((entity) => [entity, tierOf(entity, needed.get(entity)!)]));
}

/**
 * What each entity reads when a query needs few of its columns: the board's and the room picker's
 * needs. Anything more reads every column any listed field reads (`AUDITED`). Two sets per entity,
 * whatever fields a query combines, so its statements have at most twice the texts they had: each
 * text is a prepared statement (`prepared.ts` names at most 500 per process), and exact column sets
 * per query would let a client's field combinations use the names up.
 */
const LEAN_TIER: Readonly<Record<ProjectedEntity, readonly string[]>> = {
  Opportunity: ["title", "stage", "version", "amountMinor", "currency"],
  RoomMember: ["role", "access"],
  User: ["name"],
  Activity: ["kind", "body", "createdAtDate"],
  Commitment: ["title", "dueAtDate"],
};

const TIERS = new Map(
  (Object.keys(ALWAYS) as ProjectedEntity[]).map((entity) => {
    const audited = new Set(ALWAYS[entity]);
    for (const reads of Object.values(FIELD_READS)) for (const property of reads[entity] ?? []) audited.add(property);
    return [
      entity,
      { lean: new Set([...ALWAYS[entity], ...LEAN_TIER[entity]]) as ReadonlySet<string>, audited: audited as ReadonlySet<string> },
    ];
  }),
);

/** The smaller of the entity's two sets that holds `needed`. */
function tierOf(entity: ProjectedEntity, needed: ReadonlySet<string>): ReadonlySet<string> {
  const { lean, audited } = TIERS.get(entity)!;
  for (const property of needed) if (!lean.has(property)) return audited;
  return lean;
}

/** Every set a projection may give an entity (for tests). */
export function projectionTiers(entity: ProjectedEntity): readonly ReadonlySet<string>[] {
  const { lean, audited } = TIERS.get(entity)!;
  return [lean, audited];
}
