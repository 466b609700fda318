import { useMutation, useQuery } from "@apollo/client/react";
import { graphql } from "../../gql";
import type { CoSellRequestStatus, CoSellRequestsQuery } from "../../gql/graphql";
import { Link, roomPath } from "../../router";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";
import { useRefetchOnReturn } from "../shared/useRefetchOnReturn";
import type { RegistrationViewer } from "./DealRegistrations";

export const CoSellRequestsDocument = graphql(`
  query CoSellRequests {
    coSellRequests {
      id
      status
      accountDomain
      accountName
      message
      reason
      createdAt
      requester {
        id
        name
      }
      requesterOrganization {
        id
        name
      }
      recipientOrganization {
        id
        name
      }
      answeredBy {
        id
        name
      }
      opportunity {
        id
        title
      }
    }
  }
`);

export const AnswerCoSellRequest = graphql(`
  mutation AnswerCoSellRequest($input: AnswerCoSellRequestInput!) {
    answerCoSellRequest(input: $input) {
      id
      status
      reason
      opportunity {
        id
        title
      }
    }
  }
`);

type Request = CoSellRequestsQuery["coSellRequests"][number];

const statusLabels: Readonly<Record<CoSellRequestStatus, string>> = {
  PENDING: "Awaiting answer",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
};

/**
 * Co-sell requests the firm sent from account mapping and received from partners; a manager of the
 * asked firm accepts (the room opens with both reps) or declines.
 */
export function CoSellRequests(props: { viewer: RegistrationViewer }) {
  const { data, loading, error, refetch } = useQuery(CoSellRequestsDocument, { fetchPolicy: "cache-and-network" });
  // The partner's answer (or a new request) shows when the person comes back to the window.
  useRefetchOnReturn(refetch);
  const requests = data?.coSellRequests ?? [];
  const incoming = requests.filter((r) => r.recipientOrganization.id === props.viewer.organization.id);
  const outgoing = requests.filter((r) => r.requesterOrganization.id === props.viewer.organization.id);
  const toAnswer = incoming.filter((r) => r.status === "PENDING").length;

  return (
    <section className="card" aria-labelledby="cosell-heading">
      <div className="section-head">
        <h2 id="cosell-heading">Co-sell requests</h2>
        {toAnswer > 0 && <span className="status-badge help-open">{toAnswer} to answer</span>}
      </div>
      <LoadState what="co-sell requests" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {data && requests.length === 0 && (
        <p className="muted">None yet. From an account a partner revealed in account mapping, ask that partner to co-sell.</p>
      )}
      {incoming.length > 0 && <RequestList label="Received" requests={incoming} viewer={props.viewer} incoming />}
      {outgoing.length > 0 && <RequestList label="Sent" requests={outgoing} viewer={props.viewer} incoming={false} />}
    </section>
  );
}

function RequestList(props: { label: string; requests: readonly Request[]; viewer: RegistrationViewer; incoming: boolean }) {
  return (
    <>
      <h3>{props.label}</h3>
      <ul className="entity-list" aria-label={`${props.label} co-sell requests`}>
        {props.requests.map((request) => (
          <CoSellRequestItem key={request.id} request={request} viewer={props.viewer} incoming={props.incoming} />
        ))}
      </ul>
    </>
  );
}

export function CoSellRequestItem(props: { request: Request; viewer: RegistrationViewer; incoming: boolean }) {
  const { request } = props;
  const mayAnswer = props.incoming && request.status === "PENDING" && (props.viewer.role === "MANAGER" || props.viewer.role === "ADMIN");
  const [answer, answering] = useMutation(AnswerCoSellRequest, { refetchQueries: ["CoSellRequests"] });
  const send = (accept: boolean) => void answer({ variables: { input: { id: request.id, accept } } }).catch(() => undefined);
  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{request.accountName ?? request.accountDomain}</strong>
        <span className={`status-badge cosell-${request.status.toLowerCase()}`}>{statusLabels[request.status]}</span>
      </div>
      <p className="muted">
        {request.accountDomain} · {request.requester.name} of {request.requesterOrganization.name} asked{" "}
        {request.recipientOrganization.name}
        {request.answeredBy ? ` · answered by ${request.answeredBy.name}` : ""}
      </p>
      <p>{request.message}</p>
      {request.reason && <p>Reason: {request.reason}</p>}
      {request.opportunity && (
        <p>
          Worked in <Link to={roomPath(request.opportunity.id)}>{request.opportunity.title}</Link>
        </p>
      )}
      {mayAnswer && (
        <div className="row-actions">
          <button type="button" className="button-primary button-inline" disabled={answering.loading} onClick={() => send(true)}>
            {answering.loading ? "Answering…" : "Accept and open the room"}
          </button>
          <ConfirmButton
            label="Decline…"
            question={`Decline ${request.requester.name}'s request?`}
            confirmLabel="Yes, decline"
            busyLabel="Declining…"
            busy={answering.loading}
            onConfirm={() => send(false)}
          />
        </div>
      )}
      <FormError error={answering.error} />
    </li>
  );
}
