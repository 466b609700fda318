import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { graphql } from "../../gql";
import type { BoardFilters } from "./filters";
import { searchFromFilters } from "./filters";
import { ImportDeals } from "./ImportDeals";

const TransferViewer = graphql(`
  query BoardTransferViewer {
    viewer {
      id
      organization {
        id
        kind
      }
    }
  }
`);

/**
 * The board in and out of cosell: "Export CSV" downloads the deals the board shows, with its
 * filters (the server takes the same `q`, `stages` and `partner` the address keeps); "Import CSV"
 * opens the import for people of a vendor (partner firms register deals with the vendor instead).
 */
export function BoardTransfer({ filters }: { filters: BoardFilters }) {
  const vendor = useQuery(TransferViewer).data?.viewer?.organization.kind === "VENDOR";
  const [importing, setImporting] = useState(false);
  return (
    <>
      <div className="board-transfer">
        <a className="button-secondary button-small" href={`/export/opportunities.csv${searchFromFilters(filters)}`} download>
          Export CSV
        </a>
        {vendor && (
          <button
            type="button"
            className="button-secondary button-small"
            aria-expanded={importing}
            onClick={() => setImporting(!importing)}
          >
            Import CSV
          </button>
        )}
      </div>
      {importing && (
        <div className="board-import">
          <ImportDeals onClose={() => setImporting(false)} />
        </div>
      )}
    </>
  );
}
