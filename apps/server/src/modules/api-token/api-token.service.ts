import type { ApiScope } from "@cosell/schema";
import type { DataSource } from "typeorm";
import { apiTokenHint, generateApiTokenSecret, hashApiTokenSecret, looksLikeApiToken } from "../../auth/api-tokens.js";
import type { Policy } from "../../auth/policy.js";
import type { Viewer } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { idOf, newId } from "../../ids.js";
import { BUS_RESUMED, messageType } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import { ApiToken } from "./api-token.entity.js";
import type { CreateApiTokenInput, RevokeApiTokenInput } from "./api-token.inputs.js";

/**
 * Every instance hears of every revocation here, after it committed. HTTP needs nothing more (each
 * request looks its token up); the WebSocket server subscribes once and closes the sockets that
 * were opened with the revoked token (see `onApiTokenRevoked`).
 */
export const API_TOKEN_REVOKED_TOPIC = "api-tokens:revoked";

export interface ApiTokenRevokedMessage {
  readonly type: "apiTokenRevoked";
  readonly tokenId: string;
  readonly organizationId: string;
}

/**
 * Calls `listener` with the id of every API token revoked from now on, on any instance. The bus is
 * best effort: `onResumed` is called when it was cut off and is back, so revocations may have been
 * missed meanwhile and the listener's tokens should be looked up again (`ApiTokenService.revokedAmong`).
 */
export function onApiTokenRevoked(
  bus: EventBus,
  listener: (message: ApiTokenRevokedMessage) => void,
  onResumed?: () => void,
): Promise<() => Promise<void>> {
  return bus.subscribe(API_TOKEN_REVOKED_TOPIC, (message) => {
    const type = messageType(message);
    if (type === "apiTokenRevoked") listener(message as ApiTokenRevokedMessage);
    else if (type === BUS_RESUMED.type) onResumed?.();
  });
}

/** `lastUsedAt` is written at most this often per token, so busy tokens do not write on every request. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

const assertTokenAdmin = (policy: Policy, action: string): string =>
  policy.assertManager(`Only a manager or admin can ${action} API tokens`);

export class ApiTokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** The viewer for a bearer secret that is a live API token, else null (unknown and revoked alike). */
  async authenticate(secret: string): Promise<Viewer | null> {
    if (!looksLikeApiToken(secret)) return null;
    const rows: { id: string; name: string; organization_id: string; scopes: ApiScope[]; fresh: boolean }[] = await this.dataSource.query(
      `SELECT id, name, organization_id, scopes,
              coalesce(last_used_at > now() - make_interval(secs => $2), false) AS fresh
         FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hashApiTokenSecret(secret), LAST_USED_RESOLUTION_SECONDS],
    );
    const row = rows[0];
    if (!row) return null;
    if (!row.fresh) await this.dataSource.query(`UPDATE api_token SET last_used_at = now() WHERE id = $1`, [row.id]);
    return { kind: "token", tokenId: row.id, tokenName: row.name, organizationId: row.organization_id, scopes: row.scopes };
  }

  async create(policy: Policy, input: CreateApiTokenInput): Promise<{ token: string; apiToken: ApiToken }> {
    const userId = assertTokenAdmin(policy, "create");
    const secret = generateApiTokenSecret();
    const apiToken = await this.uow.run(async (em) => {
      const row = em.create(ApiToken, {
        id: newId(),
        organizationId: policy.viewer.organizationId,
        name: input.name.trim(),
        scopes: [...new Set(input.scopes)].sort(),
        tokenHash: hashApiTokenSecret(secret),
        hint: apiTokenHint(secret),
        createdById: userId,
        createdAtDate: new Date(),
        lastUsedAtDate: null,
        revokedAtDate: null,
        revokedById: null,
      });
      await em.insert(ApiToken, row);
      return row;
    });
    return { token: secret, apiToken };
  }

  /** Stops the token at once: the next HTTP request with it is UNAUTHENTICATED, and sockets hear of it. */
  async revoke(policy: Policy, input: RevokeApiTokenInput): Promise<ApiToken> {
    const userId = assertTokenAdmin(policy, "revoke");
    const id = idOf("ApiToken", input.id);
    const organizationId = policy.viewer.organizationId;
    return this.uow.run(async (em, outbox) => {
      const revoked = await returning<{ id: string }>(
        em,
        `UPDATE api_token SET revoked_at = now(), revoked_by_id = $3 WHERE id = $1 AND organization_id = $2 AND revoked_at IS NULL RETURNING id`,
        [id ?? "00000000-0000-0000-0000-000000000000", organizationId, userId],
      );
      const token = await findVisible(em, ApiToken, "ApiToken", input.id, "API token", (found) => found.organizationId === organizationId);
      if (revoked.length > 0) {
        const message: ApiTokenRevokedMessage = { type: "apiTokenRevoked", tokenId: token.id, organizationId };
        outbox.publish(API_TOKEN_REVOKED_TOPIC, message);
      }
      return token;
    });
  }

  /** Which of these token ids are revoked (a check after the bus may have lost announcements). */
  async revokedAmong(tokenIds: readonly string[]): Promise<string[]> {
    if (tokenIds.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM api_token WHERE id = ANY($1::uuid[]) AND revoked_at IS NOT NULL`,
      [tokenIds],
    );
    return rows.map((row) => row.id);
  }

  /** The organization's tokens, newest first, without secrets. */
  list(policy: Policy): Promise<ApiToken[]> {
    assertTokenAdmin(policy, "list");
    return this.dataSource.manager.find(ApiToken, {
      where: { organizationId: policy.viewer.organizationId },
      order: { createdAtDate: "DESC" },
    });
  }
}
