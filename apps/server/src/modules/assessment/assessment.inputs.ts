import { SwotKind } from "@cosell/schema";
import { ArrayMaxSize, IsString, Length, Matches, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";

const TAG = /^[\p{L}\p{N}][\p{L}\p{N} &/+.-]{0,59}$/u;

@InputType()
export class AssessmentItemInput {
  @Field(() => SwotKind)
  kind!: SwotKind;

  @Field(() => String)
  @Length(1, 1000, { message: "must be 1 to 1000 characters" })
  @Matches(/\S/, { message: "must not be empty" })
  description!: string;

  @Field(() => [String], { defaultValue: [], description: "Capability tags (compared without case), e.g. packaging-design." })
  @ArrayMaxSize(20, { message: "has at most 20 tags" })
  @IsString({ each: true })
  @Matches(TAG, { each: true, message: "tags are 1 to 60 letters, digits, spaces or - & / + ." })
  capabilities!: string[];

  @Field(() => [String], { defaultValue: [], description: "Industry tags (compared without case), e.g. retail." })
  @ArrayMaxSize(20, { message: "has at most 20 tags" })
  @IsString({ each: true })
  @Matches(TAG, { each: true, message: "tags are 1 to 60 letters, digits, spaces or - & / + ." })
  industries!: string[];
}

@InputType()
export class SaveAssessmentInput {
  @Field(() => [AssessmentItemInput], { description: "The whole SWOT; replaces the organization's previous one." })
  @ArrayMaxSize(100, { message: "has at most 100 items" })
  @ValidateNested({ each: true })
  items!: AssessmentItemInput[];
}
