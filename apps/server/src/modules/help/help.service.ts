import { ActivityKind, HelpRequestStatus } from "@cosell/schema";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { findVisible } from "../../db/find.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, forbidden } from "../../errors.js";
import { Activity } from "../activity/activity.entity.js";
import { appendActivity } from "../activity/activity.service.js";
import type { AnswerHelpRequestInput } from "./help.inputs.js";
import { HelpRequest } from "./help.types.js";

/** Help requests are HELP_REQUEST activities; an answer is a HELP_ANSWER activity with `data.requestId`. */
export class HelpService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async answer(policy: Policy, input: AnswerHelpRequestInput): Promise<Activity> {
    const request = await findVisible(this.dataSource.manager, Activity, "Activity", input.requestId, "Help request", (activity) =>
      policy.canReadOpportunity(activity.opportunityId),
    );
    if (request.kind !== ActivityKind.HELP_REQUEST) throw badInput("requestId", `is a ${request.kind} activity, not a help request`);
    await policy.assertWriteOpportunity(request.opportunityId);
    if (policy.viewer.kind !== "user") throw forbidden("Help is given by people: answer as a signed-in member");
    if (request.actorId === policy.viewer.userId) throw badInput("requestId", "is your own help request; another member answers it");
    const body = input.body.trim();
    if (!body) throw badInput("body", "must not be empty");
    const userId = policy.viewer.userId;
    return this.uow.run((em, outbox) =>
      appendActivity(em, outbox, {
        opportunityId: request.opportunityId,
        kind: ActivityKind.HELP_ANSWER,
        body,
        actorId: userId,
        data: { requestId: request.id },
      }),
    );
  }

  /** The room's help requests (already authorized), oldest first, each with its answers. */
  async list(opportunityId: string, status: HelpRequestStatus | null | undefined): Promise<HelpRequest[]> {
    const requests = await this.dataSource.manager.find(Activity, {
      where: { opportunityId, kind: ActivityKind.HELP_REQUEST },
      order: { seq: "ASC" },
    });
    if (requests.length === 0) return [];
    const answers: Activity[] = await this.dataSource.manager
      .createQueryBuilder(Activity, "a")
      .where("a.opportunityId = :opportunityId AND a.kind = :kind", { opportunityId, kind: ActivityKind.HELP_ANSWER })
      .andWhere("a.data->>'requestId' IN (:...ids)", { ids: requests.map((r) => r.id) })
      .orderBy("a.seq", "ASC")
      .getMany();
    const out = requests.map((request) => {
      const own = answers.filter((a) => a.data?.requestId === request.id);
      return Object.assign(new HelpRequest(), {
        request,
        answers: own,
        status: own.length > 0 ? HelpRequestStatus.ANSWERED : HelpRequestStatus.OPEN,
      });
    });
    return status ? out.filter((r) => r.status === status) : out;
  }

  /** The request an answer belongs to. */
  requestOf(answer: Activity): Promise<Activity | null> | null {
    const requestId = answer.kind === ActivityKind.HELP_ANSWER ? answer.data?.requestId : null;
    return typeof requestId === "string"
      ? this.dataSource.manager.findOneBy(Activity, { id: requestId, opportunityId: answer.opportunityId })
      : null;
  }
}
