import { SplitType } from "@cosell/schema";
import { ArrayMaxSize, ArrayMinSize, IsInt, Max, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";

@InputType()
export class SplitLineInput {
  @Field(() => ID, { description: "A member of the room." })
  userId!: string;

  @Field(() => Int, { description: "1..10000 (10000 = 100%)." })
  @IsInt()
  @Min(1, { message: "must be from 1 to 10000 basis points" })
  @Max(10000, { message: "must be from 1 to 10000 basis points" })
  basisPoints!: number;

  @Field(() => SplitType, { description: "REVENUE lines together total exactly 10000; OVERLAY lines are credit on top." })
  type!: SplitType;
}

@InputType()
export class ProposeSplitInput {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => [SplitLineInput])
  @ArrayMinSize(1, { message: "needs at least one line" })
  @ArrayMaxSize(100, { message: "has at most 100 lines" })
  @ValidateNested({ each: true })
  lines!: SplitLineInput[];
}

@InputType()
export class ApproveSplitInput {
  @Field(() => ID)
  splitId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The organization approving: the caller's own (the default); no one approves for another.",
  })
  organizationId?: string | null;

  @Field(() => Int, { nullable: true, description: "The revision the approver saw; CONFLICT when a newer proposal replaced it." })
  revision?: number | null;
}
