import { CommitmentStatus, DealStage, SplitType } from "@cosell/schema";
import { Extensions, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";
import { Node } from "../node/node.type.js";
import { Money } from "../opportunity/money.js";

/** The plan as it stood when an outline was published: stored as JSON, never changed afterwards. */
export interface OutlineData {
  readonly deal: {
    readonly title: string;
    readonly accountName: string;
    readonly stage: DealStage;
    readonly amountMinor: string;
    readonly currency: string;
    readonly closeDate: string | null;
  };
  /** The deal's own organization first, then the partner firms by name. */
  readonly firms: readonly OutlineFirmData[];
  /** The revision of the credit split in force (agreed or locked), or null when none is agreed. */
  readonly split: {
    readonly revision: number;
    readonly agreedAt: string | null;
    readonly lines: readonly {
      readonly userId: string;
      readonly userName: string;
      readonly organizationId: string;
      readonly organizationName: string;
      readonly basisPoints: number;
      readonly type: SplitType;
    }[];
  } | null;
  /** The room's latest meeting that was not called off, or null. */
  readonly meeting: {
    readonly meetingId: string;
    readonly startsAt: string;
    readonly durationMinutes: number;
    readonly agenda: string;
  } | null;
}

export interface OutlineFirmData {
  readonly organizationId: string;
  readonly name: string;
  /** Whether this is the deal's own organization (the vendor). */
  readonly owner: boolean;
  /** The scope of the firm's working agreement with the deal's organization; null for the deal's own organization or without one. */
  readonly agreementScope: string | null;
  readonly commitments: readonly {
    readonly commitmentId: string;
    readonly title: string;
    readonly assigneeId: string;
    readonly assigneeName: string;
    readonly dueAt: string;
    readonly status: CommitmentStatus;
  }[];
}

@Entity({ name: "outline" })
@ObjectType({
  implements: Node,
  description:
    "A published outline of the room's plan: a snapshot of each firm's accepted commitments, the agreed split and the agreement scopes, versioned per room, which a manager of each firm signs. Download it as Markdown or PDF.",
})
export class Outline implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Field(() => Int, { description: "1, 2, 3… per room, in the order published, with no gap." })
  @Column("integer")
  version!: number;

  @Column("uuid", { name: "published_by_id", nullable: true })
  publishedById!: string | null;

  @Column("uuid", { name: "published_by_organization_id" })
  publishedByOrganizationId!: string;

  @Column("timestamptz", { name: "published_at" })
  publishedAtDate!: Date;

  @Column("jsonb", { name: "content" })
  data!: OutlineData;

  /** The firms whose manager signs: those with people in the room (and the deal's own) when published. */
  @Column("uuid", { array: true })
  parties!: string[];

  get globalId(): string {
    return toGlobalId("Outline", this.id);
  }

  @Field(() => String, { description: "ISO 8601 time it was published." })
  get publishedAt(): string {
    return new Date(this.publishedAtDate).toISOString();
  }
}

@Entity({ name: "outline_signature" })
@ObjectType({ description: "A firm's signature of one version of the outline, by one of its managers or admins." })
export class OutlineSignature {
  @PrimaryColumn("uuid", { name: "outline_id" })
  outlineId!: string;

  @PrimaryColumn("uuid", { name: "organization_id" })
  organizationId!: string;

  @Column("uuid", { name: "signed_by_id" })
  signedById!: string;

  @Column("timestamptz", { name: "signed_at" })
  signedAtDate!: Date;

  @Field(() => String, { description: "ISO 8601 time it was signed." })
  get signedAt(): string {
    return new Date(this.signedAtDate).toISOString();
  }
}

@ObjectType({ description: "What an outline says, as it stood when published." })
export class OutlineContent {
  @Field(() => String)
  dealTitle!: string;

  @Field(() => String)
  accountName!: string;

  @Field(() => DealStage)
  stage!: DealStage;

  @Field(() => Money)
  amount!: Money;

  @Field(() => String, { nullable: true, description: "Expected close date, YYYY-MM-DD." })
  closeDate!: string | null;

  @Field(() => [OutlineFirm], { description: "The deal's own organization first, then the partner firms by name." })
  @Extensions(maxItems(LIST_BOUNDS.roomMembers))
  firms!: OutlineFirm[];

  @Field(() => OutlineSplit, { nullable: true, description: "The credit split in force; null when none was agreed." })
  split!: OutlineSplit | null;

  @Field(() => OutlineMeeting, { nullable: true, description: "The room's latest meeting that was not called off." })
  meeting!: OutlineMeeting | null;
}

@ObjectType({ description: "One firm's part in the outline." })
export class OutlineFirm {
  @Field(() => ID, { description: "The firm's Organization id." })
  organizationId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: "Whether it is the deal's own organization." })
  owner!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The scope of its working agreement with the deal's organization; null for the deal's own organization or without one.",
  })
  agreementScope!: string | null;

  @Field(() => [OutlineCommitment], { description: "Its people's accepted commitments (open, done or missed), by due time." })
  @Extensions(maxItems(LIST_BOUNDS.perRoom))
  commitments!: OutlineCommitment[];
}

@ObjectType({ description: "An accepted commitment as the outline records it." })
export class OutlineCommitment {
  @Field(() => ID, { description: "The Commitment's id." })
  commitmentId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => ID, { description: "The assignee's User id." })
  assigneeId!: string;

  @Field(() => String)
  assigneeName!: string;

  @Field(() => String, { description: "ISO 8601 time." })
  dueAt!: string;

  @Field(() => CommitmentStatus, { description: "Its status when published." })
  status!: CommitmentStatus;
}

@ObjectType({ description: "The credit split in force when the outline was published." })
export class OutlineSplit {
  @Field(() => Int)
  revision!: number;

  @Field(() => String, { nullable: true })
  agreedAt!: string | null;

  @Field(() => [OutlineSplitLine])
  @Extensions(maxItems(LIST_BOUNDS.splitLines))
  lines!: OutlineSplitLine[];
}

@ObjectType()
export class OutlineSplitLine {
  @Field(() => String)
  userName!: string;

  @Field(() => String)
  organizationName!: string;

  @Field(() => Int, { description: "10000 = 100%." })
  basisPoints!: number;

  @Field(() => SplitType)
  type!: SplitType;
}

@ObjectType({ description: "The meeting the outline follows." })
export class OutlineMeeting {
  @Field(() => String)
  startsAt!: string;

  @Field(() => Int)
  durationMinutes!: number;

  @Field(() => String)
  agenda!: string;
}

/** The stored snapshot as the API shows it (global ids, money). */
export function outlineContent(data: OutlineData): OutlineContent {
  return {
    dealTitle: data.deal.title,
    accountName: data.deal.accountName,
    stage: data.deal.stage,
    amount: Money.of(data.deal.amountMinor, data.deal.currency),
    closeDate: data.deal.closeDate,
    firms: data.firms.map((firm) => ({
      organizationId: toGlobalId("Organization", firm.organizationId),
      name: firm.name,
      owner: firm.owner,
      agreementScope: firm.agreementScope,
      commitments: firm.commitments.map((c) => ({
        commitmentId: toGlobalId("Commitment", c.commitmentId),
        title: c.title,
        assigneeId: toGlobalId("User", c.assigneeId),
        assigneeName: c.assigneeName,
        dueAt: c.dueAt,
        status: c.status,
      })),
    })),
    split: data.split && {
      revision: data.split.revision,
      agreedAt: data.split.agreedAt,
      lines: data.split.lines.map((l) => ({
        userName: l.userName,
        organizationName: l.organizationName,
        basisPoints: l.basisPoints,
        type: l.type,
      })),
    },
    meeting: data.meeting && {
      startsAt: data.meeting.startsAt,
      durationMinutes: data.meeting.durationMinutes,
      agenda: data.meeting.agenda,
    },
  };
}
