import { ActivityKind, NotificationKind } from "@cosell/schema";
import { In } from "typeorm";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { actorId, attributedTo } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { conflict, forbidden } from "../../errors.js";
import { newId } from "../../ids.js";
import { appendActivity } from "../activity/activity.service.js";
import { actorNameOf, notify } from "../notification/notify.js";
import { Organization } from "../organization/organization.entity.js";
import { outlineDocument } from "./outline.document.js";
import type { OutlineDocument } from "./outline.document.js";
import { User } from "../user/user.entity.js";
import { Outline, OutlineSignature } from "./outline.entity.js";
import type { PublishOutlineInput, SignOutlineInput } from "./outline.inputs.js";
import { snapshotOf } from "./outline.snapshot.js";

export class OutlineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly publicUrl: string,
  ) {}

  /** An outline of a room the viewer can see, else NOT_FOUND (as for a random id). */
  get(policy: Policy, globalId: string): Promise<Outline> {
    return findVisible(this.dataSource.manager, Outline, "Outline", globalId, "Outline", (outline) =>
      policy.canReadOpportunity(outline.opportunityId),
    );
  }

  /** Where the outline downloads, as Markdown (`md`) or PDF (`pdf`), with the caller's bearer token or web session. */
  downloadUrl(outline: Outline, format: "md" | "pdf"): string {
    return `${this.publicUrl}/outlines/${outline.globalId}.${format}`;
  }

  /** The outline as a document to download: its snapshot, and who has signed it so far. */
  async documentOf(outline: Outline): Promise<OutlineDocument> {
    const em = this.dataSource.manager;
    const [publisher, signatures, organizations, latest] = await Promise.all([
      outline.publishedById ? em.findOneBy(User, { id: outline.publishedById }) : null,
      em.query(
        `SELECT s.organization_id, u.name AS signed_by, s.signed_at FROM outline_signature s JOIN app_user u ON u.id = s.signed_by_id
          WHERE s.outline_id = $1 ORDER BY s.signed_at`,
        [outline.id],
      ) as Promise<{ organization_id: string; signed_by: string; signed_at: Date }[]>,
      em.findBy(Organization, { id: In([...outline.parties, outline.publishedByOrganizationId]) }),
      em.query(`SELECT last_outline_version AS version FROM opportunity WHERE id = $1`, [outline.opportunityId]) as Promise<
        { version: number }[]
      >,
    ]);
    const organizationNames = new Map(organizations.map((o) => [o.id, o.name]));
    return outlineDocument(outline, {
      publishedBy: publisher
        ? publisher.name
        : `an API token of ${organizationNames.get(outline.publishedByOrganizationId) ?? "a partner firm"}`,
      signatures: signatures.map((s) => ({ organizationId: s.organization_id, signedBy: s.signed_by, signedAt: s.signed_at })),
      latestVersion: latest[0]?.version ?? outline.version,
      organizationNames,
    });
  }

  /**
   * Publishes the room's plan as it stands as the next version of its outline (write access). The
   * version comes from the room's own counter, moved by an UPDATE that locks the room's row until
   * COMMIT: versions are 1, 2, 3… with no gap and no two alike, and the snapshot is read under that
   * lock, so it agrees with the room's log at that point.
   */
  async publish(policy: Policy, input: PublishOutlineInput): Promise<Outline> {
    const opportunityId = await policy.writableOpportunityId(input.opportunityId);
    return this.uow.run(async (em, outbox) => {
      const [counter] = await returning<{ version: number }>(
        em,
        `UPDATE opportunity SET last_outline_version = last_outline_version + 1 WHERE id = $1 RETURNING last_outline_version AS version`,
        [opportunityId],
      );
      const { data, parties } = await snapshotOf(em, opportunityId);
      const outline = em.create(Outline, {
        id: newId(),
        opportunityId,
        version: counter!.version,
        publishedById: policy.viewer.kind === "user" ? policy.viewer.userId : null,
        publishedByOrganizationId: policy.viewer.organizationId,
        publishedAtDate: new Date(),
        data,
        parties,
      });
      await em.insert(Outline, outline);
      const awaited = data.firms.filter((firm) => parties.includes(firm.organizationId)).map((firm) => firm.name);
      await appendActivity(em, outbox, {
        opportunityId,
        kind: ActivityKind.OUTLINE_PUBLISHED,
        body: `Outline version ${outline.version} published, for signature by ${awaited.join(", ")}`,
        ...attributedTo(policy.viewer),
        data: { outlineId: outline.id, version: outline.version },
      });
      await notify(em, outbox, {
        kind: NotificationKind.OUTLINE_AWAITING_SIGNATURE,
        audience: { managersOf: parties },
        actorId: actorId(policy.viewer),
        actorName: actorNameOf(policy.viewer),
        opportunityId,
        subjectId: outline.id,
        say: ({ actor, deal }) => `${actor} published version ${outline.version} of the outline of “${deal}”: sign it for your firm`,
      });
      return outline;
    });
  }

  /**
   * A manager or admin signs the latest version of the outline for their firm, once. The INSERT
   * decides both promises inside itself: the firm is one of the version's parties and no later
   * version exists (a publish in flight is waited for: the room's row is locked first), and the
   * primary key (outline, firm) makes a second signature of the same firm impossible, however many
   * managers sign at once: one wins, the others get CONFLICT.
   */
  async sign(policy: Policy, input: SignOutlineInput): Promise<Outline> {
    const outline = await this.get(policy, input.id);
    const signerId = policy.assertManagerOf(policy.viewer.organizationId, "Only a manager or admin signs the outline for their firm");
    const firmId = policy.viewer.organizationId;
    if (!outline.parties.includes(firmId)) throw forbidden("Your firm is not a party to this outline");
    return this.uow.run(async (em, outbox) => {
      await em.query(`SELECT 1 FROM opportunity WHERE id = $1 FOR NO KEY UPDATE`, [outline.opportunityId]);
      const signed = await returning<{ organization_id: string }>(
        em,
        `INSERT INTO outline_signature (outline_id, organization_id, signed_by_id, signed_at)
         SELECT o.id, $2, $3, now() FROM outline o
          WHERE o.id = $1 AND $2 = ANY(o.parties)
            AND NOT EXISTS (SELECT 1 FROM outline later WHERE later.opportunity_id = o.opportunity_id AND later.version > o.version)
         ON CONFLICT (outline_id, organization_id) DO NOTHING
         RETURNING organization_id`,
        [outline.id, firmId, signerId],
      );
      if (signed.length === 0) {
        const earlier = await em.findOneBy(OutlineSignature, { outlineId: outline.id, organizationId: firmId });
        if (earlier) {
          const by = await em.findOneByOrFail(User, { id: earlier.signedById });
          throw conflict(`${by.name} already signed this outline for your firm`, { reason: "ALREADY_SIGNED" });
        }
        throw conflict("A newer version of this outline has been published: sign that one", { reason: "SUPERSEDED" });
      }
      // One at a time: a transaction's statements share one connection.
      const signer = await em.findOneByOrFail(User, { id: signerId });
      const firm = await em.findOneByOrFail(Organization, { id: firmId });
      const count = await em.countBy(OutlineSignature, { outlineId: outline.id });
      const complete = count === outline.parties.length;
      await appendActivity(em, outbox, {
        opportunityId: outline.opportunityId,
        kind: ActivityKind.OUTLINE_SIGNED,
        body: `${signer.name} signed outline version ${outline.version} for ${firm.name}${complete ? "; every firm has signed" : ""}`,
        ...attributedTo(policy.viewer),
        data: { outlineId: outline.id, version: outline.version, organizationId: firmId, complete },
      });
      return outline;
    });
  }
}
