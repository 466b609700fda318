import type DataLoader from "dataloader";
import { Arg, Ctx, Extensions, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Webhook, WebhookDelivery } from "./webhook.entity.js";
import { CreateWebhookInput, DeleteWebhookInput } from "./webhook.inputs.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

/** One batch loader per request and page size, so listing webhooks costs one query for all their deliveries. */
const deliveryLoaders = new WeakMap<Context, Map<number, DataLoader<string, WebhookDelivery[]>>>();

@Resolver(() => Webhook)
export class WebhookResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganizationSettings))
  @Query(() => [Webhook], { description: "The organization's webhooks, newest first." })
  webhooks(@Ctx() context: Context): Promise<Webhook[]> {
    return context.services.webhooks.list(policyOf(context));
  }

  @Mutation(() => Webhook, { description: "Starts sending the chosen events the organization may see to `url`, signed with `secret`." })
  createWebhook(@Arg("input", () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() context: Context): Promise<Webhook> {
    return context.services.webhooks.create(writerPolicyOf(context), input);
  }

  @Mutation(() => Webhook, { description: "Stops sending to the webhook and forgets its queue and log." })
  deleteWebhook(@Arg("input", () => DeleteWebhookInput) input: DeleteWebhookInput, @Ctx() context: Context): Promise<Webhook> {
    return context.services.webhooks.delete(writerPolicyOf(context), input);
  }

  @FieldResolver(() => [WebhookDelivery], { description: "The newest deliveries first (1..100, default 20)." })
  deliveries(
    @Root() webhook: Webhook,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Ctx() context: Context,
  ): Promise<WebhookDelivery[]> {
    let bySize = deliveryLoaders.get(context);
    if (!bySize) deliveryLoaders.set(context, (bySize = new Map()));
    const size = first ?? 20;
    let loader = bySize.get(size);
    if (!loader) bySize.set(size, (loader = context.services.webhooks.recentDeliveries(first)));
    return loader.load(webhook.id);
  }
}
