import { useMutation, useQuery } from "@apollo/client/react";
import {
  MEETING_AGENDA_MAX,
  MEETING_DURATION_MAX,
  MEETING_DURATION_MIN,
  meetingDurationProblem,
  meetingStartProblem,
} from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { getFragmentData, graphql } from "../../gql";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";

/** What the meetings panel shows of a room; the room's one query spreads it (RoomPage). */
export const MeetingsPanelFragment = graphql(`
  fragment MeetingsPanel on Opportunity {
    id
    meetings {
      id
      startsAt
      durationMinutes
      agenda
      cancelledAt
      icsUrl
      organizer {
        id
        name
      }
      attendees {
        id
        name
      }
    }
  }
`);

/** The meetings alone: read from the cache the room's query filled, fetched after a change. */
export const RoomMeetings = graphql(`
  query RoomMeetings($id: ID!) {
    opportunity(id: $id) {
      id
      ...MeetingsPanel
    }
  }
`);

const ScheduleMeeting = graphql(`
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
      startsAt
      invitationsEmailed
      attendees {
        id
      }
    }
  }
`);

const CancelMeeting = graphql(`
  mutation CancelMeeting($input: CancelMeetingInput!) {
    cancelMeeting(input: $input) {
      id
      cancelledAt
    }
  }
`);

export interface MeetingMember {
  readonly id: string;
  readonly name: string;
  readonly organizationName: string;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * A download link on this server (a meeting's .ics, an outline's file): the API names it
 * absolutely (for partner systems); the web app follows it on its own origin, where the session
 * cookie signs the download in.
 */
export function sameOriginHref(absolute: string): string {
  const url = new URL(absolute);
  return `${url.pathname}${url.search}`;
}

/**
 * The room's meetings: the pre-opportunity meeting first of all. Anyone who may write schedules one
 * (time, length, who from the room, agenda); cosell e-mails each attendee an invitation their
 * calendar accepts, and each meeting offers the same invitation as an .ics download.
 */
export function MeetingsPanel(props: { opportunityId: string; viewerId: string; writable: boolean; members: readonly MeetingMember[] }) {
  const { data, loading, error, refetch } = useQuery(RoomMeetings, { variables: { id: props.opportunityId } });
  const [scheduling, setScheduling] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [cancel, cancelling] = useMutation(CancelMeeting, {
    refetchQueries: [{ query: RoomMeetings, variables: { id: props.opportunityId } }],
    awaitRefetchQueries: true,
  });
  const meetings = data ? getFragmentData(MeetingsPanelFragment, data.opportunity).meetings : null;

  let body;
  if (!meetings) {
    body = <LoadState what="the meetings" loading={loading} error={error} hasData={false} retry={() => void refetch()} />;
  } else if (meetings.length === 0) {
    body = <p className="muted">No meeting yet. Meet the partners before the deal: who does what, and the split.</p>;
  } else {
    body = (
      <ul className="commitment-list" aria-label="Meetings">
        {meetings.map((meeting) => {
          const cancelled = meeting.cancelledAt !== null;
          return (
            <li key={meeting.id} className={`commitment meeting${cancelled ? " commitment-cancelled" : ""}`}>
              <div className="commitment-main">
                {cancelled && <span className="status-badge commitment-status-cancelled">Cancelled</span>}
                <span className="commitment-title">
                  <time dateTime={meeting.startsAt}>{when.format(new Date(meeting.startsAt))}</time>, {meeting.durationMinutes} min
                </span>
              </div>
              <p className="commitment-note meeting-agenda">{meeting.agenda}</p>
              <div className="commitment-meta muted">
                <span>With {meeting.attendees.map((a) => a.name).join(", ")}</span>
                <span>organized by {meeting.organizer.name}</span>
              </div>
              <div className="commitment-actions">
                <a className="button-link" href={sameOriginHref(meeting.icsUrl)} download>
                  Add to calendar (.ics)
                </a>
                {!cancelled && props.writable && meeting.organizer.id === props.viewerId && (
                  <button
                    type="button"
                    className="button-link"
                    disabled={cancelling.loading}
                    onClick={() =>
                      void cancel({ variables: { input: { id: meeting.id } } }).then(
                        () => setNotice("Meeting cancelled; the attendees have been told."),
                        () => undefined,
                      )
                    }
                  >
                    Cancel meeting
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className="card meetings-panel" aria-labelledby="meetings-heading">
      <div className="section-head">
        <h2 id="meetings-heading">Meetings</h2>
        {props.writable && !scheduling && (
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => {
              setNotice(null);
              setScheduling(true);
            }}
          >
            Schedule the meeting
          </button>
        )}
      </div>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      {body}
      <FormError error={cancelling.error} />
      {scheduling && (
        <ScheduleMeetingForm
          opportunityId={props.opportunityId}
          members={props.members}
          onDone={(message) => {
            setScheduling(false);
            if (message) setNotice(message);
          }}
        />
      )}
    </section>
  );
}

const people = (n: number): string => `${n} ${n === 1 ? "person" : "people"}`;

/** What scheduling says: to how many the invitation was e-mailed, or that the .ics is the way to share it. */
export function scheduledNotice(emailed: number): string {
  return emailed > 0
    ? `Meeting scheduled; the invitation was e-mailed to ${people(emailed)}.`
    : "Meeting scheduled. No invitation was e-mailed: share it with Add to calendar (.ics).";
}

function tomorrow(): string {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function ScheduleMeetingForm(props: { opportunityId: string; members: readonly MeetingMember[]; onDone: (message?: string) => void }) {
  const ids = { date: useId(), time: useId(), duration: useId(), agenda: useId() };
  const [date, setDate] = useState(tomorrow);
  const [time, setTime] = useState("10:00");
  const [duration, setDuration] = useState("60");
  const [attendeeIds, setAttendeeIds] = useState<readonly string[]>([]);
  const [agenda, setAgenda] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [schedule, { loading, error }] = useMutation(ScheduleMeeting, {
    refetchQueries: [{ query: RoomMeetings, variables: { id: props.opportunityId } }],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const minutes = Number(duration);
    const startsAt = date && time ? new Date(`${date}T${time}`) : new Date(Number.NaN);
    const found =
      (meetingStartProblem(startsAt) && `Start ${meetingStartProblem(startsAt)}.`) ||
      (meetingDurationProblem(minutes) && `Length ${meetingDurationProblem(minutes)}.`) ||
      (attendeeIds.length === 0 ? "Invite at least one person from the room." : null) ||
      (!agenda.trim() ? "Write the agenda." : null);
    setProblem(found);
    if (found) return;
    try {
      const result = await schedule({
        variables: {
          input: {
            opportunityId: props.opportunityId,
            startsAt: startsAt.toISOString(),
            durationMinutes: minutes,
            attendeeIds: [...attendeeIds],
            agenda: agenda.trim(),
          },
        },
      });
      props.onDone(scheduledNotice(result.data?.scheduleMeeting.invitationsEmailed ?? 0));
    } catch {
      // Shown below; the form keeps what was typed.
    }
  }

  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Schedule the meeting" noValidate>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.date}>Date</label>
          <input id={ids.date} type="date" value={date} min={tomorrow()} onChange={(e) => setDate(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={ids.time}>Time</label>
          <input id={ids.time} type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={ids.duration}>Minutes</label>
          <input
            id={ids.duration}
            type="number"
            inputMode="numeric"
            min={MEETING_DURATION_MIN}
            max={MEETING_DURATION_MAX}
            step={5}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            required
          />
        </div>
      </div>
      <fieldset className="checkbox-row">
        <legend>Who</legend>
        {props.members.map((member) => (
          <label key={member.id}>
            <input
              type="checkbox"
              checked={attendeeIds.includes(member.id)}
              onChange={(e) =>
                setAttendeeIds(e.target.checked ? [...attendeeIds, member.id] : attendeeIds.filter((id) => id !== member.id))
              }
            />
            {member.name} ({member.organizationName})
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={ids.agenda}>Agenda</label>
        <textarea
          id={ids.agenda}
          rows={4}
          value={agenda}
          maxLength={MEETING_AGENDA_MAX}
          onChange={(e) => setAgenda(e.target.value)}
          required
        />
      </div>
      <FormError error={problem ?? error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading}>
          {loading ? "Scheduling…" : "Schedule and invite"}
        </button>
        <button type="button" className="button-secondary" onClick={() => props.onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
