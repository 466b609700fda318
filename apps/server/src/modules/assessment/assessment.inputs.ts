import {
  ASSESSMENT_DESCRIPTION_MAX,
  ASSESSMENT_ITEMS_MAX,
  ASSESSMENT_TAG,
  ASSESSMENT_TAG_MESSAGE,
  ASSESSMENT_TAGS_MAX,
  SwotKind,
} from "@cosell/schema";
import { ArrayMaxSize, IsString, Length, Matches, ValidateNested } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType()
export class AssessmentItemInput {
  @Field(() => SwotKind)
  kind!: SwotKind;

  @Field(() => String)
  @Length(1, ASSESSMENT_DESCRIPTION_MAX, { message: `must be 1 to ${ASSESSMENT_DESCRIPTION_MAX} characters` })
  @Matches(/\S/, { message: "must not be empty" })
  description!: string;

  @Field(() => [String], { defaultValue: [], description: "Capability tags (compared without case), e.g. packaging-design." })
  @ArrayMaxSize(ASSESSMENT_TAGS_MAX, { message: `has at most ${ASSESSMENT_TAGS_MAX} tags` })
  @IsString({ each: true })
  @Matches(ASSESSMENT_TAG, { each: true, message: ASSESSMENT_TAG_MESSAGE })
  capabilities!: string[];

  @Field(() => [String], { defaultValue: [], description: "Industry tags (compared without case), e.g. retail." })
  @ArrayMaxSize(ASSESSMENT_TAGS_MAX, { message: `has at most ${ASSESSMENT_TAGS_MAX} tags` })
  @IsString({ each: true })
  @Matches(ASSESSMENT_TAG, { each: true, message: ASSESSMENT_TAG_MESSAGE })
  industries!: string[];
}

@InputType()
export class SaveAssessmentInput {
  @Field(() => [AssessmentItemInput], { description: "The whole SWOT; replaces the organization's previous one." })
  @ArrayMaxSize(ASSESSMENT_ITEMS_MAX, { message: `has at most ${ASSESSMENT_ITEMS_MAX} items` })
  @ValidateNested({ each: true })
  items!: AssessmentItemInput[];
}
