import { useQuery } from "@apollo/client/react";
import { useId } from "react";
import { describeError } from "../../apiErrors";
import { graphql } from "../../gql";
import { OpportunityRow } from "./OpportunityRow";

/** How many opportunities the board shows; paging comes with the board's filters. */
export const BOARD_PAGE_SIZE = 50;

const BoardOpportunities = graphql(`
  query BoardOpportunities($first: Int!) {
    opportunities(first: $first) {
      edges {
        cursor
        node {
          ...OpportunityRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The opportunities the viewer can see: their organization's, and rooms they were added to. */
export function OpportunityList() {
  const headingId = useId();
  const { data, loading, error, refetch } = useQuery(BoardOpportunities, {
    variables: { first: BOARD_PAGE_SIZE },
  });

  let content;
  if (loading) {
    content = (
      <p className="muted" role="status">
        Loading opportunities…
      </p>
    );
  } else if (error) {
    content = (
      <div className="card notice" role="alert">
        <p>Could not load your opportunities. {describeError(error)}</p>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (!data || data.opportunities.edges.length === 0) {
    content = (
      <div className="card notice">
        <p>No opportunities yet.</p>
        <p className="muted">
          Your organization's opportunities, and the rooms you are added to, will show up here.
        </p>
      </div>
    );
  } else {
    const { edges, pageInfo } = data.opportunities;
    content = (
      <>
        <ul className="opportunity-list" aria-labelledby={headingId}>
          {edges.map((edge) => (
            <OpportunityRow key={edge.cursor} opportunity={edge.node} />
          ))}
        </ul>
        {pageInfo.hasNextPage && (
          <p className="muted">Showing the first {edges.length} opportunities.</p>
        )}
      </>
    );
  }

  return (
    <section className="board">
      <h1 id={headingId}>Opportunities</h1>
      {content}
    </section>
  );
}
