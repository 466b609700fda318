/**
 * The partner code of conduct that both firms accept when they sign a partnership
 * (`signPartnership(input: { acceptCodeOfConduct: true })`). The web app shows this text before
 * it lets a manager accept it; the version names what was accepted.
 */
export const CODE_OF_CONDUCT = {
  version: "2026-01",
  title: "cosell partner code of conduct",
  clauses: [
    {
      heading: "Customer first",
      text: "We work each shared opportunity in the customer's interest. We do not make promises to a customer on the partner's behalf, and we tell the customer who does what.",
    },
    {
      heading: "One record",
      text: "What we agree, deliver or learn about a shared deal goes into the room's activity log. We do not keep side agreements about a shared customer.",
    },
    {
      heading: "Commitments",
      text: "We take on commitments we can keep, deliver them by their due date, and say early when we cannot. Our on-time rate is visible to our partners.",
    },
    {
      heading: "Confidentiality",
      text: "Customer data, prices and plans seen in a shared room are used only for that opportunity. They are not shared outside the room or used to compete for the same customer.",
    },
    {
      heading: "Deal registration",
      text: "We register a deal we found before working it, with true account details, and accept the vendor's decision on conflicts with deals already open.",
    },
    {
      heading: "Fair credit",
      text: "Credit splits follow who did the work. We propose and approve splits in good faith and do not hold an approval back to renegotiate terms.",
    },
    {
      heading: "Compliance",
      text: "We follow the law and each firm's policies on anti-bribery, export control and data protection. No gifts or payments to win a customer's business.",
    },
    {
      heading: "Ending the partnership",
      text: "Either firm may terminate the partnership. Its people then lose write access to shared rooms; obligations on confidentiality continue.",
    },
  ],
} as const;
