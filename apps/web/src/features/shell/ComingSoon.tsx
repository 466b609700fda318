import type { ReactNode } from "react";

/** A screen whose data the API does not serve yet: what it will do, so the navigation is honest. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="coming-soon" aria-labelledby="coming-soon-heading">
      <h1 id="coming-soon-heading">{title}</h1>
      <div className="card notice">
        <p className="coming-soon-tag">Coming soon</p>
        {children}
      </div>
    </section>
  );
}
