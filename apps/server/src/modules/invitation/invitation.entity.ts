import { InvitationStatus, OrgRole } from "@cosell/schema";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "invitation" })
@ObjectType({
  implements: Node,
  description:
    "An invitation to join an organization on cosell, by e-mail with a role. Its link (`acceptUrl`) works once, until it expires or is revoked.",
})
export class Invitation implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  /** The organization the invitee joins. */
  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  /**
   * The organization whose people sent it and may list and revoke it: the same as
   * `organizationId` for a colleague, the inviting firm for a partner firm's first admin.
   */
  @Column("uuid", { name: "inviting_organization_id" })
  invitingOrganizationId!: string;

  @Field(() => String, { description: "Whom it was sent to; the account they create has this address." })
  @Column("text")
  email!: string;

  @Field(() => OrgRole, { description: "The role the invitee has once they joined." })
  @Column("text")
  role!: OrgRole;

  /** SHA-256 of the link's token; never exposed. */
  @Column("text", { name: "token_hash", select: false })
  tokenHash!: string;

  @Column("uuid", { name: "invited_by_id" })
  invitedById!: string;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  @Column("timestamptz", { name: "expires_at" })
  expiresAtDate!: Date;

  @Column("timestamptz", { name: "accepted_at", nullable: true })
  acceptedAtDate!: Date | null;

  @Column("uuid", { name: "accepted_user_id", nullable: true })
  acceptedUserId!: string | null;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAtDate!: Date | null;

  @Column("uuid", { name: "revoked_by_id", nullable: true })
  revokedById!: string | null;

  /**
   * The link with its token, set only on the answer to the person who just sent the invitation:
   * only the token's hash is kept, so nobody can be shown the link again.
   */
  @Field(() => String, {
    nullable: true,
    description:
      "The single-use link to accept it (`…/invite?token=…`), in the answer to the inviter only; null everywhere else, since cosell keeps only a hash of its token. Revoke and invite again for a new link.",
  })
  acceptUrl: string | null = null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "In the answer to the inviter: whether the link also went out by e-mail (SMTP configured and the mail server took it). Null elsewhere.",
  })
  emailSent: boolean | null = null;

  get globalId(): string {
    return toGlobalId("Invitation", this.id);
  }

  @Field(() => Boolean, { description: "True for a partner firm's first admin (invitePartnerOrganization); false for a colleague." })
  get partnerFirm(): boolean {
    return this.organizationId !== this.invitingOrganizationId;
  }

  @Field(() => InvitationStatus)
  get status(): InvitationStatus {
    if (this.acceptedAtDate) return InvitationStatus.ACCEPTED;
    if (this.revokedAtDate) return InvitationStatus.REVOKED;
    return new Date(this.expiresAtDate).getTime() <= Date.now() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
  }

  @Field(() => String, { description: "When it was sent (ISO 8601)." })
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }

  @Field(() => String, { description: "When the link stops working (ISO 8601)." })
  get expiresAt(): string {
    return new Date(this.expiresAtDate).toISOString();
  }

  @Field(() => String, { nullable: true, description: "When the invitee joined (ISO 8601)." })
  get acceptedAt(): string | null {
    return this.acceptedAtDate ? new Date(this.acceptedAtDate).toISOString() : null;
  }

  @Field(() => String, { nullable: true, description: "When it was revoked (ISO 8601)." })
  get revokedAt(): string | null {
    return this.revokedAtDate ? new Date(this.revokedAtDate).toISOString() : null;
  }
}
