import { DealStage, OPEN_STAGES, STAGE_ORDER, closeDateProblem, median, rateOf, totalsByCurrency, weightMinor } from "@cosell/schema";
import type { StageWeights } from "@cosell/schema";
import { In } from "typeorm";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { badInput } from "../../errors.js";
import { connection, pageSize } from "../../paging.js";
import type { Money } from "../opportunity/money.js";
import type { StageChangeFilter } from "../opportunity/opportunity.inputs.js";
import type { StageChange } from "../opportunity/opportunity.types.js";
import { seqOfStageChangeCursor } from "../opportunity/stage-change.entity.js";
import { stageChangeConditions, stageChangeSelect, toStageChanges } from "../opportunity/stage-change-query.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { PARTICIPATION_SQL, roleOf } from "./attribution.js";
import type { Role } from "./attribution.js";
import type { Converter, ReportingSum } from "./currency.js";
import { sortRates } from "./currency.js";
import type { ReportingSettingsService } from "./currency.service.js";
import { PartnerPerformance, PipelineFigures, RepFigure, StageConversion, StageFigure } from "./reporting.types.js";
import type { StageChangeConnection } from "./reporting.types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A period of whole UTC days, `from` and `to` included. */
interface Period {
  readonly from: string;
  readonly to: string;
  readonly start: Date;
  /** The instant after the last day. */
  readonly end: Date;
}

/** `from` and `to` (YYYY-MM-DD, both included) as a period; BAD_USER_INPUT naming the argument otherwise. */
export function periodOf(from: string, to: string): Period {
  for (const [field, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    const problem = closeDateProblem(value);
    if (problem) throw badInput(field, problem);
  }
  if (from > to) throw badInput("to", "must not be before from");
  const start = new Date(`${from}T00:00:00Z`);
  return { from, to, start, end: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) };
}

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

interface OpenDeal {
  readonly id: string;
  readonly ownerId: string;
  readonly stage: DealStage;
  readonly minor: bigint;
  readonly currency: string;
}

interface ClosedDeal extends OpenDeal {
  readonly won: boolean;
  /** The UTC day of its move into its closed stage: the day whose rate converts it. */
  readonly closeDay: string;
  readonly daysToClose: number;
}

/**
 * A manager's figures and each partner's worth, computed over the caller's organization's own
 * deals. Every viewer of an organization (its reps, managers, admins and API tokens) may read every
 * deal it owns (DESIGN.md section 2), so these figures show nobody a deal they could not open; a
 * partner firm that calls them gets its own organization's deals, never the vendor's.
 */
export class ReportingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: ReportingSettingsService,
  ) {}

  async pipelineFigures(policy: Policy, from: string, to: string): Promise<PipelineFigures> {
    const period = periodOf(from, to);
    const orgId = policy.viewer.organizationId;
    const [converter, weights, open, closed, entries] = await Promise.all([
      this.settings.converter(orgId),
      this.settings.weightsByStage(orgId),
      this.openDeals(orgId),
      this.closedDeals(orgId, period),
      this.stageMoves(orgId, period),
    ]);
    const today = dayOf(new Date());

    const figures = new PipelineFigures();
    Object.assign(figures, { reportingCurrency: converter.reportingCurrency, asOf: today, from, to });
    const all = converter.sum();
    const allWeighted = converter.sum();
    figures.stages = OPEN_STAGES.map((stage) => {
      const here = open.filter((deal) => deal.stage === stage);
      const sum = converter.sum();
      for (const deal of here) sum.add(deal.minor, deal.currency, today);
      const weighted = weightedSum(converter, here, weights, today);
      for (const deal of here) all.add(deal.minor, deal.currency, today);
      allWeighted.add(weighted.minor, converter.reportingCurrency, today);
      return Object.assign(new StageFigure(), {
        stage,
        weight: weights[stage],
        deals: here.length,
        total: sum.total,
        weighted: weighted.total,
        unconverted: sum.unconverted,
      });
    });
    figures.total = all.total;
    figures.weighted = allWeighted.total;
    figures.unconverted = all.unconverted;

    const won = closed.filter((deal) => deal.won);
    const wonSum = converter.sum();
    for (const deal of won) wonSum.add(deal.minor, deal.currency, deal.closeDay);
    Object.assign(figures, {
      won: won.length,
      lost: closed.length - won.length,
      winRate: rateOf(won.length, closed.length),
      wonAmount: wonSum.total,
      wonUnconverted: wonSum.unconverted,
      medianDaysToClose: median(won.map((deal) => deal.daysToClose)),
      conversions: conversions(entries, period),
    });
    figures.reps = await this.repFigures(converter, weights, open, closed, today);
    figures.ratesUsed = sortRates(converter.used);
    return figures;
  }

  async partnerPerformance(policy: Policy, from: string, to: string): Promise<PartnerPerformance[]> {
    const period = periodOf(from, to);
    const orgId = policy.viewer.organizationId;
    const partners = await this.partnersOf(orgId);
    if (partners.length === 0) return [];
    const [converter, closed, onTime] = await Promise.all([
      this.settings.converter(orgId),
      this.closedDeals(orgId, period),
      this.commitmentsDue(orgId, partners, period),
    ]);
    const facts: { opportunity_id: string; organization_id: string; sourced: boolean; took_part: boolean }[] = closed.length
      ? await this.dataSource.query(PARTICIPATION_SQL, [closed.map((deal) => deal.id), partners])
      : [];
    const roles = new Map<string, Map<string, Role>>(); // partner → deal → role
    for (const row of facts) {
      const role = roleOf(row);
      if (!role) continue;
      const perDeal = roles.get(row.organization_id) ?? new Map<string, Role>();
      perDeal.set(row.opportunity_id, role);
      roles.set(row.organization_id, perDeal);
    }
    const organizations = new Map((await this.dataSource.manager.findBy(Organization, { id: In(partners) })).map((org) => [org.id, org]));
    const rows = partners.map((partnerId) => {
      const perDeal = roles.get(partnerId) ?? new Map<string, Role>();
      const withPartner = closed.filter((deal) => perDeal.has(deal.id));
      const without = closed.filter((deal) => !perDeal.has(deal.id));
      const wonWith = withPartner.filter((deal) => deal.won);
      const wonWithout = without.filter((deal) => deal.won);
      const wonSum = converter.sum();
      for (const deal of wonWith) wonSum.add(deal.minor, deal.currency, deal.closeDay);
      const commitments = onTime.get(partnerId);
      return Object.assign(new PartnerPerformance(), {
        organization: organizations.get(partnerId)!,
        sourcedDeals: [...perDeal.values()].filter((role) => role === "SOURCED").length,
        influencedDeals: [...perDeal.values()].filter((role) => role === "INFLUENCED").length,
        wonDeals: wonWith.length,
        wonAmount: wonSum.total,
        wonUnconverted: wonSum.unconverted,
        ratesUsed: wonSum.rates,
        winRate: rateOf(wonWith.length, withPartner.length),
        winRateWithout: rateOf(wonWithout.length, without.length),
        medianDaysToClose: median(wonWith.map((deal) => deal.daysToClose)),
        medianDaysToCloseWithout: median(wonWithout.map((deal) => deal.daysToClose)),
        onTimeRate: commitments ? rateOf(commitments.onTime, commitments.due) : null,
      });
    });
    return rows.sort(
      (a, b) =>
        b.sourcedDeals + b.influencedDeals - (a.sourcedDeals + a.influencedDeals) || a.organization.name.localeCompare(b.organization.name),
    );
  }

  /** Stage moves the viewer may see, newest first, paged by the moves' cursors (those of dealStageChanged). */
  async stageChanges(
    policy: Policy,
    args: { filter?: StageChangeFilter | null; first?: number | null; after?: string | null },
  ): Promise<StageChangeConnection> {
    const size = pageSize(args.first);
    const { where, params } = stageChangeConditions(policy.viewer, args.filter);
    if (args.after != null) {
      const seq = seqOfStageChangeCursor(args.after);
      if (seq === null) throw badInput("after", "is not a cursor of stageChanges");
      params.push(seq);
      where.push(`sc.seq < $${params.length}`);
    }
    params.push(size + 1);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${stageChangeSelect(this.dataSource)} FROM stage_change sc JOIN opportunity o ON o.id = sc.opportunity_id
        WHERE ${where.join(" AND ")} ORDER BY sc.seq DESC LIMIT $${params.length}`,
      params,
    );
    const changes = await toStageChanges(this.dataSource, rows.slice(0, size));
    return connection(
      changes.map((node) => ({ cursor: node.cursor, node })),
      rows.length > size,
      args.after != null,
    );
  }

  /**
   * The stored stage history of each of `opportunityIds`, oldest first, its opening (no
   * `fromStage`) included. Only for opportunities the caller already may read: the field resolver
   * is reached through one.
   */
  async stageHistories(opportunityIds: readonly string[]): Promise<StageChange[][]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${stageChangeSelect(this.dataSource)} FROM stage_change sc JOIN opportunity o ON o.id = sc.opportunity_id
        WHERE sc.opportunity_id = ANY($1::uuid[]) ORDER BY sc.seq`,
      [opportunityIds],
    );
    const changes = await toStageChanges(this.dataSource, rows);
    return opportunityIds.map((id) => changes.filter((change) => change.opportunity.id === id));
  }

  private async openDeals(orgId: string): Promise<OpenDeal[]> {
    const rows: { id: string; owner_id: string; stage: DealStage; amount_minor: string; currency: string }[] = await this.dataSource.query(
      `SELECT id, owner_id, stage, amount_minor::text AS amount_minor, currency FROM opportunity
        WHERE organization_id = $1 AND stage = ANY($2::text[])`,
      [orgId, OPEN_STAGES],
    );
    return rows.map((row) => ({
      id: row.id,
      ownerId: row.owner_id,
      stage: row.stage,
      minor: BigInt(row.amount_minor),
      currency: row.currency,
    }));
  }

  /** The organization's deals that moved into CLOSED_WON or CLOSED_LOST in the period and are still there. */
  private async closedDeals(orgId: string, period: Period): Promise<ClosedDeal[]> {
    const rows: {
      id: string;
      owner_id: string;
      stage: DealStage;
      amount_minor: string;
      currency: string;
      created_at: Date;
      closed_at: Date;
    }[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT o.id, o.owner_id, o.stage, o.amount_minor::text AS amount_minor, o.currency, o.created_at,
                coalesce((SELECT max(sc.at) FROM stage_change sc WHERE sc.opportunity_id = o.id AND sc.to_stage = o.stage), o.updated_at) AS closed_at
           FROM opportunity o
          WHERE o.organization_id = $1 AND o.stage IN ('${DealStage.CLOSED_WON}', '${DealStage.CLOSED_LOST}')
       ) closed WHERE closed_at >= $2 AND closed_at < $3`,
      [orgId, period.start, period.end],
    );
    return rows.map((row) => {
      const closedAt = new Date(row.closed_at);
      return {
        id: row.id,
        ownerId: row.owner_id,
        stage: row.stage,
        minor: BigInt(row.amount_minor),
        currency: row.currency,
        won: row.stage === DealStage.CLOSED_WON,
        closeDay: dayOf(closedAt),
        daysToClose: Math.round(((closedAt.getTime() - new Date(row.created_at).getTime()) / DAY_MS) * 10) / 10,
      };
    });
  }

  /** Every stage entry (openings included) of the organization's deals from the period's start on, in order. */
  private stageMoves(orgId: string, period: Period): Promise<StageEntry[]> {
    return this.dataSource
      .query<{ opportunity_id: string; to_stage: DealStage; at: Date }[]>(
        `SELECT sc.opportunity_id, sc.to_stage, sc.at FROM stage_change sc JOIN opportunity o ON o.id = sc.opportunity_id
          WHERE o.organization_id = $1 AND sc.at >= $2 ORDER BY sc.seq`,
        [orgId, period.start],
      )
      .then((rows) => rows.map((row) => ({ opportunityId: row.opportunity_id, stage: row.to_stage, at: new Date(row.at) })));
  }

  /** The organization's signed partners (a partnership both sides signed, terminated since or not). */
  private async partnersOf(orgId: string): Promise<string[]> {
    const rows: { org: string }[] = await this.dataSource.query(
      `SELECT DISTINCT CASE WHEN proposer_organization_id = $1 THEN partner_organization_id ELSE proposer_organization_id END AS org
         FROM partnership
        WHERE $1 IN (proposer_organization_id, partner_organization_id)
          AND in_force_revision IS NOT NULL`,
      [orgId],
    );
    return rows.map((row) => row.org);
  }

  /** Per partner firm: its people's commitments on the organization's deals due in the period, done on time and due. */
  private async commitmentsDue(
    orgId: string,
    partners: readonly string[],
    period: Period,
  ): Promise<Map<string, { onTime: number; due: number }>> {
    const rows: { org: string; on_time: number; due: number }[] = await this.dataSource.query(
      `SELECT u.organization_id AS org,
              count(*) FILTER (WHERE c.status = 'DONE' AND c.completed_at <= c.due_at)::int AS on_time,
              count(*) FILTER (WHERE c.status IN ('DONE', 'MISSED'))::int AS due
         FROM commitment c JOIN app_user u ON u.id = c.assignee_id JOIN opportunity o ON o.id = c.opportunity_id
        WHERE o.organization_id = $1 AND u.organization_id = ANY($2::uuid[]) AND c.due_at >= $3 AND c.due_at < $4
        GROUP BY u.organization_id`,
      [orgId, partners, period.start, period.end],
    );
    return new Map(rows.map((row) => [row.org, { onTime: row.on_time, due: row.due }]));
  }

  private async repFigures(
    converter: Converter,
    weights: StageWeights,
    open: readonly OpenDeal[],
    closed: readonly ClosedDeal[],
    today: string,
  ): Promise<RepFigure[]> {
    const ownerIds = [...new Set([...open, ...closed].map((deal) => deal.ownerId))];
    const users = ownerIds.length ? await this.dataSource.manager.findBy(User, { id: In(ownerIds) }) : [];
    return users
      .map((rep) => {
        const mine = open.filter((deal) => deal.ownerId === rep.id);
        const closedMine = closed.filter((deal) => deal.ownerId === rep.id);
        const won = closedMine.filter((deal) => deal.won);
        const pipeline = converter.sum();
        for (const deal of mine) pipeline.add(deal.minor, deal.currency, today);
        const wonSum = converter.sum();
        for (const deal of won) wonSum.add(deal.minor, deal.currency, deal.closeDay);
        return Object.assign(new RepFigure(), {
          rep,
          openDeals: mine.length,
          pipeline: pipeline.total,
          weighted: weightedSum(converter, mine, weights, today).total,
          won: won.length,
          lost: closedMine.length - won.length,
          winRate: rateOf(won.length, closedMine.length),
          wonAmount: wonSum.total,
          // The same currency can lack a rate today and on a close day: one line per currency.
          unconverted: totalsByCurrency([...pipeline.unconverted, ...wonSum.unconverted]) as Money[],
        });
      })
      .sort((a, b) => b.openDeals + b.won + b.lost - (a.openDeals + a.won + a.lost) || a.rep.name.localeCompare(b.rep.name));
  }
}

interface StageEntry {
  readonly opportunityId: string;
  readonly stage: DealStage;
  readonly at: Date;
}

/** Each deal weighted by its stage's percent after conversion, then added: every deal rounds once. */
function weightedSum(converter: Converter, deals: readonly OpenDeal[], weights: StageWeights, today: string): ReportingSum {
  const weighted = converter.sum();
  for (const deal of deals) {
    const converted = converter.sum().add(deal.minor, deal.currency, today);
    if (converted.unconverted.length === 0)
      weighted.add(weightMinor(converted.minor, weights[deal.stage]), converter.reportingCurrency, today);
  }
  return weighted;
}

/**
 * For each open stage: deals that entered it in the period (created there or moved into it), and
 * how many of them later reached the next stage or any stage past it, short of CLOSED_LOST.
 */
function conversions(entries: readonly StageEntry[], period: Period): StageConversion[] {
  const rank = (stage: DealStage) => STAGE_ORDER.indexOf(stage);
  const perDeal = new Map<string, StageEntry[]>();
  for (const entry of entries) {
    const moves = perDeal.get(entry.opportunityId);
    if (moves) moves.push(entry);
    else perDeal.set(entry.opportunityId, [entry]);
  }
  return OPEN_STAGES.map((stage) => {
    let entered = 0;
    let advanced = 0;
    for (const moves of perDeal.values()) {
      const first = moves.findIndex((move) => move.stage === stage && move.at < period.end);
      if (first < 0) continue;
      entered += 1;
      if (moves.slice(first + 1).some((move) => move.stage !== DealStage.CLOSED_LOST && rank(move.stage) > rank(stage))) advanced += 1;
    }
    return Object.assign(new StageConversion(), {
      fromStage: stage,
      toStage: STAGE_ORDER[rank(stage) + 1]!,
      entered,
      advanced,
      rate: rateOf(advanced, entered),
    });
  });
}
