import { ActivityKind, CoSellRequestStatus, NotificationKind, OPEN_STAGES, TITLE_MAX, normalizeDomain } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import { In } from "typeorm";
import { signedPartnershipHolds } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import { attributedTo } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import { returning } from "../../db/sql.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { Account } from "../account/account.entity.js";
import { appendActivity } from "../activity/activity.service.js";
import { excerpt, notify, roomUrl } from "../notification/notify.js";
import { openOpportunity } from "../opportunity/opportunity.service.js";
import { Organization } from "../organization/organization.entity.js";
import type { PartnershipService } from "../partnership/partnership.service.js";
import { admitPartnerRep, announceMembership } from "../room/room.service.js";
import { User } from "../user/user.entity.js";
import { CoSellRequest } from "./co-sell-request.entity.js";
import type { AnswerCoSellRequestInput, RequestCoSellInput } from "./mapping.inputs.js";
import { FILE_CO_SELL_REQUEST_SQL, overlapParams, overlapSql } from "./mapping.sql.js";
import { CO_SELL_REQUESTS_MAX } from "./mapping.types.js";

/**
 * Co-sell requests: from an overlapping account the partner firm revealed, a rep asks that firm to
 * work it together; a manager of the asked firm accepts once (a room opens, or their rep joins the
 * requester's open deal on the account) or declines. Both firms see the request; nobody else does.
 */
export class CoSellService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly partnerships: PartnershipService,
  ) {}

  /** A request the viewer's organization sent or received, else NOT_FOUND (as for a random id). */
  async get(policy: Policy, globalId: string): Promise<CoSellRequest> {
    const request = await findVisible(this.dataSource.manager, CoSellRequest, "CoSellRequest", globalId, "Co-sell request", (row) =>
      policy.canReadCoSellRequest(row),
    );
    return (await withAccountNames(this.dataSource.manager, policy.viewer.organizationId, [request]))[0]!;
  }

  /** Requests the viewer's organization sent or received, newest first (at most `CO_SELL_REQUESTS_MAX`). */
  async list(policy: Policy, status: CoSellRequestStatus | null | undefined): Promise<CoSellRequest[]> {
    const org = policy.viewer.organizationId;
    const requests = await this.dataSource.manager.find(CoSellRequest, {
      where: [
        { requesterOrganizationId: org, ...(status ? { status } : {}) },
        { recipientOrganizationId: org, ...(status ? { status } : {}) },
      ],
      order: { id: "DESC" },
      take: CO_SELL_REQUESTS_MAX,
    });
    return withAccountNames(this.dataSource.manager, org, requests);
  }

  /**
   * Files the request, only while mapping is on for both firms and the partner firm reveals the
   * account to the requester's (one statement decides, see `FILE_CO_SELL_REQUEST_SQL`). A domain
   * that is not an overlapping account, and one the partner firm did not reveal, are refused alike.
   */
  async request(policy: Policy, input: RequestCoSellInput): Promise<CoSellRequest> {
    const viewer = policy.viewer;
    if (viewer.kind !== "user")
      throw forbidden("A co-sell request is a person's, who joins the room once it is accepted; sign in as a rep");
    const partnership = await this.partnerships.get(policy, input.partnershipId);
    const partner = await this.dataSource.manager.findOneByOrFail(Organization, { id: partnership.otherSide(viewer.organizationId) });
    const domain = normalizeDomain(input.accountDomain);
    const message = input.message.trim();
    try {
      return await this.uow.run(async (em, outbox) => {
        const id = newId();
        const params = overlapParams(partnership.id, viewer.organizationId, domain);
        const filed = await returning<{ id: string }>(em, FILE_CO_SELL_REQUEST_SQL, [...params, id, viewer.userId, message]);
        if (filed.length === 0) {
          const [state] = await em.query<{ active: boolean }[]>(
            `${overlapSql(false)} SELECT EXISTS (SELECT 1 FROM pair) AS active`,
            params,
          );
          if (!state?.active) {
            throw conflict(
              `Account mapping is not on for both ${partner.name} and your organization; both must opt in on a signed partnership`,
              {
                reason: "MAPPING_OFF",
              },
            );
          }
          throw badInput("accountDomain", `${domain} is not among the overlapping accounts ${partner.name} revealed to your organization`, {
            reason: "NOT_IN_OVERLAP",
          });
        }
        const [request] = await withAccountNames(em, partner.id, [await em.findOneByOrFail(CoSellRequest, { id })]);
        const from = await em.findOneByOrFail(Organization, { id: viewer.organizationId });
        await notify(em, outbox, {
          kind: NotificationKind.COSELL_REQUEST_RECEIVED,
          audience: { managersOf: [partner.id] },
          actorId: viewer.userId,
          opportunityId: null,
          subjectId: id,
          say: ({ actor }) => `${actor} of ${from.name} asks to co-sell on ${request!.accountName ?? domain}: ${excerpt(message)}`,
          url: "/partners",
        });
        return (await withAccountNames(em, viewer.organizationId, [request!]))[0]!;
      });
    } catch (error) {
      if ((error as { code?: string }).code === "23505") {
        throw conflict(`Your organization already has a co-sell request on ${domain} waiting for ${partner.name}'s answer`, {
          reason: "ALREADY_PENDING",
        });
      }
      throw error;
    }
  }

  /**
   * A manager of the asked firm answers, once: the conditional UPDATE … WHERE status = 'PENDING'
   * decides which of two concurrent answers counts. Accepting opens the room in the same
   * transaction (see `openCoSellRoom`); if that cannot be done, nothing is answered.
   */
  async answer(policy: Policy, input: AnswerCoSellRequestInput): Promise<CoSellRequest> {
    const found = await this.get(policy, input.id);
    const recipient = await this.dataSource.manager.findOneByOrFail(Organization, { id: found.recipientOrganizationId });
    const answererId = policy.assertManagerOf(
      recipient.id,
      `Only a manager or admin of ${recipient.name} answers co-sell requests made to it`,
    );
    const reason = input.reason?.trim() || null;
    let owner: User | null = null;
    if (input.accept) {
      const ownerId = input.ownerId ? idOf("User", input.ownerId) : answererId;
      owner = ownerId ? await this.dataSource.manager.findOneBy(User, { id: ownerId }) : null;
      if (!owner || owner.organizationId !== recipient.id || !owner.active)
        throw badInput("ownerId", `must be an active user of ${recipient.name}`);
    }
    const status = input.accept ? CoSellRequestStatus.ACCEPTED : CoSellRequestStatus.DECLINED;
    const answered = await this.uow.run(async (em, outbox) => {
      const claimed = await returning<{ id: string }>(
        em,
        `UPDATE co_sell_request SET status = $3, answered_by_id = $4, answered_at = now(), reason = $5
          WHERE id = $1 AND recipient_organization_id = $2 AND status = 'PENDING' RETURNING id`,
        [found.id, recipient.id, status, answererId, reason],
      );
      if (claimed.length === 0) {
        const now = await em.findOneByOrFail(CoSellRequest, { id: found.id });
        throw conflict(`The co-sell request was already ${now.status.toLowerCase()}`, { reason: "ALREADY_ANSWERED" });
      }
      const request = await em.findOneByOrFail(CoSellRequest, { id: found.id });
      if (owner) {
        if (!(await signedPartnershipHolds(em, recipient.id, request.requesterOrganizationId))) {
          throw conflict("The partnership with the requesting firm is no longer signed; the request can only be declined", {
            reason: "PARTNERSHIP_NOT_SIGNED",
          });
        }
        const room = await openCoSellRoom(em, outbox, request, owner, policy);
        Object.assign(request, { opportunityId: room.opportunityId, openedOpportunity: room.opened });
        await em.update(CoSellRequest, { id: request.id }, { opportunityId: room.opportunityId, openedOpportunity: room.opened });
      }
      const opportunityId = request.opportunityId;
      await notify(em, outbox, {
        kind: NotificationKind.COSELL_REQUEST_ANSWERED,
        audience: { users: [request.requesterId] },
        actorId: answererId,
        opportunityId,
        subjectId: request.id,
        say: ({ actor }) =>
          opportunityId
            ? `${actor} of ${recipient.name} accepted your co-sell request on ${request.accountDomain}; the room is open`
            : `${actor} of ${recipient.name} declined your co-sell request on ${request.accountDomain}${reason ? `: ${excerpt(reason)}` : ""}`,
        url: opportunityId ? roomUrl(opportunityId) : "/partners",
      });
      return (await withAccountNames(em, recipient.id, [request]))[0]!;
    });
    policy.forget();
    return answered;
  }
}

/**
 * Where an accepted request is worked, with both reps in the room (membership under the signed
 * partnership the caller checked), so that one customer never gets two rooms needlessly:
 * 1. the accepting firm's open deal on the account (the one the requester is already in, else the
 *    newest): the requester joins it as partner rep, and its owner rep works it;
 * 2. else the requester's own firm's open deal on the account whose room the requester is in: the
 *    accepting firm's rep (`owner`) joins it as partner rep;
 * 3. else a new opportunity on the accepting firm's account, owned by `owner`, with the requester as
 *    partner rep (the requester's firm then counts as having sourced it).
 * Returns the opportunity's id, and whether it was opened for the request.
 */
async function openCoSellRoom(
  em: EntityManager,
  outbox: Outbox,
  request: CoSellRequest,
  owner: User,
  policy: Policy,
): Promise<{ opportunityId: string; opened: boolean }> {
  const by = attributedTo(policy.viewer);
  const requester = await em.findOneByOrFail(User, { id: request.requesterId });
  if (!requester.active) {
    throw conflict(`${requester.name} no longer works with cosell; the request can only be declined`, { reason: "REQUESTER_INACTIVE" });
  }
  const openDeal = async (organizationId: string, requesterMustBeIn: boolean): Promise<string | null> => {
    const [found] = await em.query<{ id: string }[]>(
      `SELECT o.id FROM opportunity o JOIN account a ON a.id = o.account_id
        WHERE o.organization_id = $1 AND a.normalized_domain = $2 AND o.stage = ANY($4::text[])
          AND (NOT $5 OR EXISTS (SELECT 1 FROM room_member m WHERE m.opportunity_id = o.id AND m.user_id = $3))
        ORDER BY EXISTS (SELECT 1 FROM room_member m WHERE m.opportunity_id = o.id AND m.user_id = $3) DESC, o.id DESC
        LIMIT 1`,
      [organizationId, request.accountDomain, requester.id, [...OPEN_STAGES], requesterMustBeIn],
    );
    return found?.id ?? null;
  };
  /** The room's entry that says why these people are in it, and the news to their live feeds. */
  const entered = async (
    opportunityId: string,
    joined: readonly User[],
    opened: boolean,
  ): Promise<{ opportunityId: string; opened: boolean }> => {
    await appendActivity(em, outbox, {
      opportunityId,
      kind: ActivityKind.CO_SELL_ACCEPTED,
      body: `Co-sell request of ${requester.name} accepted: ${excerpt(request.message)}`,
      ...by,
      data: { coSellRequestId: request.id, requesterId: requester.id, joined: joined.map((user) => user.id).join(",") },
    });
    announceMembership(
      outbox,
      opportunityId,
      joined.map((user) => user.id),
    );
    return { opportunityId, opened };
  };

  const theirs = await openDeal(request.recipientOrganizationId, false);
  if (theirs) {
    await admitPartnerRep(em, outbox, theirs, requester, by.actorId);
    return entered(theirs, [requester], false);
  }
  const ours = await openDeal(request.requesterOrganizationId, true);
  if (ours) {
    await admitPartnerRep(em, outbox, ours, owner, by.actorId);
    return entered(ours, [owner], false);
  }
  const account = await em.findOneOrFail(Account, {
    where: { organizationId: request.recipientOrganizationId, normalizedDomain: request.accountDomain },
    order: { createdAt: "ASC", id: "ASC" },
  });
  const [recipient, requesterOrg] = await Promise.all([
    em.findOneByOrFail(Organization, { id: request.recipientOrganizationId }),
    em.findOneByOrFail(Organization, { id: request.requesterOrganizationId }),
  ]);
  const opportunity = await openOpportunity(em, outbox, {
    accountId: account.id,
    organizationId: recipient.id,
    owner,
    title: `${account.name}: co-sell with ${requesterOrg.name}`.slice(0, TITLE_MAX),
    amountMinor: 0n,
    currency: recipient.reportingCurrency,
    closeDate: null,
    by,
  });
  await admitPartnerRep(em, outbox, opportunity.id, requester, by.actorId);
  return entered(opportunity.id, [owner, requester], true);
}

/** Sets each request's `accountName`: `organizationId`'s own name for the account (its oldest on the domain). */
async function withAccountNames(em: EntityManager, organizationId: string, requests: CoSellRequest[]): Promise<CoSellRequest[]> {
  const domains = [...new Set(requests.map((request) => request.accountDomain))];
  const accounts = domains.length
    ? await em.find(Account, { where: { organizationId, normalizedDomain: In(domains) }, order: { createdAt: "DESC", id: "DESC" } })
    : [];
  // Newest first, so the oldest account on a domain is the one left in the map.
  const names = new Map(accounts.map((account) => [account.normalizedDomain, account.name]));
  for (const request of requests) request.accountName = names.get(request.accountDomain) ?? null;
  return requests;
}
