import { useMutation, useQuery } from "@apollo/client/react";
import { formatBasisPoints } from "@cosell/schema";
import { useState } from "react";
import { formatMoney } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { OrgRole } from "../../gql/graphql";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";
import { sameOriginHref } from "./MeetingsPanel";

/** What the outline panel shows of a room: its latest outline; the room's one query spreads it (RoomPage). */
export const OutlinePanelFragment = graphql(`
  fragment OutlinePanel on Opportunity {
    id
    outline {
      id
      version
      publishedAt
      publishedBy {
        id
        name
      }
      viewerCanSign
      markdownUrl
      pdfUrl
      signatures {
        signedAt
        organization {
          id
          name
        }
        signedBy {
          id
          name
        }
      }
      awaitingSignatureFrom {
        id
        name
      }
      content {
        amount {
          amount
          currency
        }
        firms {
          organizationId
          name
          owner
          agreementScope
          commitments {
            commitmentId
            title
            assigneeName
            dueAt
          }
        }
        split {
          revision
          lines {
            userName
            organizationName
            basisPoints
            type
          }
        }
        meeting {
          startsAt
          agenda
        }
      }
    }
  }
`);

/** The outline alone: read from the cache the room's query filled, fetched after a publish or a signature. */
export const RoomOutline = graphql(`
  query RoomOutline($id: ID!) {
    opportunity(id: $id) {
      id
      ...OutlinePanel
    }
  }
`);

const PublishOutline = graphql(`
  mutation PublishOutline($input: PublishOutlineInput!) {
    publishOutline(input: $input) {
      id
      version
    }
  }
`);

const SignOutline = graphql(`
  mutation SignOutline($input: SignOutlineInput!) {
    signOutline(input: $input) {
      id
      viewerCanSign
    }
  }
`);

export interface OutlineViewer {
  readonly id: string;
  readonly role: OrgRole;
  readonly organization: { readonly id: string };
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const moment = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * "Publish the outline": after the meeting, the plan as it stands (each firm's accepted
 * commitments, the agreed split, the agreement scopes) becomes a numbered version that a manager
 * of each firm in the room signs. The latest version shows here with who has signed and who is
 * awaited, and downloads as Markdown or PDF.
 */
export function OutlinePanel(props: { opportunityId: string; viewer: OutlineViewer; writable: boolean }) {
  const { data, loading, error, refetch } = useQuery(RoomOutline, { variables: { id: props.opportunityId } });
  const [notice, setNotice] = useState<string | null>(null);
  const refetchQueries = [{ query: RoomOutline, variables: { id: props.opportunityId } }];
  const [publish, publishing] = useMutation(PublishOutline, { refetchQueries, awaitRefetchQueries: true });
  const [sign, signing] = useMutation(SignOutline, { refetchQueries, awaitRefetchQueries: true });
  const outline = data ? getFragmentData(OutlinePanelFragment, data.opportunity).outline : undefined;

  async function onPublish() {
    setNotice(null);
    signing.reset();
    try {
      const result = await publish({ variables: { input: { opportunityId: props.opportunityId } } });
      setNotice(`Version ${result.data?.publishOutline.version ?? ""} published: each firm's manager can now sign it.`);
    } catch {
      // Shown below.
    }
  }

  async function onSign(id: string, firm: string) {
    setNotice(null);
    publishing.reset();
    try {
      await sign({ variables: { input: { id } } });
      setNotice(`Signed for ${firm}.`);
    } catch {
      // Shown below.
    }
  }

  let body;
  if (outline === undefined) {
    body = <LoadState what="the outline" loading={loading} error={error} hasData={false} retry={() => void refetch()} />;
  } else if (outline === null) {
    body = <p className="muted">Nothing published yet. After the meeting, publish the outline for each firm's manager to sign.</p>;
  } else {
    const { content } = outline;
    const signedBy = new Map(outline.signatures.map((s) => [s.organization.id, s]));
    // The viewer's firm, when it is awaited (the only time the viewer may sign).
    const ownFirm = outline.awaitingSignatureFrom.find((org) => org.id === props.viewer.organization.id)?.name ?? "your firm";
    body = (
      <div className="outline">
        <p className="muted">
          Version {outline.version}, published <time dateTime={outline.publishedAt}>{moment.format(new Date(outline.publishedAt))}</time>
          {outline.publishedBy ? ` by ${outline.publishedBy.name}` : ""}
        </p>
        {content.meeting && (
          <p className="commitment-note">
            After the meeting of <time dateTime={content.meeting.startsAt}>{moment.format(new Date(content.meeting.startsAt))}</time>
          </p>
        )}
        <h3>Commitments</h3>
        <ul className="commitment-list" aria-label="Commitments in the outline">
          {content.firms.map((firm) => (
            <li key={firm.organizationId} className="commitment">
              <div className="commitment-main">
                <span className="commitment-title">{firm.name}</span>
                {signedBy.has(firm.organizationId) && <span className="status-badge commitment-status-done">Signed</span>}
              </div>
              {firm.commitments.length === 0 ? (
                <p className="commitment-note muted">No accepted commitments.</p>
              ) : (
                <ul className="outline-items">
                  {firm.commitments.map((c) => (
                    <li key={c.commitmentId}>
                      {c.title}: {c.assigneeName}, due <time dateTime={c.dueAt}>{day.format(new Date(c.dueAt))}</time>
                    </li>
                  ))}
                </ul>
              )}
              {!firm.owner && <p className="commitment-note muted">Scope: {firm.agreementScope ?? "no working agreement on record"}</p>}
            </li>
          ))}
        </ul>
        <h3>Credit split</h3>
        {content.split ? (
          <ul className="outline-items" aria-label="Split in the outline">
            {content.split.lines.map((line, i) => (
              <li key={i}>
                {line.userName} ({line.organizationName}): {formatBasisPoints(line.basisPoints)} {line.type.toLowerCase()}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No split agreed when this was published.</p>
        )}
        <p className="muted">Deal amount {formatMoney(content.amount)}</p>
        <h3>Signatures</h3>
        <ul className="outline-items" aria-label="Signatures">
          {outline.signatures.map((s) => (
            <li key={s.organization.id}>
              {s.organization.name}: signed by {s.signedBy.name}, <time dateTime={s.signedAt}>{moment.format(new Date(s.signedAt))}</time>
            </li>
          ))}
          {outline.awaitingSignatureFrom.map((org) => (
            <li key={org.id} className="muted">
              {org.name}: awaiting signature
            </li>
          ))}
        </ul>
        <div className="commitment-actions">
          {outline.viewerCanSign && (
            <button
              type="button"
              className="button-primary button-small"
              disabled={signing.loading}
              onClick={() => void onSign(outline.id, ownFirm)}
            >
              {signing.loading ? "Signing…" : `Sign for ${ownFirm}`}
            </button>
          )}
          <a className="button-link" href={sameOriginHref(outline.markdownUrl)} download>
            Download Markdown
          </a>
          <a className="button-link" href={sameOriginHref(outline.pdfUrl)} download>
            Download PDF
          </a>
        </div>
      </div>
    );
  }

  return (
    <section className="card outline-panel" aria-labelledby="outline-heading">
      <div className="section-head">
        <h2 id="outline-heading">Outline</h2>
        {props.writable && outline !== undefined && (
          <button type="button" className="button-secondary button-small" disabled={publishing.loading} onClick={() => void onPublish()}>
            {publishing.loading ? "Publishing…" : outline ? "Publish a new version" : "Publish the outline"}
          </button>
        )}
      </div>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      {body}
      <FormError error={publishing.error ?? signing.error} />
    </section>
  );
}
