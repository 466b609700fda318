import { ActivityKind, meetingStartProblem } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { attributedTo } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import type { Logger } from "../../logger.js";
import type { Mailer } from "../../mail/mailer.js";
import { appendActivity } from "../activity/activity.service.js";
import { excerpt, roomUrl } from "../notification/notify.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { User } from "../user/user.entity.js";
import { calendarMethod, meetingCalendar, meetingSummary, utcMinute as utc } from "./calendar.js";
import { Meeting } from "./meeting.entity.js";
import type { CancelMeetingInput, RescheduleMeetingInput, ScheduleMeetingInput } from "./meeting.inputs.js";

/** The one refusal for an attendee who is not in the room, whatever the reason (no such person, another firm's, left). */
const notARoomMember = () => badInput("attendeeIds", "must all be active members of this room", { reason: "NOT_A_ROOM_MEMBER" });

export class MeetingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly deps: { readonly mailer: Mailer; readonly publicUrl: string; readonly logger: Logger },
  ) {}

  /** A meeting of a room the viewer can see, else NOT_FOUND (as for a random id). */
  get(policy: Policy, globalId: string): Promise<Meeting> {
    return findVisible(this.dataSource.manager, Meeting, "Meeting", globalId, "Meeting", (meeting) =>
      policy.canReadOpportunity(meeting.opportunityId),
    );
  }

  /** Where the meeting's .ics is served (with the caller's bearer token or web session). */
  icsUrl(meeting: Meeting): string {
    return `${this.deps.publicUrl}/meetings/${meeting.globalId}.ics`;
  }

  /** The room in the web app, as an absolute link for invitations. */
  roomLink(opportunityId: string): string {
    return `${this.deps.publicUrl}${roomUrl(opportunityId)}`;
  }

  /**
   * Schedules a meeting of the room: a person with write access organizes it, and invites members
   * of the room only. The attendees are written by one INSERT … SELECT from the room's members, so
   * someone who is not in the room at that moment is refused (BAD_USER_INPUT, the same message for
   * a stranger, a person of another firm and a malformed id: nothing tells who exists). Each
   * attendee is e-mailed the invitation after COMMIT.
   */
  async schedule(policy: Policy, input: ScheduleMeetingInput): Promise<Meeting> {
    const organizerId = this.organizerOf(policy);
    const opportunityId = await policy.writableOpportunityId(input.opportunityId);
    const startsAt = new Date(input.startsAt);
    const startProblem = meetingStartProblem(startsAt);
    if (startProblem) throw badInput("startsAt", startProblem);
    const agenda = input.agenda.trim();
    const attendeeIds = [...new Set(input.attendeeIds.map((id) => idOf("User", id)))];
    if (attendeeIds.includes(null)) throw notARoomMember();

    const meeting = await this.uow.run(async (em, outbox) => {
      const now = new Date();
      const meeting = em.create(Meeting, {
        id: newId(),
        opportunityId,
        organizerId,
        startsAtDate: startsAt,
        durationMinutes: input.durationMinutes,
        agenda,
        sequence: 0,
        cancelledAtDate: null,
        createdAtDate: now,
        updatedAtDate: now,
      });
      await em.insert(Meeting, meeting);
      const invited: { name: string }[] = await em.query(
        `WITH invited AS (
           INSERT INTO meeting_attendee (meeting_id, user_id, position)
           SELECT $1, m.user_id, a.position
             FROM unnest($2::uuid[]) WITH ORDINALITY AS a(user_id, position)
             JOIN room_member m ON m.opportunity_id = $3 AND m.user_id = a.user_id
             JOIN app_user u ON u.id = m.user_id AND u.active
           RETURNING user_id, position)
         SELECT u.name FROM invited JOIN app_user u ON u.id = invited.user_id ORDER BY invited.position`,
        [meeting.id, attendeeIds, opportunityId],
      );
      if (invited.length !== attendeeIds.length) throw notARoomMember();
      await appendActivity(em, outbox, {
        opportunityId,
        kind: ActivityKind.MEETING_SCHEDULED,
        body: `Meeting on ${utc(startsAt)} (${meeting.durationMinutes} min) with ${invited.map((a) => a.name).join(", ")}: ${excerpt(agenda)}`,
        ...attributedTo(policy.viewer),
        data: { meetingId: meeting.id, startsAt: meeting.startsAt, durationMinutes: meeting.durationMinutes },
      });
      return meeting;
    });
    return this.withInvitations(meeting);
  }

  /** Moves a meeting that stands to another time (SEQUENCE + 1) and sends the attendees the update. */
  async reschedule(policy: Policy, input: RescheduleMeetingInput): Promise<Meeting> {
    const found = await this.get(policy, input.id);
    await this.assertMayChange(policy, found);
    const startsAt = new Date(input.startsAt);
    const startProblem = meetingStartProblem(startsAt);
    if (startProblem) throw badInput("startsAt", startProblem);
    const meeting = await this.uow.run(async (em, outbox) => {
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE meeting SET starts_at = $2, duration_minutes = COALESCE($3, duration_minutes), sequence = sequence + 1, updated_at = now()
          WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
        [found.id, startsAt, input.durationMinutes ?? null],
      );
      if (rows.length === 0) throw cancelled();
      const moved = await em.findOneByOrFail(Meeting, { id: found.id });
      await appendActivity(em, outbox, {
        opportunityId: moved.opportunityId,
        kind: ActivityKind.MEETING_RESCHEDULED,
        body: `Meeting moved to ${utc(startsAt)} (${moved.durationMinutes} min): ${excerpt(moved.agenda)}`,
        ...attributedTo(policy.viewer),
        data: { meetingId: moved.id, startsAt: moved.startsAt, durationMinutes: moved.durationMinutes },
        changes: [
          { field: "startsAt", from: found.startsAt, to: moved.startsAt },
          ...(found.durationMinutes === moved.durationMinutes
            ? []
            : [{ field: "durationMinutes", from: String(found.durationMinutes), to: String(moved.durationMinutes) }]),
        ],
      });
      return moved;
    });
    return this.withInvitations(meeting);
  }

  /** Calls a meeting off (SEQUENCE + 1) and sends the attendees the cancellation (METHOD:CANCEL). */
  async cancel(policy: Policy, input: CancelMeetingInput): Promise<Meeting> {
    const found = await this.get(policy, input.id);
    await this.assertMayChange(policy, found);
    const meeting = await this.uow.run(async (em, outbox) => {
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE meeting SET cancelled_at = now(), sequence = sequence + 1, updated_at = now()
          WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
        [found.id],
      );
      if (rows.length === 0) throw cancelled();
      const off = await em.findOneByOrFail(Meeting, { id: found.id });
      await appendActivity(em, outbox, {
        opportunityId: off.opportunityId,
        kind: ActivityKind.MEETING_CANCELLED,
        body: `Meeting of ${utc(new Date(off.startsAtDate))} cancelled: ${excerpt(off.agenda)}`,
        ...attributedTo(policy.viewer),
        data: { meetingId: off.id },
      });
      return off;
    });
    return this.withInvitations(meeting);
  }

  /** The meeting's iCalendar object as of now (REQUEST, or CANCEL once called off). */
  async calendarOf(meeting: Meeting, em: EntityManager = this.dataSource.manager): Promise<string> {
    const opportunity = await em.findOneByOrFail(Opportunity, { id: meeting.opportunityId });
    const organizer = await em.findOneByOrFail(User, { id: meeting.organizerId });
    const attendees = await attendeesOf(em, meeting.id);
    return meetingCalendar({
      meeting,
      dealTitle: opportunity.title,
      organizer,
      attendees,
      roomUrl: this.roomLink(meeting.opportunityId),
    });
  }

  /**
   * E-mails each attendee the meeting's invitation (or its update or cancellation), with the
   * calendar part mail clients offer to accept, after COMMIT: the meeting stands whether or not the
   * mail server takes the messages (a refusal is logged), and the answer says to how many it went.
   */
  private async withInvitations(meeting: Meeting): Promise<Meeting> {
    let emailed = 0;
    if (this.deps.mailer.enabled) {
      emailed = await this.invitationMails(meeting.id).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, meetingId: meeting.id }, "meeting invitations not sent");
        return 0;
      });
    }
    return Object.assign(meeting, { invitationsEmailed: emailed });
  }

  /** Sends the invitations; answers how many the mail server took (logging each refusal). */
  private async invitationMails(meetingId: string): Promise<number> {
    const em = this.dataSource.manager;
    const meeting = await em.findOneByOrFail(Meeting, { id: meetingId });
    const opportunity = await em.findOneByOrFail(Opportunity, { id: meeting.opportunityId });
    const attendees = await attendeesOf(em, meeting.id);
    const content = await this.calendarOf(meeting, em);
    const method = calendarMethod(meeting);
    const when = `${utc(new Date(meeting.startsAtDate))}, ${meeting.durationMinutes} minutes`;
    const subject =
      method === "CANCEL"
        ? `Cancelled: ${meetingSummary(opportunity.title)} (${when})`
        : `${meeting.sequence === 0 ? "Invitation" : "Updated invitation"}: ${meetingSummary(opportunity.title)} (${when})`;
    const text = [
      method === "CANCEL" ? "This meeting has been cancelled." : `When: ${when}`,
      "",
      "Agenda:",
      meeting.agenda,
      "",
      `Room: ${this.roomLink(meeting.opportunityId)}`,
    ].join("\n");
    const results = await Promise.allSettled(
      attendees.map((attendee) =>
        this.deps.mailer.send({ to: attendee.email, subject, text, icalEvent: { method, filename: "invite.ics", content } }),
      ),
    );
    for (const result of results) {
      if (result.status === "rejected") this.deps.logger.warn({ err: result.reason, meetingId }, "meeting invitation not sent");
    }
    return results.filter((result) => result.status === "fulfilled").length;
  }

  /** Meetings are a person's word: API tokens do not organize them. Returns the organizer's user id. */
  private organizerOf(policy: Policy): string {
    if (policy.viewer.kind !== "user") throw forbidden("A meeting is organized by a person: sign in to schedule one");
    return policy.viewer.userId;
  }

  /**
   * Rescheduling or calling off a meeting takes write access to the room and being its organizer,
   * the deal's owner rep, or a manager or admin of the deal's organization.
   */
  private async assertMayChange(policy: Policy, meeting: Meeting): Promise<void> {
    await policy.assertWriteOpportunity(meeting.opportunityId);
    const me = this.organizerOf(policy);
    const opportunity = await this.dataSource.manager.findOneByOrFail(Opportunity, { id: meeting.opportunityId });
    if (me === meeting.organizerId || me === opportunity.ownerId || policy.isManagerOf(opportunity.organizationId)) return;
    throw forbidden("Only the meeting's organizer, the owner rep or a manager of the deal's organization can change it");
  }
}

/** The attendees of a meeting, in the order they were invited. */
async function attendeesOf(em: EntityManager, meetingId: string): Promise<{ name: string; email: string }[]> {
  return em.query(
    `SELECT u.name, u.email FROM meeting_attendee a JOIN app_user u ON u.id = a.user_id WHERE a.meeting_id = $1 ORDER BY a.position`,
    [meetingId],
  );
}

const cancelled = () => conflict("This meeting has been cancelled", { reason: "MEETING_CANCELLED" });
