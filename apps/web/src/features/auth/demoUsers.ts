import type { OrgRole } from "../../gql/graphql";

/** The password of every user in the demo world the server seeds (COSELL_SEED=demo). */
export const DEMO_PASSWORD = "cosell-demo";

export interface DemoOrganization {
  readonly name: string;
  readonly users: readonly { readonly email: string; readonly role: OrgRole }[];
}

/** The seeded demo world (DESIGN.md section 6), listed on the sign-in page. */
export const demoOrganizations: readonly DemoOrganization[] = [
  {
    name: "Acme Print",
    users: [
      { email: "ana@acme.test", role: "REP" },
      { email: "max@acme.test", role: "MANAGER" },
      { email: "ada@acme.test", role: "ADMIN" },
    ],
  },
  {
    name: "Pixel Studio",
    users: [
      { email: "lee@pixel.test", role: "REP" },
      { email: "pat@pixel.test", role: "MANAGER" },
    ],
  },
  {
    name: "Paperworks",
    users: [
      { email: "sam@paperworks.test", role: "REP" },
      { email: "pia@paperworks.test", role: "MANAGER" },
    ],
  },
  { name: "Globex", users: [{ email: "gus@globex.test", role: "REP" }] },
];
