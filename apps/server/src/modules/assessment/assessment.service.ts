import { PartnershipStatus, SwotKind } from "@cosell/schema";
import { In } from "typeorm";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { actorId } from "../../auth/viewer.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput } from "../../errors.js";
import { newId } from "../../ids.js";
import { loadReliabilityCounts } from "../commitment/commitment.service.js";
import { reliabilityOf } from "../commitment/commitment.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { LIST_BOUNDS } from "../../limits/bounds.js";
import { Assessment, AssessmentItem, PartnerDirectoryEntry } from "./assessment.entity.js";
import type { SaveAssessmentInput } from "./assessment.inputs.js";

/** Tags compare without case and surrounding space. */
export const normalizeTag = (tag: string): string => tag.trim().toLowerCase().replace(/\s+/g, " ");
const tags = (values: readonly string[]): string[] => [...new Set(values.map(normalizeTag).filter(Boolean))];

export class AssessmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** Replaces the viewer's organization's SWOT; managers and admins only. */
  async save(policy: Policy, input: SaveAssessmentInput): Promise<Assessment> {
    policy.assertManager("Only a manager or admin saves the organization's assessment");
    const organizationId = policy.viewer.organizationId;
    const items = input.items.map((item, position) => ({
      id: newId(),
      organizationId,
      position,
      kind: item.kind,
      description: item.description.trim(),
      capabilities: tags(item.capabilities ?? []),
      industries: tags(item.industries ?? []),
    }));
    items.forEach((item, i) => {
      if (!item.description) throw badInput(`items.${i}.description`, "must not be empty");
    });
    return this.uow.run(async (em) => {
      const assessment = em.create(Assessment, { organizationId, updatedById: actorId(policy.viewer), updatedAtDate: new Date() });
      await em.upsert(Assessment, assessment, ["organizationId"]);
      await em.delete(AssessmentItem, { organizationId });
      if (items.length > 0) await em.insert(AssessmentItem, items);
      return assessment;
    });
  }

  /** An organization's assessment, or null when it has none. */
  get(organizationId: string): Promise<Assessment | null> {
    return this.dataSource.manager.findOneBy(Assessment, { organizationId });
  }

  /** The items the viewer may see: all of its own organization's, only strengths of others'. */
  async items(policy: Policy, organizationId: string): Promise<AssessmentItem[]> {
    const items = await this.dataSource.manager.find(AssessmentItem, { where: { organizationId }, order: { position: "ASC" } });
    return items.filter((item) => policy.canSeeAssessmentItem(organizationId, item.kind));
  }

  /**
   * Organizations whose strengths cover `needs` (or, when omitted, the tags of the viewer's own
   * weaknesses), ranked by needs covered, then on-time rate, then deals won together, then name.
   */
  async directory(policy: Policy, needs: readonly string[] | null | undefined): Promise<PartnerDirectoryEntry[]> {
    const own = policy.viewer.organizationId;
    let wanted = tags(needs ?? []);
    if (needs == null) {
      const weaknesses = await this.dataSource.manager.find(AssessmentItem, { where: { organizationId: own, kind: SwotKind.WEAKNESS } });
      wanted = tags(weaknesses.flatMap((w) => [...w.capabilities, ...w.industries]));
    }
    if (needs != null && wanted.length === 0) throw badInput("needs", "name at least one need, or omit it to use your weaknesses");
    if (wanted.length === 0) return [];

    const strengths: AssessmentItem[] = await this.dataSource.manager
      .createQueryBuilder(AssessmentItem, "i")
      .where("i.kind = :kind AND i.organizationId <> :own", { kind: SwotKind.STRENGTH, own })
      .andWhere("(i.capabilities && CAST(:wanted AS text[]) OR i.industries && CAST(:wanted AS text[]))", { wanted })
      .orderBy("i.position", "ASC")
      .getMany();
    const byOrg = new Map<string, AssessmentItem[]>();
    for (const item of strengths) byOrg.set(item.organizationId, [...(byOrg.get(item.organizationId) ?? []), item]);
    const orgIds = [...byOrg.keys()];
    if (orgIds.length === 0) return [];

    const [organizations, reliability, won, partnerships] = await Promise.all([
      this.dataSource.manager.findBy(Organization, { id: In(orgIds) }),
      loadReliabilityCounts(this.dataSource, "organization", orgIds),
      this.dataSource.query(
        `SELECT other.id, count(DISTINCT o.id)::int AS n
           FROM unnest($2::uuid[]) AS other(id)
           JOIN opportunity o ON o.stage = 'CLOSED_WON'
          WHERE (o.organization_id = $1 AND EXISTS (SELECT 1 FROM room_member m JOIN app_user u ON u.id = m.user_id WHERE m.opportunity_id = o.id AND u.organization_id = other.id))
             OR (o.organization_id = other.id AND EXISTS (SELECT 1 FROM room_member m JOIN app_user u ON u.id = m.user_id WHERE m.opportunity_id = o.id AND u.organization_id = $1))
          GROUP BY other.id`,
        [own, orgIds],
      ) as Promise<{ id: string; n: number }[]>,
      this.dataSource.query(
        `SELECT DISTINCT ON (other) CASE WHEN proposer_organization_id = $1 THEN partner_organization_id ELSE proposer_organization_id END AS other, status
           FROM partnership
          WHERE (proposer_organization_id = $1 AND partner_organization_id = ANY($2::uuid[]))
             OR (partner_organization_id = $1 AND proposer_organization_id = ANY($2::uuid[]))
          ORDER BY other, (status = 'TERMINATED'), created_at DESC`,
        [own, orgIds],
      ) as Promise<{ other: string; status: PartnershipStatus }[]>,
    ]);

    const entries = orgIds.map((orgId, i) => {
      const items = byOrg.get(orgId)!;
      const covered = new Set(items.flatMap((item) => [...item.capabilities, ...item.industries]));
      return Object.assign(new PartnerDirectoryEntry(), {
        organization: organizations.find((o) => o.id === orgId)!,
        matchedNeeds: wanted.filter((need) => covered.has(need)),
        strengths: items.slice(0, LIST_BOUNDS.directoryStrengths),
        reliability: reliabilityOf(reliability[i]),
        wonDealsTogether: won.find((w) => w.id === orgId)?.n ?? 0,
        partnershipStatus: partnerships.find((p) => p.other === orgId)?.status ?? null,
      });
    });
    return entries
      .sort(
        (a, b) =>
          b.matchedNeeds.length - a.matchedNeeds.length ||
          (b.reliability.onTimeRate ?? -1) - (a.reliability.onTimeRate ?? -1) ||
          b.wonDealsTogether - a.wonDealsTogether ||
          a.organization.name.localeCompare(b.organization.name),
      )
      .slice(0, LIST_BOUNDS.directoryEntries);
  }
}
