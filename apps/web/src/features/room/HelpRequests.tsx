import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { describeError } from "../../apiErrors";
import { getFragmentData, graphql } from "../../gql";
import { FormError } from "../shared/FormError";
import { refetchRoomFeed } from "./ActivityFeed";

/** What the help panel shows of a room; the room's one query spreads it (RoomPage). */
export const HelpRequestsFragment = graphql(`
  fragment HelpRequests on Opportunity {
    id
    helpRequests {
      status
      request {
        id
        body
        createdAt
        actor {
          id
          name
        }
      }
      answers {
        id
        body
        actor {
          id
          name
        }
      }
    }
  }
`);

/**
 * The help requests alone: read from the cache the room's query filled when the room opens,
 * fetched after an answer.
 */
export const RoomHelpRequests = graphql(`
  query RoomHelpRequests($id: ID!) {
    opportunity(id: $id) {
      id
      ...HelpRequests
    }
  }
`);

const AnswerHelpRequest = graphql(`
  mutation AnswerHelpRequest($input: AnswerHelpRequestInput!) {
    answerHelpRequest(input: $input) {
      id
      seq
    }
  }
`);

/** Members' help requests (logged from the composer) with their answers; others answer here. */
export function HelpRequests(props: { opportunityId: string; viewerId: string; writable: boolean }) {
  const { data, loading, error, refetch } = useQuery(RoomHelpRequests, { variables: { id: props.opportunityId } });
  const requests = data ? getFragmentData(HelpRequestsFragment, data.opportunity).helpRequests : [];
  const open = requests.filter((r) => r.status === "OPEN").length;

  return (
    <section className="card help-requests" aria-labelledby="help-heading">
      <div className="section-head">
        <h2 id="help-heading">Help requests</h2>
        {open > 0 && <span className="status-badge help-open">{open} open</span>}
      </div>
      {!data && loading && (
        <p className="muted" role="status">
          Loading help requests…
        </p>
      )}
      {!data && !loading && (
        <div role="alert">
          <p>Could not load help requests. {error ? describeError(error) : ""}</p>
          <button type="button" className="button-secondary" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      )}
      {data && requests.length === 0 && <p className="muted">No one has asked for help. Log a “Help request” in the feed to ask.</p>}
      {requests.length > 0 && (
        <ul className="help-list">
          {requests.map((help) => (
            <li key={help.request.id} className={`help help-${help.status.toLowerCase()}`}>
              <p>
                <strong>{help.request.actor?.name ?? "Someone"}</strong> asks: {help.request.body}
              </p>
              {help.answers.map((answer) => (
                <p key={answer.id} className="help-answer">
                  <strong>{answer.actor?.name ?? "Someone"}</strong>: {answer.body}
                </p>
              ))}
              {props.writable && help.request.actor?.id !== props.viewerId && (
                <AnswerForm opportunityId={props.opportunityId} requestId={help.request.id} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AnswerForm({ opportunityId, requestId }: { opportunityId: string; requestId: string }) {
  const id = useId();
  const [body, setBody] = useState("");
  const [answer, { loading, error }] = useMutation(AnswerHelpRequest, {
    refetchQueries: [{ query: RoomHelpRequests, variables: { id: opportunityId } }, ...refetchRoomFeed(opportunityId)],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    try {
      await answer({ variables: { input: { requestId, body: body.trim() } } });
      setBody("");
    } catch {
      // Shown below; the answer stays in the box.
    }
  }

  return (
    <form className="answer-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id} className="visually-hidden">
        Your answer
      </label>
      <input id={id} placeholder="Your answer…" value={body} onChange={(e) => setBody(e.target.value)} />
      <button type="submit" className="button-secondary button-small" disabled={loading || !body.trim()}>
        {loading ? "Sending…" : "Answer"}
      </button>
      <FormError error={error} />
    </form>
  );
}
