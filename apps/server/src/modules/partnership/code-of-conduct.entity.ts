import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "code_of_conduct" })
@ObjectType({ description: "A published version of the partner code of conduct, which both sides accept when they sign terms." })
export class CodeOfConduct {
  @Field(() => Int)
  @PrimaryColumn("integer")
  version!: number;

  @Field(() => String)
  @Column("text")
  title!: string;

  @Field(() => String, { description: "The full text: one clause a paragraph (separated by a blank line), its heading first." })
  @Column("text")
  text!: string;

  @Column("timestamptz", { name: "published_at" })
  publishedAtDate!: Date;

  @Field(() => String, { description: "ISO 8601 time." })
  get publishedAt(): string {
    return new Date(this.publishedAtDate).toISOString();
  }
}
