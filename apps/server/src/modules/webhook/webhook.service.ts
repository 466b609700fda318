import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { findVisible } from "../../db/find.js";
import { idempotent } from "../../db/idempotency.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput } from "../../errors.js";
import { newId } from "../../ids.js";
import { pageSize } from "../../paging.js";
import { Webhook, WebhookDelivery } from "./webhook.entity.js";
import type { CreateWebhookInput, DeleteWebhookInput } from "./webhook.inputs.js";
import { privateTargetProblem } from "./webhook.targets.js";

/** Managers and admins manage their organization's webhooks; so do its API tokens (WRITE to change them). */
function assertWebhookAdmin(policy: Policy): void {
  policy.assertActsForOrganization("Only a manager, an admin or an API token can manage webhooks");
}

export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly privateTargets: boolean,
  ) {}

  list(policy: Policy): Promise<Webhook[]> {
    assertWebhookAdmin(policy);
    return this.dataSource.manager.find(Webhook, {
      where: { organizationId: policy.viewer.organizationId },
      order: { createdAtDate: "DESC" },
    });
  }

  create(policy: Policy, input: CreateWebhookInput): Promise<Webhook> {
    assertWebhookAdmin(policy);
    if (!this.privateTargets) {
      const problem = privateTargetProblem(input.url.trim());
      if (problem) throw badInput("url", problem);
    }
    const viewer = policy.viewer;
    const { idempotencyKey, ...payload } = input;
    return idempotent(
      this.uow,
      { viewer, operation: "createWebhook", key: idempotencyKey, payload },
      async (em) => {
        const webhook = em.create(Webhook, {
          id: newId(),
          organizationId: viewer.organizationId,
          url: input.url.trim(),
          secret: input.secret,
          events: [...new Set(input.events)].sort(),
          createdById: viewer.kind === "user" ? viewer.userId : null,
          createdAtDate: new Date(),
        });
        await em.insert(Webhook, webhook);
        return webhook;
      },
      (id) => this.dataSource.manager.findOneBy(Webhook, { id }),
    );
  }

  /** Removes the webhook with its queue and log: nothing more is sent to it. */
  async delete(policy: Policy, input: DeleteWebhookInput): Promise<Webhook> {
    assertWebhookAdmin(policy);
    const webhook = await findVisible(
      this.dataSource.manager,
      Webhook,
      "Webhook",
      input.id,
      "Webhook",
      (found) => found.organizationId === policy.viewer.organizationId,
    );
    await this.uow.run((em) => em.delete(Webhook, { id: webhook.id }));
    return webhook;
  }

  /** Per request: the newest deliveries of many webhooks in one query. */
  recentDeliveries(limit: number | null | undefined): DataLoader<string, WebhookDelivery[]> {
    const take = pageSize(limit);
    return new DataLoader(async (webhookIds) => {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT d.id FROM unnest($1::uuid[]) AS w(id)
           CROSS JOIN LATERAL (SELECT id FROM webhook_delivery WHERE webhook_id = w.id ORDER BY created_at DESC, id DESC LIMIT $2) d`,
        [webhookIds, take],
      );
      const deliveries = rows.length
        ? await this.dataSource.manager
            .createQueryBuilder(WebhookDelivery, "d")
            .where("d.id IN (:...ids)", { ids: rows.map((r) => r.id) })
            .orderBy("d.createdAtDate", "DESC")
            .addOrderBy("d.id", "DESC")
            .getMany()
        : [];
      return webhookIds.map((webhookId) => deliveries.filter((d) => d.webhookId === webhookId));
    });
  }
}
