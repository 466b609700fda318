import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "meeting" })
@ObjectType({
  implements: Node,
  description:
    "A meeting of the room's people (the pre-opportunity meeting of the partnering process): when, how long, who, and the agenda. Each attendee gets an iCalendar invitation by e-mail; `icsUrl` serves the same file.",
})
export class Meeting implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Column("uuid", { name: "organizer_id" })
  organizerId!: string;

  @Column("timestamptz", { name: "starts_at" })
  startsAtDate!: Date;

  @Field(() => Int, { description: "Length in minutes, 5 to 480." })
  @Column("integer", { name: "duration_minutes" })
  durationMinutes!: number;

  @Field(() => String)
  @Column("text")
  agenda!: string;

  @Field(() => Int, {
    description: "The iCalendar SEQUENCE: 0 when scheduled, one more for every reschedule and for the cancellation.",
  })
  @Column("integer")
  sequence!: number;

  @Column("timestamptz", { name: "cancelled_at", nullable: true })
  cancelledAtDate!: Date | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  @Column("timestamptz", { name: "updated_at" })
  updatedAtDate!: Date;

  @Field(() => Int, {
    nullable: true,
    description:
      "In the answer to scheduleMeeting, rescheduleMeeting and cancelMeeting: to how many attendees the mail server took the invitation (0 where cosell sends no e-mail, or when the mail server refused it; the .ics downloads either way). Null elsewhere.",
  })
  invitationsEmailed: number | null = null;

  get globalId(): string {
    return toGlobalId("Meeting", this.id);
  }

  @Field(() => String, { description: "ISO 8601 time (UTC) it starts." })
  get startsAt(): string {
    return new Date(this.startsAtDate).toISOString();
  }

  @Field(() => String, { description: "ISO 8601 time (UTC) it ends: startsAt + durationMinutes." })
  get endsAt(): string {
    return this.endsAtDate.toISOString();
  }

  get endsAtDate(): Date {
    return new Date(new Date(this.startsAtDate).getTime() + this.durationMinutes * 60_000);
  }

  @Field(() => String, { nullable: true, description: "ISO 8601 time it was called off; null while it stands." })
  get cancelledAt(): string | null {
    return this.cancelledAtDate ? new Date(this.cancelledAtDate).toISOString() : null;
  }

  @Field(() => String)
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }
}

@Entity({ name: "meeting_attendee" })
export class MeetingAttendee {
  @PrimaryColumn("uuid", { name: "meeting_id" })
  meetingId!: string;

  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @Column("integer")
  position!: number;
}
