import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { Meeting } from "./meeting.entity.js";

/** A person on an invitation: the name shown (CN) and the mailbox (mailto:). */
export interface CalendarPerson {
  readonly name: string;
  readonly email: string;
}

/** What a meeting's iCalendar object says besides the meeting itself. */
export interface CalendarContext {
  readonly meeting: Meeting;
  readonly dealTitle: string;
  readonly organizer: CalendarPerson;
  readonly attendees: readonly CalendarPerson[];
  /** The room in the web app, `${PUBLIC_URL}/room/<id>`: in the description and as URL. */
  readonly roomUrl: string;
}

/** A time as people read it in a log line or a document: 2027-01-15 16:00 UTC. */
export const utcMinute = (time: Date | string): string => `${new Date(time).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** REQUEST while the meeting stands (a calendar adds or updates it), CANCEL once called off. */
export const calendarMethod = (meeting: Meeting): "REQUEST" | "CANCEL" => (meeting.cancelledAtDate ? "CANCEL" : "REQUEST");

/** The event's summary: what a calendar shows in its grid. */
export const meetingSummary = (dealTitle: string): string => `Meeting: ${dealTitle}`;

/**
 * The meeting as an RFC 5545 iCalendar object (ical-generator writes the CRLF lines, folds them at
 * 75 octets and escapes text). Times are in UTC; UID is stable per meeting and SEQUENCE grows with
 * every change, so a calendar that has the event replaces it rather than adding another. DTSTAMP is
 * the meeting's last change, so the same version of a meeting always serves the same bytes.
 */
export function meetingCalendar(context: CalendarContext): string {
  const { meeting, roomUrl } = context;
  const method = calendarMethod(meeting);
  const calendar = ical({
    prodId: { company: "cosell", product: "cosell", language: "EN" },
    method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `${meeting.id}@${new URL(roomUrl).hostname}`,
    sequence: meeting.sequence,
    stamp: new Date(meeting.updatedAtDate),
    created: new Date(meeting.createdAtDate),
    start: new Date(meeting.startsAtDate),
    end: meeting.endsAtDate,
    summary: meetingSummary(context.dealTitle),
    description: `${meeting.agenda}\n\nRoom: ${roomUrl}`,
    url: roomUrl,
    status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: context.organizer.name, email: context.organizer.email },
    attendees: context.attendees.map((person) => ({
      name: person.name,
      email: person.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: true,
    })),
  });
  return calendar.toString();
}
