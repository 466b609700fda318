import { describe, expect, it } from "vitest";
import { ActivityKind, OrganizationKind, OrgRole } from "@cosell/schema";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { activityOf } from "./activity-feed.service.js";
import { Activity } from "./activity.entity.js";
import { announce, rememberWrittenWith, writtenWithOf } from "./room-message.js";
import type { Outbox } from "../../db/transaction.js";

const OPPORTUNITY = "0196f1d2-0000-7000-8000-000000000001";

function written(): { activity: Activity; actor: User; organization: Organization } {
  const activity = Object.assign(new Activity(), {
    id: "0196f1d2-0000-7000-8000-0000000000a1",
    opportunityId: OPPORTUNITY,
    seq: 7,
    kind: ActivityKind.NOTE,
    body: "sent the proofs",
    actorId: "0196f1d2-0000-7000-8000-0000000000b1",
    actorOrganizationId: "0196f1d2-0000-7000-8000-0000000000c1",
    createdAtDate: new Date("2026-11-30T10:00:00.000Z"),
  });
  const actor = Object.assign(new User(), {
    id: activity.actorId!,
    organizationId: activity.actorOrganizationId,
    name: "Ana Alvarez",
    email: "ana@acme.test",
    role: OrgRole.REP,
    active: true,
    createdAt: new Date("2026-01-02T03:04:05.000Z"),
  });
  const organization = Object.assign(new Organization(), {
    id: activity.actorOrganizationId,
    name: "Acme Print",
    kind: OrganizationKind.VENDOR,
    reportingCurrency: "USD",
    registrationProtectionDays: 90,
    createdAt: new Date("2025-05-06T07:08:09.000Z"),
  });
  rememberWrittenWith(activity, { actor, actorOrganization: organization });
  return { activity, actor, organization };
}

/** The message `announce` queues for the room. */
function announced(activity: Activity): unknown {
  const published: unknown[] = [];
  const outbox = { publish: (_topic: string, message: unknown) => void published.push(message) } as unknown as Outbox;
  announce(outbox, activity);
  expect(published).toHaveLength(1);
  return published[0];
}

describe("the rows written with a room's entry", () => {
  it("travel with it on the in-process bus as they are", () => {
    const { activity, actor, organization } = written();
    const decoded = activityOf(announced(activity), OPPORTUNITY)!;
    expect(decoded).toBe(activity);
    expect(writtenWithOf(decoded)).toEqual({ actor, actorOrganization: organization });
  });

  it("come back from their JSON over Redis as entities, dates as dates, once per message", () => {
    const { activity, actor, organization } = written();
    const message = JSON.parse(JSON.stringify(announced(activity))) as unknown;
    const decoded = activityOf(message, OPPORTUNITY)!;
    const rows = writtenWithOf(decoded)!;
    expect(rows.actor).toBeInstanceOf(User);
    expect(rows.actorOrganization).toBeInstanceOf(Organization);
    expect(rows.actor).toEqual(actor);
    expect(rows.actorOrganization).toEqual(organization);
    expect(rows.actor!.createdAt).toBeInstanceOf(Date);
    expect(rows.actor!.globalId).toBe(actor.globalId);
    // Every subscriber of the room gets the same message object: the same decoded entry and rows.
    expect(activityOf(message, OPPORTUNITY)).toBe(decoded);
  });

  it("are absent for an entry written without them, which then reads them as usual", () => {
    const activity = Object.assign(new Activity(), { id: "x", opportunityId: OPPORTUNITY, seq: 1, createdAtDate: new Date() });
    const message = JSON.parse(JSON.stringify(announced(activity))) as unknown;
    expect(writtenWithOf(activityOf(message, OPPORTUNITY)!)).toBeUndefined();
  });
});
