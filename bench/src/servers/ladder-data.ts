/** The in-memory board every rung of the query ladder serves: same data, same result shape. */
export interface DealRow {
  readonly id: string;
  readonly organizationId: string;
  readonly title: string;
  readonly stage: string;
  readonly amount: { readonly amount: string; readonly currency: string };
  readonly members: readonly {
    readonly role: string;
    readonly access: string;
    readonly user: { readonly id: string; readonly name: string };
  }[];
}

export const ORG = "0190a000-0000-7000-8000-000000000001";
const STAGES = ["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"];

export const DEALS: readonly DealRow[] = Array.from({ length: 50 }, (_, i) => ({
  id: `deal-${i + 1}`,
  organizationId: ORG,
  title: `Print run ${i + 1} for Initech`,
  stage: STAGES[i % STAGES.length]!,
  amount: { amount: `${(i + 1) * 1250}.00`, currency: "USD" },
  members: [
    { role: "OWNER", access: "WRITE", user: { id: "user-ana", name: "Ana Alvarez" } },
    { role: "PARTNER_REP", access: "WRITE", user: { id: "user-lee", name: "Lee Li" } },
    { role: "OBSERVER", access: "READ", user: { id: "user-max", name: "Max Moreau" } },
  ],
}));

export const LADDER_QUERY = `query Board($first: Int!) { deals(first: $first) { id title stage amount { amount currency } members { role access user { id name } } } }`;
export const LADDER_BODY = JSON.stringify({ query: LADDER_QUERY, variables: { first: 20 }, operationName: "Board" });

export const firstDeals = (first: number): readonly DealRow[] => DEALS.slice(0, Math.max(0, Math.min(first, 100)));
