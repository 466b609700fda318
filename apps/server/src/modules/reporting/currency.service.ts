import { DEFAULT_STAGE_WEIGHTS, OPEN_STAGES, isCurrency } from "@cosell/schema";
import type { DealStage, StageWeights } from "@cosell/schema";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput } from "../../errors.js";
import { newId } from "../../ids.js";
import { Organization } from "../organization/organization.entity.js";
import { Converter, sortRates } from "./currency.js";
import { ExchangeRate } from "./exchange-rate.entity.js";
import type { SetExchangeRateInput, SetReportingCurrencyInput, SetStageWeightsInput } from "./reporting.inputs.js";
import { StageWeight } from "./reporting.types.js";

/**
 * An organization's reporting settings: its reporting currency (managers and admins choose it),
 * its table of exchange rates into that currency (admins keep it, as they would a finance
 * setting), and its stage weights (managers and admins). Every member and API token of the
 * organization reads them; nobody outside it does.
 */
export class ReportingSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async reportingCurrencyOf(organizationId: string): Promise<string> {
    const org = await this.dataSource.manager.findOneByOrFail(Organization, { id: organizationId });
    return org.reportingCurrency;
  }

  async setReportingCurrency(policy: Policy, input: SetReportingCurrencyInput): Promise<Organization> {
    policy.assertManager("Only a manager or admin sets the reporting currency");
    if (!isCurrency(input.currency)) throw badInput("currency", `"${input.currency}" is not an ISO 4217 currency`);
    const orgId = policy.viewer.organizationId;
    return this.uow.run(async (em) => {
      await em.update(Organization, { id: orgId }, { reportingCurrency: input.currency });
      return em.findOneByOrFail(Organization, { id: orgId });
    });
  }

  /** The organization's rates, by currency and newest first (rates into an earlier reporting currency included). */
  async exchangeRates(policy: Policy): Promise<ExchangeRate[]> {
    return sortRates(await this.dataSource.manager.findBy(ExchangeRate, { organizationId: policy.viewer.organizationId }));
  }

  async setExchangeRate(policy: Policy, input: SetExchangeRateInput): Promise<ExchangeRate> {
    const userId = policy.assertAdmin("Only an admin sets exchange rates");
    const orgId = policy.viewer.organizationId;
    if (!isCurrency(input.fromCurrency)) throw badInput("fromCurrency", `"${input.fromCurrency}" is not an ISO 4217 currency`);
    return this.uow.run(async (em) => {
      // Read in the transaction: a concurrent change of the reporting currency cannot slip between.
      const [org] = await em.query<{ reporting_currency: string }[]>(
        `SELECT reporting_currency FROM organization WHERE id = $1 FOR SHARE`,
        [orgId],
      );
      const reporting = org!.reporting_currency;
      const to = input.toCurrency ?? reporting;
      if (to !== reporting) throw badInput("toCurrency", `must be the reporting currency, ${reporting}`);
      if (input.fromCurrency === reporting) throw badInput("fromCurrency", `is the reporting currency, ${reporting}: it needs no rate`);
      await em.query(
        `INSERT INTO exchange_rate (id, organization_id, from_currency, to_currency, rate, valid_from, set_by_id, set_at)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7, now())
         ON CONFLICT (organization_id, from_currency, to_currency, valid_from)
         DO UPDATE SET rate = EXCLUDED.rate, set_by_id = EXCLUDED.set_by_id, set_at = EXCLUDED.set_at`,
        [newId(), orgId, input.fromCurrency, to, input.rate, input.validFrom, userId],
      );
      return em.findOneByOrFail(ExchangeRate, {
        organizationId: orgId,
        fromCurrency: input.fromCurrency,
        toCurrency: to,
        validFrom: input.validFrom,
      });
    });
  }

  /** A converter into the organization's reporting currency with its whole table of rates. */
  async converter(organizationId: string): Promise<Converter> {
    const [currency, rates] = await Promise.all([
      this.reportingCurrencyOf(organizationId),
      this.dataSource.manager.findBy(ExchangeRate, { organizationId }),
    ]);
    return new Converter(currency, rates);
  }

  /** Every stage's weight: the organization's own for open stages it set, the defaults otherwise. */
  async stageWeights(organizationId: string): Promise<StageWeight[]> {
    const rows = await this.dataSource.query<{ stage: DealStage; percent: number }[]>(
      `SELECT stage, percent FROM stage_weight WHERE organization_id = $1`,
      [organizationId],
    );
    const set = new Map(rows.map((row) => [row.stage, row.percent]));
    return (Object.keys(DEFAULT_STAGE_WEIGHTS) as DealStage[]).map((stage) =>
      Object.assign(new StageWeight(), { stage, percent: set.get(stage) ?? DEFAULT_STAGE_WEIGHTS[stage], custom: set.has(stage) }),
    );
  }

  async weightsByStage(organizationId: string): Promise<StageWeights> {
    return Object.fromEntries((await this.stageWeights(organizationId)).map((w) => [w.stage, w.percent])) as unknown as StageWeights;
  }

  async setStageWeights(policy: Policy, input: SetStageWeightsInput): Promise<StageWeight[]> {
    policy.assertManager("Only a manager or admin sets the stage weights");
    const seen = new Set<DealStage>();
    input.weights.forEach((weight, i) => {
      if (!OPEN_STAGES.includes(weight.stage))
        throw badInput(`weights.${i}.stage`, "only open stages have a weight (won counts 100%, lost 0%)");
      if (seen.has(weight.stage)) throw badInput(`weights.${i}.stage`, `${weight.stage} is named twice`);
      seen.add(weight.stage);
    });
    const orgId = policy.viewer.organizationId;
    await this.uow.run(async (em) => {
      await em.query(
        `INSERT INTO stage_weight (organization_id, stage, percent)
         SELECT $1, w.stage, w.percent FROM unnest($2::text[], $3::int[]) AS w(stage, percent)
         ON CONFLICT (organization_id, stage) DO UPDATE SET percent = EXCLUDED.percent`,
        [orgId, input.weights.map((w) => w.stage), input.weights.map((w) => w.percent)],
      );
    });
    return this.stageWeights(orgId);
  }
}
