import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ACCEPT_COMMITMENT, ADD_COMMITMENT, COMPLETE_COMMITMENT, MOVE, inDays, openRoom, signInDemoPeople } from "./helpers.js";

/**
 * The story of March 2026 at Acme, with known answers: six deals closed, two partners took part,
 * one deal in euros (a rate exists) and one in pounds (no rate). The history is written through the
 * API and then dated into March with SQL, so that days-to-close and rates-by-date are known.
 */

let t: TestServer;
let tokens: Record<string, string>;
let ids: Record<string, string>;
const orgs: Record<string, string> = {};
const deals: Record<string, string> = {};

const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

const SET_RATE = `mutation ($input: SetExchangeRateInput!) { setExchangeRate(input: $input) { fromCurrency toCurrency rate validFrom } }`;
const SET_CURRENCY = `mutation ($input: SetReportingCurrencyInput!) { setReportingCurrency(input: $input) { name reportingCurrency } }`;
const PERFORMANCE = `query ($from: String!, $to: String!) { partnerPerformance(from: $from, to: $to) {
  organization { name } sourcedDeals influencedDeals wonDeals wonAmount { amount currency } wonUnconverted { amount currency }
  ratesUsed { fromCurrency rate validFrom } winRate winRateWithout medianDaysToClose medianDaysToCloseWithout onTimeRate } }`;
const FIGURES = `query ($from: String!, $to: String!) { pipelineFigures(from: $from, to: $to) {
  reportingCurrency won lost winRate wonAmount { amount currency } wonUnconverted { amount currency } medianDaysToClose
  conversions { fromStage toStage entered advanced rate }
  stages { stage weight deals total { amount currency } weighted { amount currency } unconverted { amount currency } }
  total { amount } weighted { amount } unconverted { amount currency }
  reps { rep { name } openDeals won lost winRate wonAmount { amount } }
  ratesUsed { fromCurrency toCurrency rate validFrom } } }`;
const STAGE_CHANGES = `query ($first: Int, $after: String, $filter: StageChangeFilter) { stageChanges(first: $first, after: $after, filter: $filter) {
  edges { cursor node { opportunity { id title } fromStage toStage at changedBy { name } } } pageInfo { hasNextPage endCursor } } }`;
const MARCH = { from: "2026-03-01", to: "2026-03-31" };

async function move(id: string | undefined, ...stages: string[]): Promise<void> {
  if (!id) throw new Error("no such deal");
  for (const stage of stages) {
    const current = await t.gql(`query ($id: ID!) { opportunity(id: $id) { version } }`, { id }, tokens.max);
    const moved = await t.gql(MOVE, { input: { id, stage, expectedVersion: current.data!.opportunity.version } }, tokens.max);
    if (moved.errors) throw new Error(JSON.stringify(moved.errors));
  }
}

/** Dates a deal's history: created (and opened) on the first day, each later move on the next day listed. */
async function dateHistory(id: string | undefined, days: string[]): Promise<void> {
  const row = rowId(id ?? "");
  await t.sql(`UPDATE opportunity SET created_at = $2::date + time '12:00' WHERE id = $1`, [row, days[0]]);
  const moves = await t.sql<{ id: string }>(`SELECT id FROM stage_change WHERE opportunity_id = $1 ORDER BY seq`, [row]);
  expect(moves).toHaveLength(days.length);
  for (const [i, move] of moves.entries())
    await t.sql(`UPDATE stage_change SET at = $2::date + time '12:00' WHERE id = $1`, [move.id, days[i]]);
}

beforeAll(async () => {
  t = await startTestServer();
  ({ tokens, ids } = await signInDemoPeople(t));
  tokens.ada = await t.login("ada@acme.test");
  for (const handle of ["max", "pat", "pia", "gus"]) {
    const viewer = await t.gql(`{ viewer { organization { id name } } }`, {}, tokens[handle]);
    orgs[viewer.data!.viewer.organization.name] = viewer.data!.viewer.organization.id;
  }

  // D1: Pixel registered it; Acme approved, then won it (1000 USD, 10 days).
  const registered = await t.gql(
    `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { id } }`,
    {
      input: {
        vendorOrganizationId: orgs["Acme Print"],
        accountName: "Newco Reporting",
        accountDomain: "newco-reporting.test",
        title: "D1 sourced by Pixel",
        amount: { amount: "1000.00", currency: "USD" },
      },
    },
    tokens.lee,
  );
  const approved = await t.gql(
    `mutation ($input: ReviewDealRegistrationInput!) { reviewDealRegistration(input: $input) { opportunity { id } } }`,
    { input: { id: registered.data!.registerDeal.id, decision: "APPROVE" } },
    tokens.max,
  );
  deals.d1 = approved.data!.reviewDealRegistration.opportunity.id;
  // D2: Lee of Pixel works it as a member; won (2000 EUR, 20 days). D6 likewise but in GBP (30 days).
  deals.d2 = await openRoom(t, {
    title: "D2 influenced by Pixel",
    amount: "2000.00",
    currency: "EUR",
    members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]],
  });
  deals.d6 = await openRoom(t, {
    title: "D6 in pounds",
    amount: "300.00",
    currency: "GBP",
    members: [["lee@pixel.test", "PARTNER_REP", "READ"]],
  });
  // D3: Sam of Paperworks helps; lost. D4 won alone (400 USD, 4 days); D5 lost alone.
  deals.d3 = await openRoom(t, {
    title: "D3 influenced by Paperworks",
    amount: "500.00",
    members: [["sam@paperworks.test", "PARTNER_REP", "WRITE"]],
  });
  deals.d4 = await openRoom(t, { title: "D4 alone", amount: "400.00" });
  deals.d5 = await openRoom(t, { title: "D5 alone, lost", amount: "700.00" });

  // Lee's two commitments on D2, one kept and one late (their times dated into March below).
  for (const title of ["Mock-ups", "Brand guide"]) {
    const added = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: deals.d2, assigneeId: ids.lee, title, dueAt: inDays(2) } },
      tokens.ana,
    );
    const id = added.data!.addCommitment.id;
    await t.gql(ACCEPT_COMMITMENT, { input: { id } }, tokens.lee);
    const done = await t.gql(COMPLETE_COMMITMENT, { input: { id } }, tokens.lee);
    expect(done.data!.completeCommitment.status).toBe("DONE");
  }
  await t.sql(`UPDATE commitment SET due_at = '2026-03-15T12:00Z', completed_at = '2026-03-14T12:00Z' WHERE title = 'Mock-ups'`);
  await t.sql(`UPDATE commitment SET due_at = '2026-03-16T12:00Z', completed_at = '2026-03-18T12:00Z' WHERE title = 'Brand guide'`);

  await move(deals.d1, "QUALIFICATION", "CLOSED_WON");
  await move(deals.d2, "QUALIFICATION", "PROPOSAL", "CLOSED_WON");
  await move(deals.d3, "CLOSED_LOST");
  await move(deals.d4, "CLOSED_WON");
  await move(deals.d5, "QUALIFICATION", "CLOSED_LOST");
  await move(deals.d6, "CLOSED_WON");
  await dateHistory(deals.d1, ["2026-03-01", "2026-03-05", "2026-03-11"]);
  await dateHistory(deals.d2, ["2026-03-01", "2026-03-03", "2026-03-06", "2026-03-21"]);
  await dateHistory(deals.d3, ["2026-03-01", "2026-03-08"]);
  await dateHistory(deals.d4, ["2026-03-01", "2026-03-05"]);
  await dateHistory(deals.d5, ["2026-03-01", "2026-03-02", "2026-03-09"]);
  await dateHistory(deals.d6, ["2026-03-01", "2026-03-31"]);

  // Euros have a rate from January (1.1) and a newer one from 22 March (1.2): D2 closed on the 21st.
  for (const [rate, validFrom] of [
    ["1.1", "2026-01-01"],
    ["1.2", "2026-03-22"],
  ]) {
    const set = await t.gql(SET_RATE, { input: { fromCurrency: "EUR", rate, validFrom } }, tokens.ada);
    expect(set.errors).toBeUndefined();
  }
});
afterAll(() => t?.close());

describe("partner attribution from the record", () => {
  it("counts a registered deal as sourced and a deal worked together as influenced, with the figures with and without", async () => {
    const result = await t.gql(PERFORMANCE, MARCH, tokens.max);
    expect(result.errors).toBeUndefined();
    const byName = Object.fromEntries(
      result.data!.partnerPerformance.map((row: { organization: { name: string } }) => [row.organization.name, row]),
    );
    expect(byName["Pixel Studio"]).toEqual({
      organization: { name: "Pixel Studio" },
      sourcedDeals: 1, // D1
      influencedDeals: 2, // D2, D6
      wonDeals: 3,
      // 1000.00 USD + 2000.00 EUR × 1.1 (the rate in force on 21 March); D6's pounds have no rate.
      wonAmount: { amount: "3200.00", currency: "USD" },
      wonUnconverted: [{ amount: "300.00", currency: "GBP" }],
      ratesUsed: [{ fromCurrency: "EUR", rate: "1.1", validFrom: "2026-01-01" }],
      winRate: 1,
      winRateWithout: 1 / 3, // D3 lost, D4 won, D5 lost
      medianDaysToClose: 20, // 10, 20, 30
      medianDaysToCloseWithout: 4, // D4
      onTimeRate: 0.5, // one of Lee's two commitments on time
    });
    expect(byName["Paperworks"]).toMatchObject({
      sourcedDeals: 0,
      influencedDeals: 1, // D3
      wonDeals: 0,
      wonAmount: { amount: "0.00", currency: "USD" },
      winRate: 0,
      winRateWithout: 0.8, // D1, D2, D4, D6 won; D5 lost
      medianDaysToClose: null,
      medianDaysToCloseWithout: 15, // 4, 10, 20, 30
      onTimeRate: null,
    });
  });

  it("counts nothing outside the period", async () => {
    const result = await t.gql(PERFORMANCE, { from: "2026-04-01", to: "2026-04-30" }, tokens.max);
    for (const row of result.data!.partnerPerformance) expect(row).toMatchObject({ sourcedDeals: 0, influencedDeals: 0, winRate: null });
  });

  it("refuses a period that is not two dates in order", async () => {
    expect(codeOf(await t.gql(PERFORMANCE, { from: "2026-03-31", to: "2026-03-01" }, tokens.max))).toBe("BAD_USER_INPUT");
    expect(codeOf(await t.gql(PERFORMANCE, { from: "March", to: "2026-03-01" }, tokens.max))).toBe("BAD_USER_INPUT");
  });
});

describe("the manager's figures", () => {
  it("give win rate, won amount in the reporting currency, median cycle time and stage conversion for the period", async () => {
    const result = await t.gql(FIGURES, MARCH, tokens.max);
    expect(result.errors).toBeUndefined();
    const figures = result.data!.pipelineFigures;
    expect(figures).toMatchObject({
      reportingCurrency: "USD",
      won: 4,
      lost: 2,
      winRate: 4 / 6,
      wonAmount: { amount: "3600.00", currency: "USD" }, // 1000 + 2200 + 400
      wonUnconverted: [{ amount: "300.00", currency: "GBP" }],
      medianDaysToClose: 15,
    });
    expect(figures.conversions).toEqual([
      // All six opened in March; five went on (D3 was lost from prospecting).
      { fromStage: "PROSPECTING", toStage: "QUALIFICATION", entered: 6, advanced: 5, rate: 5 / 6 },
      // D1, D2, D5 qualified; D1 won and D2 reached a proposal.
      { fromStage: "QUALIFICATION", toStage: "PROPOSAL", entered: 3, advanced: 2, rate: 2 / 3 },
      { fromStage: "PROPOSAL", toStage: "NEGOTIATION", entered: 1, advanced: 1, rate: 1 },
      { fromStage: "NEGOTIATION", toStage: "CLOSED_WON", entered: 0, advanced: 0, rate: null },
    ]);
    expect(figures.ratesUsed).toContainEqual({ fromCurrency: "EUR", toCurrency: "USD", rate: "1.1", validFrom: "2026-01-01" });
    const owner = figures.reps.find((rep: { rep: { name: string } }) => rep.rep.name === "Ana Alvarez");
    expect(owner).toMatchObject({ won: 3, lost: 2 });
  });

  it("weights the open pipeline by stage, converts at today's rate and lists amounts without a rate apart", async () => {
    const before = (await t.gql(FIGURES, MARCH, tokens.max)).data!.pipelineFigures;
    const rate = await t.gql(SET_RATE, { input: { fromCurrency: "JPY", rate: "0.0067", validFrom: "2020-01-01" } }, tokens.ada);
    expect(rate.errors).toBeUndefined();
    const yen = await openRoom(t, { title: "Yen deal", amount: "1000000", currency: "JPY" });
    const francs = await openRoom(t, { title: "Franc deal", amount: "250.00", currency: "CHF" });
    await move(yen, "PROPOSAL");
    await move(francs, "PROPOSAL");
    const after = (await t.gql(FIGURES, MARCH, tokens.max)).data!.pipelineFigures;
    const proposal = (figures: typeof before) => figures.stages.find((s: { stage: string }) => s.stage === "PROPOSAL");
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    expect(proposal(after).weight).toBe(50);
    expect(proposal(after).deals).toBe(proposal(before).deals + 2);
    // 1,000,000 JPY × 0.0067 = 6,700.00 USD, weighted 50% = 3,350.00 USD; the francs are not added in.
    expect(cents(proposal(after).total.amount) - cents(proposal(before).total.amount)).toBe(670000);
    expect(cents(proposal(after).weighted.amount) - cents(proposal(before).weighted.amount)).toBe(335000);
    expect(proposal(after).unconverted).toContainEqual({ amount: "250.00", currency: "CHF" });
    expect(after.unconverted).toContainEqual({ amount: "250.00", currency: "CHF" });
  });

  it("uses the weights the organization sets", async () => {
    const SET = `mutation ($input: SetStageWeightsInput!) { setStageWeights(input: $input) { stage percent custom } }`;
    const set = await t.gql(SET, { input: { weights: [{ stage: "PROPOSAL", percent: 40 }] } }, tokens.max);
    expect(set.data!.setStageWeights).toContainEqual({ stage: "PROPOSAL", percent: 40, custom: true });
    expect(set.data!.setStageWeights).toContainEqual({ stage: "PROSPECTING", percent: 10, custom: false });
    const figures = (await t.gql(FIGURES, MARCH, tokens.max)).data!.pipelineFigures;
    expect(figures.stages.find((s: { stage: string }) => s.stage === "PROPOSAL").weight).toBe(40);
    expect(codeOf(await t.gql(SET, { input: { weights: [{ stage: "CLOSED_WON", percent: 40 }] } }, tokens.max))).toBe("BAD_USER_INPUT");
    expect(codeOf(await t.gql(SET, { input: { weights: [{ stage: "PROPOSAL", percent: 101 }] } }, tokens.max))).toBe("BAD_USER_INPUT");
    expect(codeOf(await t.gql(SET, { input: { weights: [{ stage: "PROPOSAL", percent: 30 }] } }, tokens.ana))).toBe("FORBIDDEN");
    await t.gql(SET, { input: { weights: [{ stage: "PROPOSAL", percent: 50 }] } }, tokens.max);
  });
});

describe("reporting currency and exchange rates", () => {
  it("are set by a manager (currency) and an admin (rates), and checked", async () => {
    expect(codeOf(await t.gql(SET_RATE, { input: { fromCurrency: "EUR", rate: "1.3", validFrom: "2026-05-01" } }, tokens.max))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await t.gql(SET_CURRENCY, { input: { currency: "EUR" } }, tokens.ana))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(SET_RATE, { input: { fromCurrency: "EUR", rate: "0", validFrom: "2026-05-01" } }, tokens.ada))).toBe(
      "BAD_USER_INPUT",
    );
    expect(codeOf(await t.gql(SET_RATE, { input: { fromCurrency: "EUR", rate: "1.1", validFrom: "2026-02-30" } }, tokens.ada))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      codeOf(
        await t.gql(SET_RATE, { input: { fromCurrency: "EUR", toCurrency: "GBP", rate: "1.1", validFrom: "2026-05-01" } }, tokens.ada),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(codeOf(await t.gql(SET_RATE, { input: { fromCurrency: "USD", rate: "1", validFrom: "2026-05-01" } }, tokens.ada))).toBe(
      "BAD_USER_INPUT",
    );
    expect(codeOf(await t.gql(SET_CURRENCY, { input: { currency: "XYZ" } }, tokens.max))).toBe("BAD_USER_INPUT");
    const rates = await t.gql(`{ exchangeRates { fromCurrency toCurrency rate validFrom } }`, {}, tokens.ana);
    expect(rates.data!.exchangeRates.filter((r: { fromCurrency: string }) => r.fromCurrency === "EUR")).toEqual([
      { fromCurrency: "EUR", toCurrency: "USD", rate: "1.2", validFrom: "2026-03-22" },
      { fromCurrency: "EUR", toCurrency: "USD", rate: "1.1", validFrom: "2026-01-01" },
    ]);
    const others = await t.gql(`{ exchangeRates { rate } }`, {}, tokens.gus);
    expect(others.data!.exchangeRates).toEqual([]);
  });

  it("in another reporting currency, converts nothing it has no rate for and lists it apart", async () => {
    const set = await t.gql(SET_CURRENCY, { input: { currency: "EUR" } }, tokens.max);
    expect(set.data!.setReportingCurrency).toEqual({ name: "Acme Print", reportingCurrency: "EUR" });
    try {
      const figures = (await t.gql(FIGURES, MARCH, tokens.max)).data!.pipelineFigures;
      // The USD rates were into USD: in EUR only D2 (2000.00 EUR) converts; dollars and pounds stand apart.
      expect(figures.reportingCurrency).toBe("EUR");
      expect(figures.wonAmount).toEqual({ amount: "2000.00", currency: "EUR" });
      expect(figures.wonUnconverted).toEqual(
        expect.arrayContaining([
          { amount: "1400.00", currency: "USD" },
          { amount: "300.00", currency: "GBP" },
        ]),
      );
      expect(figures.ratesUsed).toEqual([]);
    } finally {
      await t.gql(SET_CURRENCY, { input: { currency: "USD" } }, tokens.max);
    }
  });
});

describe("stage history", () => {
  it("is each deal's stored moves, opening first", async () => {
    const result = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { stageHistory { fromStage toStage at changedBy { name } } } }`,
      { id: deals.d2 },
      tokens.ana,
    );
    expect(
      result.data!.opportunity.stageHistory.map((c: { fromStage: string | null; toStage: string }) => [c.fromStage, c.toStage]),
    ).toEqual([
      [null, "PROSPECTING"],
      ["PROSPECTING", "QUALIFICATION"],
      ["QUALIFICATION", "PROPOSAL"],
      ["PROPOSAL", "CLOSED_WON"],
    ]);
    expect(result.data!.opportunity.stageHistory[3]).toMatchObject({ at: "2026-03-21T12:00:00.000Z", changedBy: { name: "Max Meyer" } });
  });

  it("pages the moves newest first, with the cursors of dealStageChanged and its filter", async () => {
    const first = await t.gql(STAGE_CHANGES, { first: 2, filter: { stages: ["CLOSED_WON", "CLOSED_LOST"] } }, tokens.max);
    expect(first.errors).toBeUndefined();
    const page = first.data!.stageChanges;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await t.gql(
      STAGE_CHANGES,
      { first: 100, after: page.pageInfo.endCursor, filter: { stages: ["CLOSED_WON", "CLOSED_LOST"] } },
      tokens.max,
    );
    const all = [...page.edges, ...rest.data!.stageChanges.edges].map(
      (e: { node: { opportunity: { title: string } } }) => e.node.opportunity.title,
    );
    for (const title of [
      "D1 sourced by Pixel",
      "D2 influenced by Pixel",
      "D3 influenced by Paperworks",
      "D4 alone",
      "D5 alone, lost",
      "D6 in pounds",
    ]) {
      expect(all).toContain(title);
    }
    expect(new Set(all).size).toBe(all.length);
    // Newest first: D6's close was the last of the six moves.
    expect(all.indexOf("D6 in pounds")).toBeLessThan(all.indexOf("D1 sourced by Pixel"));
    expect(codeOf(await t.gql(STAGE_CHANGES, { after: "nonsense" }, tokens.max))).toBe("BAD_USER_INPUT");
  });
});

describe("what another company learns", () => {
  it("Globex sees none of Acme's moves, history or deals in any figure", async () => {
    const changes = await t.gql(STAGE_CHANGES, { first: 100 }, tokens.gus);
    expect(changes.data!.stageChanges.edges).toEqual([]);
    const history = await t.gql(`query ($id: ID!) { opportunity(id: $id) { stageHistory { toStage } } }`, { id: deals.d4 }, tokens.gus);
    expect(codeOf(history)).toBe("NOT_FOUND");
    expect((await t.gql(PERFORMANCE, MARCH, tokens.gus)).data!.partnerPerformance).toEqual([]);
    const figures = (await t.gql(FIGURES, MARCH, tokens.gus)).data!.pipelineFigures;
    expect(figures).toMatchObject({ won: 0, lost: 0, winRate: null, reps: [], ratesUsed: [], total: { amount: "0.00" } });
  });

  it("a partner rep sees the moves of the rooms it is in and no other", async () => {
    const changes = await t.gql(STAGE_CHANGES, { first: 100 }, tokens.lee);
    const titles = new Set(
      changes.data!.stageChanges.edges.map((e: { node: { opportunity: { title: string } } }) => e.node.opportunity.title),
    );
    expect(titles.has("D2 influenced by Pixel")).toBe(true);
    for (const hidden of ["D3 influenced by Paperworks", "D4 alone", "D5 alone, lost"]) expect(titles.has(hidden)).toBe(false);
    const history = `query ($id: ID!) { opportunity(id: $id) { stageHistory { toStage } } }`;
    expect((await t.gql(history, { id: deals.d2 }, tokens.lee)).data!.opportunity.stageHistory).toHaveLength(4);
    expect(codeOf(await t.gql(history, { id: deals.d3 }, tokens.lee))).toBe("NOT_FOUND");
  });

  it("a partner firm's own view counts only its own deals: Acme's deals do not show through it", async () => {
    const result = await t.gql(PERFORMANCE, MARCH, tokens.pat);
    expect(result.errors).toBeUndefined();
    expect(result.data!.partnerPerformance).toEqual([
      expect.objectContaining({
        organization: { name: "Acme Print" },
        sourcedDeals: 0,
        influencedDeals: 0,
        wonDeals: 0,
        wonAmount: { amount: "0.00", currency: "USD" },
        winRate: null,
        winRateWithout: null,
      }),
    ]);
    const figures = (await t.gql(FIGURES, MARCH, tokens.pat)).data!.pipelineFigures;
    expect(figures).toMatchObject({ won: 0, lost: 0 });
  });
});
