import { CoreDeals1764230000000 } from "./1764230000000-CoreDeals.js";
import { Partnering1764300000000 } from "./1764300000000-Partnering.js";
import { PartnerApi1764400000000 } from "./1764400000000-PartnerApi.js";
import { AuditTrail1764500000000 } from "./1764500000000-AuditTrail.js";
import { SplitRevisions1764500000001 } from "./1764500000001-SplitRevisions.js";
import { CommitmentAcceptance1764500000002 } from "./1764500000002-CommitmentAcceptance.js";
import { WonIsFinal1764500000003 } from "./1764500000003-WonIsFinal.js";
import { Sessions1764600000001 } from "./1764600000001-Sessions.js";
import { BoardChanges1764700000001 } from "./1764700000001-BoardChanges.js";
import { Notifications1764700000002 } from "./1764700000002-Notifications.js";
import { ReportingCurrency1764700000006 } from "./1764700000006-ReportingCurrency.js";
import { AccountMapping1764700000007 } from "./1764700000007-AccountMapping.js";
import { Invitations1764800000001 } from "./1764800000001-Invitations.js";
import { StructuredAgreements1764800000002 } from "./1764800000002-StructuredAgreements.js";
import { RegistrationRules1764800000003 } from "./1764800000003-RegistrationRules.js";
import { Meetings1764800000004 } from "./1764800000004-Meetings.js";
import { BoardImports1764800000005 } from "./1764800000005-BoardImports.js";

/** Every migration in order. Schema changes happen only here; `synchronize` is never on. */
export const MIGRATIONS = [
  CoreDeals1764230000000,
  Partnering1764300000000,
  PartnerApi1764400000000,
  AuditTrail1764500000000,
  SplitRevisions1764500000001,
  CommitmentAcceptance1764500000002,
  WonIsFinal1764500000003,
  Sessions1764600000001,
  BoardChanges1764700000001,
  Notifications1764700000002,
  ReportingCurrency1764700000006,
  AccountMapping1764700000007,
  Invitations1764800000001,
  StructuredAgreements1764800000002,
  RegistrationRules1764800000003,
  Meetings1764800000004,
  BoardImports1764800000005,
];
