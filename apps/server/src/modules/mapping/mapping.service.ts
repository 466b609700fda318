import { RevealLevel, domainProblem, normalizeDomain } from "@cosell/schema";
import type { DealStage } from "@cosell/schema";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { actorId } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict } from "../../errors.js";
import type { DomainError } from "../../errors.js";
import { connection, decodeCursor, encodeCursor, pageSize } from "../../paging.js";
import type { Partnership } from "../partnership/partnership.entity.js";
import type { PartnershipService } from "../partnership/partnership.service.js";
import { OVERLAP_COUNTS_SQL, REVEALED_ACCOUNTS_SQL, overlapParams } from "./mapping.sql.js";
import type { RevealAccountsInput, SetAccountMappingInput } from "./mapping.inputs.js";
import {
  AccountMapping,
  AccountOverlap,
  AccountReveal,
  OverlappingAccount,
  OverlappingAccountConnection,
  StageOverlap,
} from "./mapping.types.js";
import type { MappingSide } from "./mapping.types.js";

const CURSOR_TAG = "OverlappingAccount";

/**
 * Private account mapping (docs/PARTNERING.md): each side of a partnership opts in and says what it
 * reveals; accounts are matched on the server, in SQL, by normalized domain, only while both sides
 * opted in and the partnership is SIGNED. Neither side reads the other's accounts except the
 * overlapping ones the other side revealed, and then only what it revealed.
 */
export class AccountMappingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly partnerships: PartnershipService,
  ) {}

  /**
   * Opts the viewer's organization in or out. Opting in takes a SIGNED partnership, decided by the
   * statement that writes (the partnership row share-locked, as terminatePartnership takes it);
   * opting out always succeeds and touches only the caller's own row.
   */
  async set(policy: Policy, input: SetAccountMappingInput): Promise<Partnership> {
    policy.assertActsForOrganization("Only a manager, an admin or an API token of your organization sets account mapping");
    const partnership = await this.partnerships.get(policy, input.partnershipId);
    const rows = await returning<MappingSide>(
      this.dataSource.manager,
      `INSERT INTO account_mapping (partnership_id, organization_id, enabled, default_level, updated_by_id, updated_at)
       SELECT p.id, $2, $3, coalesce($4, 'NONE'), $5, now() FROM partnership p
        WHERE p.id = $1 AND (NOT $3 OR p.status = 'SIGNED')
        FOR SHARE
       ON CONFLICT (partnership_id, organization_id) DO UPDATE
          SET enabled = EXCLUDED.enabled, default_level = coalesce($4, account_mapping.default_level),
              updated_by_id = EXCLUDED.updated_by_id, updated_at = now()
       RETURNING partnership_id, organization_id, enabled, default_level`,
      [partnership.id, policy.viewer.organizationId, input.enabled, input.defaultRevealLevel ?? null, actorId(policy.viewer)],
    );
    // Refused by the statement: the partnership is not signed (now; it may have just ended).
    if (rows.length === 0) throw notSigned((await this.partnerships.get(policy, input.partnershipId)).status);
    return partnership;
  }

  /** Counts only, read in one statement with the opt-ins it depends on. */
  async overlap(policy: Policy, partnershipGlobalId: string): Promise<AccountOverlap> {
    const partnership = await this.partnerships.get(policy, partnershipGlobalId);
    const [row] = await this.dataSource.query<{ active: boolean; by_stage: StageOverlap[] }[]>(
      OVERLAP_COUNTS_SQL,
      overlapParams(partnership.id, policy.viewer.organizationId, null),
    );
    const byStage = (row?.by_stage ?? []).map((pair) => Object.assign(new StageOverlap(), pair));
    const total = (keep: (pair: StageOverlap) => boolean) => byStage.filter(keep).reduce((sum, pair) => sum + pair.count, 0);
    return Object.assign(new AccountOverlap(), {
      active: row?.active ?? false,
      common: total(() => true),
      withMyOpenDeals: total((pair) => pair.myStage !== null),
      withTheirOpenDeals: total((pair) => pair.theirStage !== null),
      withBothOpenDeals: total((pair) => pair.myStage !== null && pair.theirStage !== null),
      byStage,
    });
  }

  /** The overlapping accounts the partner firm revealed, by domain; empty while mapping is not active. */
  async revealed(
    policy: Policy,
    args: { partnershipId: string; first?: number | null; after?: string | null },
  ): Promise<OverlappingAccountConnection> {
    const first = pageSize(args.first);
    const after = args.after == null ? null : domainAfter(args.after);
    const partnership = await this.partnerships.get(policy, args.partnershipId);
    const rows = await this.dataSource.query<
      {
        domain: string;
        my_level: RevealLevel;
        their_level: RevealLevel;
        my_account_id: string;
        their_name: string;
        their_stage: DealStage | null;
        their_owner_id: string | null;
      }[]
    >(REVEALED_ACCOUNTS_SQL, [...overlapParams(partnership.id, policy.viewer.organizationId, null), after, first + 1]);
    const edges = rows.slice(0, first).map((row) => ({
      cursor: encodeCursor([CURSOR_TAG, row.domain]),
      node: Object.assign(new OverlappingAccount(), {
        accountDomain: row.domain,
        accountId: row.my_account_id,
        theirRevealLevel: row.their_level,
        theirAccountName: row.their_name,
        theirOpenDeal: row.their_stage && row.their_owner_id ? { stage: row.their_stage, ownerId: row.their_owner_id } : null,
        myRevealLevel: row.my_level,
      }),
    }));
    return Object.assign(new OverlappingAccountConnection(), connection(edges, rows.length > first, after !== null));
  }

  /**
   * Sets what the viewer's organization reveals of some of its own accounts on a SIGNED partnership.
   * Only the caller's own domains are accepted (a domain it has no account on is BAD_USER_INPUT,
   * which says nothing of the other side); whether they overlap is never said.
   */
  async reveal(policy: Policy, input: RevealAccountsInput): Promise<AccountReveal[]> {
    policy.assertActsForOrganization("Only a manager, an admin or an API token of your organization decides what it reveals");
    for (const domain of input.accountDomains) {
      const problem = domainProblem(domain);
      if (problem) throw badInput("accountDomains", `${domain} ${problem}`);
    }
    const domains = [...new Set(input.accountDomains.map(normalizeDomain))];
    const partnership = await this.partnerships.get(policy, input.partnershipId);
    const org = policy.viewer.organizationId;
    return this.uow.run(async (em) => {
      const rows = await returning<{ normalized_domain: string; level: RevealLevel }>(
        em,
        `WITH signed AS (SELECT id FROM partnership WHERE id = $1 AND status = 'SIGNED' FOR SHARE),
              own AS (SELECT DISTINCT normalized_domain FROM account WHERE organization_id = $2 AND normalized_domain = ANY($3::text[]))
         INSERT INTO account_reveal (partnership_id, organization_id, normalized_domain, level, updated_at)
         SELECT signed.id, $2, own.normalized_domain, $4, now() FROM signed CROSS JOIN own
         ON CONFLICT (partnership_id, organization_id, normalized_domain) DO UPDATE SET level = EXCLUDED.level, updated_at = now()
         RETURNING normalized_domain, level`,
        [partnership.id, org, domains, input.level],
      );
      if (rows.length === 0) {
        const [now] = await em.query<{ status: string }[]>(`SELECT status FROM partnership WHERE id = $1`, [partnership.id]);
        if (now?.status !== "SIGNED") throw notSigned(now?.status ?? partnership.status);
      }
      const written = new Set(rows.map((row) => row.normalized_domain));
      const unknown = domains.find((domain) => !written.has(domain));
      if (unknown) throw badInput("accountDomains", `${unknown} is not the domain of one of your organization's accounts`);
      return domains.map((domain) => Object.assign(new AccountReveal(), { accountDomain: domain, level: input.level }));
    });
  }
}

const notSigned = (status: string): DomainError =>
  conflict(`The partnership is ${status.toLowerCase()}; account mapping needs a signed one`, {
    reason: "PARTNERSHIP_NOT_SIGNED",
  });

/** The partnership's mapping as `organizationId` (one of its sides) sees it, from both sides' rows. */
export function mappingOf(partnership: Partnership, organizationId: string, sides: readonly MappingSide[]): AccountMapping {
  const mine = sides.find((side) => side.organization_id === organizationId);
  const theirs = sides.find((side) => side.organization_id === partnership.otherSide(organizationId));
  const enabled = mine?.enabled ?? false;
  const partnerEnabled = theirs?.enabled ?? false;
  return Object.assign(new AccountMapping(), {
    enabled,
    partnerEnabled,
    active: enabled && partnerEnabled && partnership.status === "SIGNED",
    defaultRevealLevel: mine?.default_level ?? RevealLevel.NONE,
  });
}

/** The domain an `overlappingAccounts` cursor stands after. */
function domainAfter(cursor: string): string {
  const [tag, domain, ...rest] = decodeCursor(cursor);
  if (tag !== CURSOR_TAG || typeof domain !== "string" || rest.length > 0) throw badInput("after", "is not a cursor of this list");
  return domain;
}
