import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";

@Entity({ name: "registration_attachment" })
@ObjectType({
  description:
    "A file backing a deal registration (a PDF or an image, its type read from its bytes), seen by the registrant's firm and the vendor only.",
})
export class RegistrationAttachment {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "registration_id" })
  registrationId!: string;

  @Field(() => String, { description: "The name it was uploaded with." })
  @Column("text")
  filename!: string;

  @Field(() => String, {
    description: "The type detected from its content: application/pdf, image/png, image/jpeg, image/webp or image/gif.",
  })
  @Column("text", { name: "content_type" })
  contentType!: string;

  @Field(() => Int, { description: "Bytes." })
  @Column("integer")
  size!: number;

  /** The bytes; read only by the download endpoint. */
  @Column("bytea", { select: false })
  content!: Buffer;

  @Column("uuid", { name: "uploaded_by_id", nullable: true })
  uploadedById!: string | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  @Field(() => ID, { name: "id", description: "Opaque id." })
  get globalId(): string {
    return toGlobalId("RegistrationAttachment", this.id);
  }

  @Field(() => String, {
    description: "Where to download it (GET with the same credentials as the API): /registrations/<registration id>/attachments/<id>.",
  })
  get url(): string {
    return `/registrations/${toGlobalId("DealRegistration", this.registrationId)}/attachments/${this.globalId}`;
  }

  @Field(() => String)
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }
}
