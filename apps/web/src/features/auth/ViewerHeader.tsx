import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { roleLabel } from "../../format";
import { graphql } from "../../gql";

const Viewer = graphql(`
  query Viewer {
    viewer {
      id
      name
      role
      organization {
        id
        name
      }
    }
  }
`);

/** Who is signed in, as the header (always on screen) asked: from the cache, undefined until then. */
export function useViewer() {
  return useQuery(Viewer, { fetchPolicy: "cache-only" }).data?.viewer;
}

export interface ViewerHeaderProps {
  onSignOut: () => void;
  /** The app's navigation, between the brand and the viewer. */
  children?: ReactNode;
}

/** The app's top bar: who is signed in, for which organization, and the way out. */
export function ViewerHeader({ onSignOut, children }: ViewerHeaderProps) {
  const { data, loading } = useQuery(Viewer);
  const viewer = data?.viewer;

  return (
    <header className="app-header">
      <span className="brand">cosell</span>
      {children}
      <div className="viewer">
        {viewer ? (
          <>
            <span className="viewer-name">{viewer.name}</span>
            <span className="viewer-organization">
              {viewer.organization.name} · {roleLabel(viewer.role)}
            </span>
          </>
        ) : (
          loading && <span className="muted">Loading…</span>
        )}
      </div>
      <button type="button" className="button-secondary" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
