import { Arg, Ctx, Extensions, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { writerPolicyOf } from "../../context.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { User } from "../user/user.entity.js";
import { Meeting } from "./meeting.entity.js";
import { CancelMeetingInput, RescheduleMeetingInput, ScheduleMeetingInput } from "./meeting.inputs.js";

@Resolver(() => Meeting)
export class MeetingResolver {
  @Mutation(() => Meeting, {
    description:
      "Schedules a meeting of the room (write access; a person, not an API token): each attendee, a member of the room, is e-mailed an iCalendar invitation with the agenda and a link to the room. The room's log records it.",
  })
  scheduleMeeting(@Arg("input", () => ScheduleMeetingInput) input: ScheduleMeetingInput, @Ctx() context: Context): Promise<Meeting> {
    return context.services.meetings.schedule(writerPolicyOf(context), input);
  }

  @Mutation(() => Meeting, {
    description:
      "Moves a meeting to another time (its organizer, the owner rep or a manager of the deal's organization): SEQUENCE grows and the attendees get the update.",
  })
  rescheduleMeeting(@Arg("input", () => RescheduleMeetingInput) input: RescheduleMeetingInput, @Ctx() context: Context): Promise<Meeting> {
    return context.services.meetings.reschedule(writerPolicyOf(context), input);
  }

  @Mutation(() => Meeting, {
    description: "Calls a meeting off (as rescheduleMeeting): the attendees get the cancellation (METHOD:CANCEL).",
  })
  cancelMeeting(@Arg("input", () => CancelMeetingInput) input: CancelMeetingInput, @Ctx() context: Context): Promise<Meeting> {
    return context.services.meetings.cancel(writerPolicyOf(context), input);
  }

  @FieldResolver(() => Opportunity)
  async opportunity(@Root() meeting: Meeting, @Ctx() context: Context): Promise<Opportunity> {
    return (await context.loaders.opportunity.load(meeting.opportunityId))!;
  }

  @FieldResolver(() => User, { description: "Who scheduled it: the ORGANIZER of the invitation." })
  async organizer(@Root() meeting: Meeting, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(meeting.organizerId))!;
  }

  @Extensions(maxItems(LIST_BOUNDS.roomMembers))
  @FieldResolver(() => [User], { description: "The people invited, in the order given." })
  attendees(@Root() meeting: Meeting, @Ctx() context: Context): Promise<User[]> {
    return context.loaders.meetingAttendees.load(meeting.id);
  }

  @FieldResolver(() => String, {
    description:
      "The invitation as an iCalendar file (`text/calendar`, RFC 5545): GET it with the same `Authorization: Bearer …` as the API (or the web app's session); 404 for anyone who may not see the room.",
  })
  icsUrl(@Root() meeting: Meeting, @Ctx() context: Context): string {
    return context.services.meetings.icsUrl(meeting);
  }
}

@Resolver(() => Opportunity)
export class OpportunityMeetingsResolver {
  @Extensions(maxItems(LIST_BOUNDS.perRoom))
  @FieldResolver(() => [Meeting], { description: "The room's meetings, by start time (cancelled ones included, with `cancelledAt`)." })
  meetings(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<Meeting[]> {
    return context.loaders.meetings.load(opportunity.id);
  }
}
