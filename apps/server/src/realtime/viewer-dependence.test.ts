import { parse } from "graphql";
import type { GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/viewer.js";
import { cosellSchema } from "../schema/build.js";
import { FIELD_VIEWER_INPUTS, accessClassOf, viewerDependence } from "./viewer-dependence.js";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await cosellSchema();
});

const of = (source: string, operationName?: string) => viewerDependence(schema, parse(source), operationName);

describe("what a subscription's selection reads from the viewer", () => {
  it("nothing for plain columns and people by id, through fragments and __typename", () => {
    expect(of(`subscription { roomActivity(opportunityId: "x") { __typename id seq body actor { name organization { name } } } }`)).toBe(
      "none",
    );
    expect(
      of(
        `subscription { roomActivity(opportunityId: "x") { ...A } } fragment A on Activity { seq actorOrganization { ... on Organization { id } } }`,
      ),
    ).toBe("none");
    expect(
      of(`subscription { dealStageChanged { opportunity { title stage amount { amount currency } } changedBy { name } cursor } }`),
    ).toBe("none");
  });

  it("the viewer's organization for whose people or assessment items it may see, however deep or hidden in a fragment", () => {
    expect(of(`subscription { roomActivity(opportunityId: "x") { actor { organization { members { name } } } } }`)).toBe("organization");
    expect(
      of(
        `subscription { roomActivity(opportunityId: "x") { ...A } } fragment A on Activity { actorOrganization { assessment { items { kind } } } }`,
      ),
    ).toBe("organization");
  });

  it("everything for a field nobody has classified, e.g. a deal's room or split", () => {
    expect(of(`subscription { dealStageChanged { opportunity { title members { access } } } }`)).toBe("viewer");
    expect(of(`subscription { dealStageChanged { opportunity { split { status } } } }`)).toBe("viewer");
    // The operation asked for, when a document holds several.
    const two = `subscription A { roomActivity(opportunityId: "x") { seq } } subscription B { dealStageChanged { opportunity { commitments { id } } } }`;
    expect(of(two, "A")).toBe("none");
    expect(of(two, "B")).toBe("viewer");
  });

  it("lists only fields the schema has (a renamed field would otherwise fall back to per-viewer runs unnoticed)", () => {
    const missing = Object.keys(FIELD_VIEWER_INPUTS).filter((coordinate) => {
      const [type, field] = coordinate.split(".");
      const found = schema.getType(type!);
      return !found || !("getFields" in found) || !(field! in found.getFields());
    });
    expect(missing).toEqual([]);
  });

  it("turns into access classes: one for all, one per organization, one per permission class", () => {
    const ana: Viewer = { kind: "user", userId: "u1", organizationId: "acme", role: "REP" } as Viewer;
    const max: Viewer = { kind: "user", userId: "u2", organizationId: "acme", role: "MANAGER" } as Viewer;
    const lee: Viewer = { kind: "user", userId: "u3", organizationId: "pixel", role: "REP" } as Viewer;
    expect(new Set([ana, max, lee].map((v) => accessClassOf(v, "none"))).size).toBe(1);
    expect(new Set([ana, max, lee].map((v) => accessClassOf(v, "organization"))).size).toBe(2);
    expect(new Set([ana, max, lee].map((v) => accessClassOf(v, "viewer"))).size).toBe(3);
  });
});
