import { Kind, getNamedType, getOperationAST, isAbstractType, isCompositeType, isObjectType } from "graphql";
import type { DocumentNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLSchema, SelectionSetNode } from "graphql";
import { permissionClassOf } from "../auth/policy.js";
import type { Viewer } from "../auth/viewer.js";

/**
 * What an operation's answer to one event reads from the subscriber, besides the event itself:
 * - `none`: nothing (every subscriber who receives the event gets the same answer);
 * - `organization`: the viewer's organization (e.g. whose people and assessment items it may see);
 * - `viewer`: anything the rules read (`permissionClassOf`): the safe default.
 * Ordered: a selection depends on the most of what its fields depend on.
 */
export type ViewerDependence = "none" | "organization" | "viewer";

const ORDER: readonly ViewerDependence[] = ["none", "organization", "viewer"];
const most = (a: ViewerDependence, b: ViewerDependence): ViewerDependence => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

/**
 * Every field reachable from the shareable subscriptions' payloads (`roomActivity`'s Activity,
 * `dealStageChanged`'s StageChange) whose resolver was read and found to use the viewer or the
 * policy for no more than the listed input. The subscription root fields themselves read nothing:
 * who receives an event at all is decided per subscriber by its own source stream.
 *
 * A field missing here counts as `viewer`: a selection that includes it runs once per permission
 * class, as before. So a new field is never shared by accident; list it here once its resolver has
 * been checked (and a test in test/shared-access.test.ts shows it stays correct per viewer).
 */
export const FIELD_VIEWER_INPUTS: Readonly<Record<string, ViewerDependence>> = {
  "Subscription.roomActivity": "none",
  "Subscription.dealStageChanged": "none",
  // Plain columns and loaders by id.
  ...fields("Activity", "none", [
    "id",
    "seq",
    "kind",
    "body",
    "apiTokenName",
    "changes",
    "hash",
    "cursor",
    "createdAt",
    "actorOrganization",
    "actor",
    "inReplyTo",
    "payouts",
  ]),
  ...fields("FieldChange", "none", ["field", "from", "to"]),
  // reliability: policyOf only asks that someone is signed in (anonymous subscribers never share).
  ...fields("User", "none", ["id", "name", "email", "role", "organization", "reliability"]),
  ...fields("Organization", "none", ["id", "name", "kind", "assessment", "reliability"]),
  // Policy.canSeeMembersOf: own organization or its signed partners.
  "Organization.members": "organization",
  ...fields("Assessment", "none", ["updatedAt", "organization", "updatedBy"]),
  // Policy.canSeeAssessmentItem: everything for the own organization, strengths for others.
  "Assessment.items": "organization",
  ...fields("AssessmentItem", "none", ["kind", "description", "capabilities", "industries"]),
  ...fields("Reliability", "none", ["delivered", "deliveredOnTime", "missed", "open", "onTimeRate", "helpGiven"]),
  ...fields("SplitLine", "none", ["basisPoints", "type", "payout", "user", "organization"]),
  ...fields("Money", "none", ["amount", "currency"]),
  ...fields("StageChange", "none", ["opportunity", "fromStage", "toStage", "changedBy", "at", "cursor"]),
  // The deal's own columns and owners; its room, split, commitments and activities are not listed.
  ...fields("Opportunity", "none", ["id", "title", "stage", "closeDate", "version", "amount", "account", "organization", "owner"]),
  ...fields("Account", "none", ["id", "name", "domain", "organization"]),
};

function fields(type: string, dependence: ViewerDependence, names: readonly string[]): Record<string, ViewerDependence> {
  return Object.fromEntries(names.map((name) => [`${type}.${name}`, dependence]));
}

const cache = new WeakMap<DocumentNode, Map<string, ViewerDependence>>();

/** What the operation's selection reads from the viewer (cached per parsed document and operation). */
export function viewerDependence(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  inputs: Readonly<Record<string, ViewerDependence>> = FIELD_VIEWER_INPUTS,
): ViewerDependence {
  let byOperation = cache.get(document);
  if (!byOperation) cache.set(document, (byOperation = new Map()));
  const key = operationName ?? "";
  let found = byOperation.get(key);
  if (found === undefined) byOperation.set(key, (found = analyse(schema, document, operationName, inputs)));
  return found;
}

function analyse(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  inputs: Readonly<Record<string, ViewerDependence>>,
): ViewerDependence {
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return "viewer";
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  /** Concrete types a selection on `type` may meet: the type itself, or an abstract type's possible types. */
  const concrete = (type: GraphQLCompositeType) => (isAbstractType(type) ? schema.getPossibleTypes(type) : [type]);

  // Fragments may nest and repeat; each (selection set, type) is looked at once.
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): ViewerDependence => {
    let result: ViewerDependence = "none";
    for (const selection of selectionSet.selections) {
      if (result === "viewer") return result;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === "__typename") continue;
        for (const object of concrete(type)) {
          if (!isObjectType(object)) return "viewer";
          const field = object.getFields()[name];
          if (!field) continue; // not on this possible type: graphql-js would reject the operation, or it does not apply
          result = most(result, inputs[`${object.name}.${name}`] ?? "viewer");
          const fieldType = getNamedType(field.type);
          if (selection.selectionSet && isCompositeType(fieldType)) result = most(result, walk(selection.selectionSet, fieldType));
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) return "viewer";
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!condition || !isCompositeType(condition)) return "viewer";
        const seen = `${selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : ""}@${condition.name}`;
        if (selection.kind === Kind.FRAGMENT_SPREAD && visited.has(seen)) continue;
        visited.add(seen);
        result = most(result, walk(fragment.selectionSet, condition));
      }
    }
    return result;
  };
  return walk(operation.selectionSet, root);
}

/**
 * The access class of a subscriber for an operation that depends on `dependence`: subscribers
 * with equal classes get equal answers to the same event, so they may share its execution.
 */
export function accessClassOf(viewer: Viewer, dependence: ViewerDependence): string {
  switch (dependence) {
    case "none":
      return "any";
    case "organization":
      return `organization:${viewer.organizationId}`;
    case "viewer":
      return `viewer:${permissionClassOf(viewer)}`;
  }
}
