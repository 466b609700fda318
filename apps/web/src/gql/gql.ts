/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SignOut($input: LogoutInput!) {\n    logout(input: $input) {\n      sessionsEnded\n    }\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    signIn(input: $input) {\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query DealAccounts {\n    accounts {\n      id\n      name\n      domain\n    }\n  }\n": typeof types.DealAccountsDocument,
    "\n  mutation CreateDealAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      name\n      domain\n    }\n  }\n": typeof types.CreateDealAccountDocument,
    "\n  mutation CreateDeal($input: CreateOpportunityInput!) {\n    createOpportunity(input: $input) {\n      id\n      title\n      stage\n      version\n    }\n  }\n": typeof types.CreateDealDocument,
    "\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  query DealPreview($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      # The deal's facts, as the room's header shows them.\n      ...RoomHeader\n      members {\n        role\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      commitments {\n        id\n        title\n        status\n        dueAt\n        assignee {\n          id\n          name\n        }\n      }\n      activities(last: 5) {\n        edges {\n          node {\n            id\n            kind\n            body\n            createdAt\n            actor {\n              id\n              name\n            }\n            apiTokenName\n          }\n        }\n      }\n    }\n  }\n": typeof types.DealPreviewDocument,
    "\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.OpportunityCardFragmentDoc,
    "\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n": typeof types.MoveOpportunityStageDocument,
    "\n  fragment CommitmentPlan on Opportunity {\n    id\n    commitments {\n      id\n      title\n      status\n      dueAt\n      completedAt\n      onTime\n      declineReason\n      viewerCanAnswer\n      assignee {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        reliability {\n          ...ReliabilityFigures\n        }\n      }\n    }\n  }\n": typeof types.CommitmentPlanFragmentDoc,
    "\n  query RoomPlan($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...CommitmentPlan\n    }\n  }\n": typeof types.RoomPlanDocument,
    "\n  mutation AddCommitment($input: AddCommitmentInput!) {\n    addCommitment(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.AddCommitmentDocument,
    "\n  mutation CompleteCommitment($input: CompleteCommitmentInput!) {\n    completeCommitment(input: $input) {\n      id\n      status\n      completedAt\n      onTime\n    }\n  }\n": typeof types.CompleteCommitmentDocument,
    "\n  mutation AcceptCommitment($input: AcceptCommitmentInput!) {\n    acceptCommitment(input: $input) {\n      id\n      status\n      viewerCanAnswer\n    }\n  }\n": typeof types.AcceptCommitmentDocument,
    "\n  mutation DeclineCommitment($input: DeclineCommitmentInput!) {\n    declineCommitment(input: $input) {\n      id\n      status\n      declineReason\n      viewerCanAnswer\n    }\n  }\n": typeof types.DeclineCommitmentDocument,
    "\n  mutation CancelCommitment($input: CancelCommitmentInput!) {\n    cancelCommitment(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.CancelCommitmentDocument,
    "\n  subscription RoomActivityLive($opportunityId: ID!, $after: String) {\n    roomActivity(opportunityId: $opportunityId, after: $after) {\n      id\n      seq\n      cursor\n      kind\n      ...ActivityItem\n    }\n  }\n": typeof types.RoomActivityLiveDocument,
    "\n  subscription DealStageChangedLive($filter: StageChangeFilter) {\n    dealStageChanged(filter: $filter) {\n      fromStage\n      toStage\n      at\n      changedBy {\n        id\n        name\n      }\n      opportunity {\n        id\n        title\n        stage\n        version\n        amount {\n          amount\n          currency\n        }\n        account {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.DealStageChangedLiveDocument,
    "\n  subscription BoardChangedLive($after: String) {\n    boardChanged(after: $after) {\n      cursor\n      kind\n      opportunityId\n      opportunity {\n        # The card's fragment holds all the board's list reads of a deal.\n        id\n        title\n        stage\n        ...OpportunityCard\n        ...RoomHeader\n      }\n    }\n  }\n": typeof types.BoardChangedLiveDocument,
    "\n  query BoardChangesCursor {\n    boardChangesCursor\n  }\n": typeof types.BoardChangesCursorDocument,
    "\n  subscription RoomPresenceLive($opportunityId: ID!) {\n    roomPresence(opportunityId: $opportunityId) {\n      opportunityId\n      at\n      users {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RoomPresenceLiveDocument,
    "\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ManagerPipelineDocument,
    "\n  fragment FirmReliability on Reliability {\n    ...ReliabilityFigures\n    delivered\n    missed\n    open\n    onTimeRate\n    helpGiven\n  }\n": typeof types.FirmReliabilityFragmentDoc,
    "\n  query ManagerReliability {\n    viewer {\n      id\n      organization {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n      partner {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n  }\n": typeof types.ManagerReliabilityDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      emailDigest\n    }\n  }\n": typeof types.NotificationSettingsDocument,
    "\n  mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      emailDigest\n    }\n  }\n": typeof types.UpdateNotificationSettingsDocument,
    "\n  fragment NotificationItem on Notification {\n    id\n    kind\n    text\n    url\n    read\n    createdAt\n  }\n": typeof types.NotificationItemFragmentDoc,
    "\n  query NotificationInbox($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          id\n          ...NotificationItem\n        }\n      }\n    }\n  }\n": typeof types.NotificationInboxDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      ...NotificationItem\n    }\n  }\n": typeof types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n      notifications {\n        id\n        read\n      }\n    }\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query OwnAssessment {\n    viewer {\n      id\n      organization {\n        id\n        assessment {\n          updatedAt\n          updatedBy {\n            id\n            name\n          }\n          items {\n            kind\n            description\n            capabilities\n            industries\n          }\n        }\n      }\n    }\n  }\n": typeof types.OwnAssessmentDocument,
    "\n  mutation SaveAssessment($input: SaveAssessmentInput!) {\n    saveAssessment(input: $input) {\n      updatedAt\n    }\n  }\n": typeof types.SaveAssessmentDocument,
    "\n  query DealRegistrations {\n    dealRegistrations {\n      id\n      status\n      accountName\n      accountDomain\n      title\n      closeDate\n      createdAt\n      reviewReason\n      overrideReason\n      amount {\n        amount\n        currency\n      }\n      vendor {\n        id\n        name\n      }\n      registrant {\n        id\n        name\n        organization {\n          id\n          name\n        }\n      }\n      reviewedBy {\n        id\n        name\n      }\n      conflicts {\n        id\n        title\n        stage\n        owner {\n          id\n          name\n        }\n      }\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n": typeof types.DealRegistrationsDocument,
    "\n  mutation ReviewDealRegistration($input: ReviewDealRegistrationInput!) {\n    reviewDealRegistration(input: $input) {\n      id\n      status\n      reviewReason\n      overrideReason\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n": typeof types.ReviewDealRegistrationDocument,
    "\n  mutation RegisterDeal($input: RegisterDealInput!) {\n    registerDeal(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.RegisterDealDocument,
    "\n  query Partners {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n        kind\n      }\n    }\n    partnerships {\n      id\n      status\n      scope\n      terms\n      defaultRevenueSplitBp\n      codeOfConductAccepted\n      proposer {\n        id\n        name\n        kind\n      }\n      partner {\n        id\n        name\n        kind\n      }\n      proposerSignedBy {\n        id\n        name\n      }\n      partnerSignedBy {\n        id\n        name\n      }\n    }\n  }\n": typeof types.PartnersDocument,
    "\n  query PartnerDirectory($needs: [String!]) {\n    partnerDirectory(needs: $needs) {\n      matchedNeeds\n      wonDealsTogether\n      partnershipStatus\n      organization {\n        id\n        name\n        kind\n      }\n      strengths {\n        description\n        capabilities\n        industries\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n": typeof types.PartnerDirectoryDocument,
    "\n  mutation ProposePartnership($input: ProposePartnershipInput!) {\n    proposePartnership(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.ProposePartnershipDocument,
    "\n  mutation SignPartnership($input: SignPartnershipInput!) {\n    signPartnership(input: $input) {\n      id\n      status\n      codeOfConductAccepted\n    }\n  }\n": typeof types.SignPartnershipDocument,
    "\n  mutation TerminatePartnership($input: TerminatePartnershipInput!) {\n    terminatePartnership(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.TerminatePartnershipDocument,
    "\n  fragment ReliabilityFigures on Reliability {\n    delivered\n    deliveredOnTime\n    missed\n    open\n    onTimeRate\n  }\n": typeof types.ReliabilityFiguresFragmentDoc,
    "\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    apiTokenName\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n    actorOrganization {\n      id\n      name\n    }\n    changes {\n      field\n      from\n      to\n    }\n  }\n": typeof types.ActivityItemFragmentDoc,
    "\n  fragment RoomFeedPage on Opportunity {\n    activities(last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          ...ActivityItem\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": typeof types.RoomFeedPageFragmentDoc,
    "\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      ...RoomFeedPage\n    }\n  }\n": typeof types.RoomFeedDocument,
    "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n": typeof types.LogActivityDocument,
    "\n  fragment RoomHeader on Opportunity {\n    id\n    title\n    stage\n    version\n    closeDate\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n": typeof types.RoomHeaderFragmentDoc,
    "\n  query DealOwnerCandidates($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        name\n      }\n    }\n  }\n": typeof types.DealOwnerCandidatesDocument,
    "\n  fragment HelpRequests on Opportunity {\n    id\n    helpRequests {\n      status\n      request {\n        id\n        body\n        createdAt\n        actor {\n          id\n          name\n        }\n      }\n      answers {\n        id\n        body\n        actor {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.HelpRequestsFragmentDoc,
    "\n  query RoomHelpRequests($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...HelpRequests\n    }\n  }\n": typeof types.RoomHelpRequestsDocument,
    "\n  mutation AnswerHelpRequest($input: AnswerHelpRequestInput!) {\n    answerHelpRequest(input: $input) {\n      id\n      seq\n    }\n  }\n": typeof types.AnswerHelpRequestDocument,
    "\n  query RoomPicker {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          amount {\n            amount\n            currency\n          }\n          account {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.RoomPickerDocument,
    "\n  fragment RoomMembers on Opportunity {\n    id\n    organization {\n      id\n    }\n    members {\n      role\n      access\n      user {\n        id\n        name\n        email\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.RoomMembersFragmentDoc,
    "\n  query RoomMemberFirms {\n    viewer {\n      id\n      organization {\n        id\n        name\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n      }\n      partner {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RoomMemberFirmsDocument,
    "\n  query FirmPeople($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.FirmPeopleDocument,
    "\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AddRoomMemberDocument,
    "\n  query Room($id: ID!, $last: Int!, $before: String) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      organization {\n        id\n      }\n      members {\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ...RoomHeader\n      ...WonDeal\n      ...RoomMembers\n      ...CommitmentPlan\n      ...HelpRequests\n      ...SplitPanel\n      ...RoomFeedPage\n    }\n  }\n": typeof types.RoomDocument,
    "\n  fragment WonDeal on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      agreed {\n        revision\n        status\n        lines {\n          basisPoints\n          type\n          payout {\n            amount\n            currency\n          }\n          organization {\n            id\n            name\n          }\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": typeof types.WonDealFragmentDoc,
    "\n  mutation UpdateDeal($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) {\n      id\n      version\n      title\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UpdateDealDocument,
    "\n  query DealConflict($id: ID!) {\n    opportunity(id: $id) {\n      id\n      version\n      stage\n      activities(last: 20) {\n        edges {\n          node {\n            id\n            kind\n            createdAt\n            apiTokenName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              from\n              to\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.DealConflictDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      hint\n      createdAt\n      lastUsedAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        hint\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query SettingsViewer {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SettingsViewerDocument,
    "\n  query Webhooks($deliveries: Int!) {\n    webhooks {\n      id\n      url\n      events\n      createdAt\n      deliveries(first: $deliveries) {\n        id\n        event\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n        deliveredAt\n      }\n    }\n  }\n": typeof types.WebhooksDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($input: DeleteWebhookInput!) {\n    deleteWebhook(input: $input) {\n      id\n    }\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  fragment RevisionLine on SplitLine {\n    ...DraftSourceLine\n    basisPoints\n    type\n    payout {\n      amount\n      currency\n    }\n    user {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n": typeof types.RevisionLineFragmentDoc,
    "\n  fragment DraftSourceLine on SplitLine {\n    basisPoints\n    type\n    user {\n      id\n    }\n  }\n": typeof types.DraftSourceLineFragmentDoc,
    "\n  fragment SplitPanel on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      revision\n      agreed {\n        revision\n        status\n        agreedAt\n        lines {\n          ...RevisionLine\n        }\n      }\n      pending {\n        revision\n        proposedBy {\n          id\n          name\n        }\n        lines {\n          ...RevisionLine\n        }\n        approvals {\n          revision\n          organization {\n            id\n            name\n          }\n          approvedBy {\n            id\n            name\n          }\n        }\n        awaitingApprovalFrom {\n          id\n          name\n        }\n      }\n    }\n    splitDraft {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n": typeof types.SplitPanelFragmentDoc,
    "\n  query RoomSplit($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...SplitPanel\n    }\n  }\n": typeof types.RoomSplitDocument,
    "\n  query SuggestedSplit($opportunityId: ID!) {\n    suggestedSplit(opportunityId: $opportunityId) {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n": typeof types.SuggestedSplitDocument,
    "\n  mutation ProposeSplit($input: ProposeSplitInput!) {\n    proposeSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n": typeof types.ProposeSplitDocument,
    "\n  mutation ApproveSplit($input: ApproveSplitInput!) {\n    approveSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n": typeof types.ApproveSplitDocument,
};
const documents: Documents = {
    "\n  mutation SignOut($input: LogoutInput!) {\n    logout(input: $input) {\n      sessionsEnded\n    }\n  }\n": types.SignOutDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    signIn(input: $input) {\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query DealAccounts {\n    accounts {\n      id\n      name\n      domain\n    }\n  }\n": types.DealAccountsDocument,
    "\n  mutation CreateDealAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      name\n      domain\n    }\n  }\n": types.CreateDealAccountDocument,
    "\n  mutation CreateDeal($input: CreateOpportunityInput!) {\n    createOpportunity(input: $input) {\n      id\n      title\n      stage\n      version\n    }\n  }\n": types.CreateDealDocument,
    "\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.BoardDocument,
    "\n  query DealPreview($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      # The deal's facts, as the room's header shows them.\n      ...RoomHeader\n      members {\n        role\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      commitments {\n        id\n        title\n        status\n        dueAt\n        assignee {\n          id\n          name\n        }\n      }\n      activities(last: 5) {\n        edges {\n          node {\n            id\n            kind\n            body\n            createdAt\n            actor {\n              id\n              name\n            }\n            apiTokenName\n          }\n        }\n      }\n    }\n  }\n": types.DealPreviewDocument,
    "\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.OpportunityCardFragmentDoc,
    "\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n": types.MoveOpportunityStageDocument,
    "\n  fragment CommitmentPlan on Opportunity {\n    id\n    commitments {\n      id\n      title\n      status\n      dueAt\n      completedAt\n      onTime\n      declineReason\n      viewerCanAnswer\n      assignee {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        reliability {\n          ...ReliabilityFigures\n        }\n      }\n    }\n  }\n": types.CommitmentPlanFragmentDoc,
    "\n  query RoomPlan($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...CommitmentPlan\n    }\n  }\n": types.RoomPlanDocument,
    "\n  mutation AddCommitment($input: AddCommitmentInput!) {\n    addCommitment(input: $input) {\n      id\n      status\n    }\n  }\n": types.AddCommitmentDocument,
    "\n  mutation CompleteCommitment($input: CompleteCommitmentInput!) {\n    completeCommitment(input: $input) {\n      id\n      status\n      completedAt\n      onTime\n    }\n  }\n": types.CompleteCommitmentDocument,
    "\n  mutation AcceptCommitment($input: AcceptCommitmentInput!) {\n    acceptCommitment(input: $input) {\n      id\n      status\n      viewerCanAnswer\n    }\n  }\n": types.AcceptCommitmentDocument,
    "\n  mutation DeclineCommitment($input: DeclineCommitmentInput!) {\n    declineCommitment(input: $input) {\n      id\n      status\n      declineReason\n      viewerCanAnswer\n    }\n  }\n": types.DeclineCommitmentDocument,
    "\n  mutation CancelCommitment($input: CancelCommitmentInput!) {\n    cancelCommitment(input: $input) {\n      id\n      status\n    }\n  }\n": types.CancelCommitmentDocument,
    "\n  subscription RoomActivityLive($opportunityId: ID!, $after: String) {\n    roomActivity(opportunityId: $opportunityId, after: $after) {\n      id\n      seq\n      cursor\n      kind\n      ...ActivityItem\n    }\n  }\n": types.RoomActivityLiveDocument,
    "\n  subscription DealStageChangedLive($filter: StageChangeFilter) {\n    dealStageChanged(filter: $filter) {\n      fromStage\n      toStage\n      at\n      changedBy {\n        id\n        name\n      }\n      opportunity {\n        id\n        title\n        stage\n        version\n        amount {\n          amount\n          currency\n        }\n        account {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.DealStageChangedLiveDocument,
    "\n  subscription BoardChangedLive($after: String) {\n    boardChanged(after: $after) {\n      cursor\n      kind\n      opportunityId\n      opportunity {\n        # The card's fragment holds all the board's list reads of a deal.\n        id\n        title\n        stage\n        ...OpportunityCard\n        ...RoomHeader\n      }\n    }\n  }\n": types.BoardChangedLiveDocument,
    "\n  query BoardChangesCursor {\n    boardChangesCursor\n  }\n": types.BoardChangesCursorDocument,
    "\n  subscription RoomPresenceLive($opportunityId: ID!) {\n    roomPresence(opportunityId: $opportunityId) {\n      opportunityId\n      at\n      users {\n        id\n        name\n      }\n    }\n  }\n": types.RoomPresenceLiveDocument,
    "\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.ManagerPipelineDocument,
    "\n  fragment FirmReliability on Reliability {\n    ...ReliabilityFigures\n    delivered\n    missed\n    open\n    onTimeRate\n    helpGiven\n  }\n": types.FirmReliabilityFragmentDoc,
    "\n  query ManagerReliability {\n    viewer {\n      id\n      organization {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n      partner {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n  }\n": types.ManagerReliabilityDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      emailDigest\n    }\n  }\n": types.NotificationSettingsDocument,
    "\n  mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      emailDigest\n    }\n  }\n": types.UpdateNotificationSettingsDocument,
    "\n  fragment NotificationItem on Notification {\n    id\n    kind\n    text\n    url\n    read\n    createdAt\n  }\n": types.NotificationItemFragmentDoc,
    "\n  query NotificationInbox($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          id\n          ...NotificationItem\n        }\n      }\n    }\n  }\n": types.NotificationInboxDocument,
    "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      ...NotificationItem\n    }\n  }\n": types.NotificationAddedDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n      notifications {\n        id\n        read\n      }\n    }\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query OwnAssessment {\n    viewer {\n      id\n      organization {\n        id\n        assessment {\n          updatedAt\n          updatedBy {\n            id\n            name\n          }\n          items {\n            kind\n            description\n            capabilities\n            industries\n          }\n        }\n      }\n    }\n  }\n": types.OwnAssessmentDocument,
    "\n  mutation SaveAssessment($input: SaveAssessmentInput!) {\n    saveAssessment(input: $input) {\n      updatedAt\n    }\n  }\n": types.SaveAssessmentDocument,
    "\n  query DealRegistrations {\n    dealRegistrations {\n      id\n      status\n      accountName\n      accountDomain\n      title\n      closeDate\n      createdAt\n      reviewReason\n      overrideReason\n      amount {\n        amount\n        currency\n      }\n      vendor {\n        id\n        name\n      }\n      registrant {\n        id\n        name\n        organization {\n          id\n          name\n        }\n      }\n      reviewedBy {\n        id\n        name\n      }\n      conflicts {\n        id\n        title\n        stage\n        owner {\n          id\n          name\n        }\n      }\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n": types.DealRegistrationsDocument,
    "\n  mutation ReviewDealRegistration($input: ReviewDealRegistrationInput!) {\n    reviewDealRegistration(input: $input) {\n      id\n      status\n      reviewReason\n      overrideReason\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n": types.ReviewDealRegistrationDocument,
    "\n  mutation RegisterDeal($input: RegisterDealInput!) {\n    registerDeal(input: $input) {\n      id\n      status\n    }\n  }\n": types.RegisterDealDocument,
    "\n  query Partners {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n        kind\n      }\n    }\n    partnerships {\n      id\n      status\n      scope\n      terms\n      defaultRevenueSplitBp\n      codeOfConductAccepted\n      proposer {\n        id\n        name\n        kind\n      }\n      partner {\n        id\n        name\n        kind\n      }\n      proposerSignedBy {\n        id\n        name\n      }\n      partnerSignedBy {\n        id\n        name\n      }\n    }\n  }\n": types.PartnersDocument,
    "\n  query PartnerDirectory($needs: [String!]) {\n    partnerDirectory(needs: $needs) {\n      matchedNeeds\n      wonDealsTogether\n      partnershipStatus\n      organization {\n        id\n        name\n        kind\n      }\n      strengths {\n        description\n        capabilities\n        industries\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n": types.PartnerDirectoryDocument,
    "\n  mutation ProposePartnership($input: ProposePartnershipInput!) {\n    proposePartnership(input: $input) {\n      id\n      status\n    }\n  }\n": types.ProposePartnershipDocument,
    "\n  mutation SignPartnership($input: SignPartnershipInput!) {\n    signPartnership(input: $input) {\n      id\n      status\n      codeOfConductAccepted\n    }\n  }\n": types.SignPartnershipDocument,
    "\n  mutation TerminatePartnership($input: TerminatePartnershipInput!) {\n    terminatePartnership(input: $input) {\n      id\n      status\n    }\n  }\n": types.TerminatePartnershipDocument,
    "\n  fragment ReliabilityFigures on Reliability {\n    delivered\n    deliveredOnTime\n    missed\n    open\n    onTimeRate\n  }\n": types.ReliabilityFiguresFragmentDoc,
    "\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    apiTokenName\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n    actorOrganization {\n      id\n      name\n    }\n    changes {\n      field\n      from\n      to\n    }\n  }\n": types.ActivityItemFragmentDoc,
    "\n  fragment RoomFeedPage on Opportunity {\n    activities(last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          ...ActivityItem\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n": types.RoomFeedPageFragmentDoc,
    "\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      ...RoomFeedPage\n    }\n  }\n": types.RoomFeedDocument,
    "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n": types.LogActivityDocument,
    "\n  fragment RoomHeader on Opportunity {\n    id\n    title\n    stage\n    version\n    closeDate\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n": types.RoomHeaderFragmentDoc,
    "\n  query DealOwnerCandidates($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        name\n      }\n    }\n  }\n": types.DealOwnerCandidatesDocument,
    "\n  fragment HelpRequests on Opportunity {\n    id\n    helpRequests {\n      status\n      request {\n        id\n        body\n        createdAt\n        actor {\n          id\n          name\n        }\n      }\n      answers {\n        id\n        body\n        actor {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.HelpRequestsFragmentDoc,
    "\n  query RoomHelpRequests($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...HelpRequests\n    }\n  }\n": types.RoomHelpRequestsDocument,
    "\n  mutation AnswerHelpRequest($input: AnswerHelpRequestInput!) {\n    answerHelpRequest(input: $input) {\n      id\n      seq\n    }\n  }\n": types.AnswerHelpRequestDocument,
    "\n  query RoomPicker {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          amount {\n            amount\n            currency\n          }\n          account {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.RoomPickerDocument,
    "\n  fragment RoomMembers on Opportunity {\n    id\n    organization {\n      id\n    }\n    members {\n      role\n      access\n      user {\n        id\n        name\n        email\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.RoomMembersFragmentDoc,
    "\n  query RoomMemberFirms {\n    viewer {\n      id\n      organization {\n        id\n        name\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n      }\n      partner {\n        id\n        name\n      }\n    }\n  }\n": types.RoomMemberFirmsDocument,
    "\n  query FirmPeople($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.FirmPeopleDocument,
    "\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.AddRoomMemberDocument,
    "\n  query Room($id: ID!, $last: Int!, $before: String) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      organization {\n        id\n      }\n      members {\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ...RoomHeader\n      ...WonDeal\n      ...RoomMembers\n      ...CommitmentPlan\n      ...HelpRequests\n      ...SplitPanel\n      ...RoomFeedPage\n    }\n  }\n": types.RoomDocument,
    "\n  fragment WonDeal on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      agreed {\n        revision\n        status\n        lines {\n          basisPoints\n          type\n          payout {\n            amount\n            currency\n          }\n          organization {\n            id\n            name\n          }\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n": types.WonDealFragmentDoc,
    "\n  mutation UpdateDeal($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) {\n      id\n      version\n      title\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n": types.UpdateDealDocument,
    "\n  query DealConflict($id: ID!) {\n    opportunity(id: $id) {\n      id\n      version\n      stage\n      activities(last: 20) {\n        edges {\n          node {\n            id\n            kind\n            createdAt\n            apiTokenName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              from\n              to\n            }\n          }\n        }\n      }\n    }\n  }\n": types.DealConflictDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      hint\n      createdAt\n      lastUsedAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        hint\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      id\n      revokedAt\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query SettingsViewer {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.SettingsViewerDocument,
    "\n  query Webhooks($deliveries: Int!) {\n    webhooks {\n      id\n      url\n      events\n      createdAt\n      deliveries(first: $deliveries) {\n        id\n        event\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n        deliveredAt\n      }\n    }\n  }\n": types.WebhooksDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      id\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($input: DeleteWebhookInput!) {\n    deleteWebhook(input: $input) {\n      id\n    }\n  }\n": types.DeleteWebhookDocument,
    "\n  fragment RevisionLine on SplitLine {\n    ...DraftSourceLine\n    basisPoints\n    type\n    payout {\n      amount\n      currency\n    }\n    user {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n": types.RevisionLineFragmentDoc,
    "\n  fragment DraftSourceLine on SplitLine {\n    basisPoints\n    type\n    user {\n      id\n    }\n  }\n": types.DraftSourceLineFragmentDoc,
    "\n  fragment SplitPanel on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      revision\n      agreed {\n        revision\n        status\n        agreedAt\n        lines {\n          ...RevisionLine\n        }\n      }\n      pending {\n        revision\n        proposedBy {\n          id\n          name\n        }\n        lines {\n          ...RevisionLine\n        }\n        approvals {\n          revision\n          organization {\n            id\n            name\n          }\n          approvedBy {\n            id\n            name\n          }\n        }\n        awaitingApprovalFrom {\n          id\n          name\n        }\n      }\n    }\n    splitDraft {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n": types.SplitPanelFragmentDoc,
    "\n  query RoomSplit($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...SplitPanel\n    }\n  }\n": types.RoomSplitDocument,
    "\n  query SuggestedSplit($opportunityId: ID!) {\n    suggestedSplit(opportunityId: $opportunityId) {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n": types.SuggestedSplitDocument,
    "\n  mutation ProposeSplit($input: ProposeSplitInput!) {\n    proposeSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n": types.ProposeSplitDocument,
    "\n  mutation ApproveSplit($input: ApproveSplitInput!) {\n    approveSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n": types.ApproveSplitDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut($input: LogoutInput!) {\n    logout(input: $input) {\n      sessionsEnded\n    }\n  }\n"): (typeof documents)["\n  mutation SignOut($input: LogoutInput!) {\n    logout(input: $input) {\n      sessionsEnded\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    signIn(input: $input) {\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: LoginInput!) {\n    signIn(input: $input) {\n      expiresAt\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DealAccounts {\n    accounts {\n      id\n      name\n      domain\n    }\n  }\n"): (typeof documents)["\n  query DealAccounts {\n    accounts {\n      id\n      name\n      domain\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDealAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      name\n      domain\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDealAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      name\n      domain\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDeal($input: CreateOpportunityInput!) {\n    createOpportunity(input: $input) {\n      id\n      title\n      stage\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDeal($input: CreateOpportunityInput!) {\n    createOpportunity(input: $input) {\n      id\n      title\n      stage\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DealPreview($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      # The deal's facts, as the room's header shows them.\n      ...RoomHeader\n      members {\n        role\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      commitments {\n        id\n        title\n        status\n        dueAt\n        assignee {\n          id\n          name\n        }\n      }\n      activities(last: 5) {\n        edges {\n          node {\n            id\n            kind\n            body\n            createdAt\n            actor {\n              id\n              name\n            }\n            apiTokenName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DealPreview($id: ID!) {\n    opportunity(id: $id) {\n      id\n      title\n      # The deal's facts, as the room's header shows them.\n      ...RoomHeader\n      members {\n        role\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      commitments {\n        id\n        title\n        status\n        dueAt\n        assignee {\n          id\n          name\n        }\n      }\n      activities(last: 5) {\n        edges {\n          node {\n            id\n            kind\n            body\n            createdAt\n            actor {\n              id\n              name\n            }\n            apiTokenName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommitmentPlan on Opportunity {\n    id\n    commitments {\n      id\n      title\n      status\n      dueAt\n      completedAt\n      onTime\n      declineReason\n      viewerCanAnswer\n      assignee {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        reliability {\n          ...ReliabilityFigures\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CommitmentPlan on Opportunity {\n    id\n    commitments {\n      id\n      title\n      status\n      dueAt\n      completedAt\n      onTime\n      declineReason\n      viewerCanAnswer\n      assignee {\n        id\n        name\n        organization {\n          id\n          name\n        }\n        reliability {\n          ...ReliabilityFigures\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomPlan($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...CommitmentPlan\n    }\n  }\n"): (typeof documents)["\n  query RoomPlan($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...CommitmentPlan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCommitment($input: AddCommitmentInput!) {\n    addCommitment(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation AddCommitment($input: AddCommitmentInput!) {\n    addCommitment(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteCommitment($input: CompleteCommitmentInput!) {\n    completeCommitment(input: $input) {\n      id\n      status\n      completedAt\n      onTime\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteCommitment($input: CompleteCommitmentInput!) {\n    completeCommitment(input: $input) {\n      id\n      status\n      completedAt\n      onTime\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptCommitment($input: AcceptCommitmentInput!) {\n    acceptCommitment(input: $input) {\n      id\n      status\n      viewerCanAnswer\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptCommitment($input: AcceptCommitmentInput!) {\n    acceptCommitment(input: $input) {\n      id\n      status\n      viewerCanAnswer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineCommitment($input: DeclineCommitmentInput!) {\n    declineCommitment(input: $input) {\n      id\n      status\n      declineReason\n      viewerCanAnswer\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineCommitment($input: DeclineCommitmentInput!) {\n    declineCommitment(input: $input) {\n      id\n      status\n      declineReason\n      viewerCanAnswer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelCommitment($input: CancelCommitmentInput!) {\n    cancelCommitment(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelCommitment($input: CancelCommitmentInput!) {\n    cancelCommitment(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RoomActivityLive($opportunityId: ID!, $after: String) {\n    roomActivity(opportunityId: $opportunityId, after: $after) {\n      id\n      seq\n      cursor\n      kind\n      ...ActivityItem\n    }\n  }\n"): (typeof documents)["\n  subscription RoomActivityLive($opportunityId: ID!, $after: String) {\n    roomActivity(opportunityId: $opportunityId, after: $after) {\n      id\n      seq\n      cursor\n      kind\n      ...ActivityItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DealStageChangedLive($filter: StageChangeFilter) {\n    dealStageChanged(filter: $filter) {\n      fromStage\n      toStage\n      at\n      changedBy {\n        id\n        name\n      }\n      opportunity {\n        id\n        title\n        stage\n        version\n        amount {\n          amount\n          currency\n        }\n        account {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DealStageChangedLive($filter: StageChangeFilter) {\n    dealStageChanged(filter: $filter) {\n      fromStage\n      toStage\n      at\n      changedBy {\n        id\n        name\n      }\n      opportunity {\n        id\n        title\n        stage\n        version\n        amount {\n          amount\n          currency\n        }\n        account {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardChangedLive($after: String) {\n    boardChanged(after: $after) {\n      cursor\n      kind\n      opportunityId\n      opportunity {\n        # The card's fragment holds all the board's list reads of a deal.\n        id\n        title\n        stage\n        ...OpportunityCard\n        ...RoomHeader\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardChangedLive($after: String) {\n    boardChanged(after: $after) {\n      cursor\n      kind\n      opportunityId\n      opportunity {\n        # The card's fragment holds all the board's list reads of a deal.\n        id\n        title\n        stage\n        ...OpportunityCard\n        ...RoomHeader\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardChangesCursor {\n    boardChangesCursor\n  }\n"): (typeof documents)["\n  query BoardChangesCursor {\n    boardChangesCursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RoomPresenceLive($opportunityId: ID!) {\n    roomPresence(opportunityId: $opportunityId) {\n      opportunityId\n      at\n      users {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RoomPresenceLive($opportunityId: ID!) {\n    roomPresence(opportunityId: $opportunityId) {\n      opportunityId\n      at\n      users {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FirmReliability on Reliability {\n    ...ReliabilityFigures\n    delivered\n    missed\n    open\n    onTimeRate\n    helpGiven\n  }\n"): (typeof documents)["\n  fragment FirmReliability on Reliability {\n    ...ReliabilityFigures\n    delivered\n    missed\n    open\n    onTimeRate\n    helpGiven\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagerReliability {\n    viewer {\n      id\n      organization {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n      partner {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManagerReliability {\n    viewer {\n      id\n      organization {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n      partner {\n        id\n        name\n        reliability {\n          ...FirmReliability\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettings {\n    notificationSettings {\n      emailDigest\n    }\n  }\n"): (typeof documents)["\n  query NotificationSettings {\n    notificationSettings {\n      emailDigest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      emailDigest\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationSettings($input: UpdateNotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      emailDigest\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationItem on Notification {\n    id\n    kind\n    text\n    url\n    read\n    createdAt\n  }\n"): (typeof documents)["\n  fragment NotificationItem on Notification {\n    id\n    kind\n    text\n    url\n    read\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationInbox($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          id\n          ...NotificationItem\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationInbox($first: Int) {\n    notifications(first: $first) {\n      unreadCount\n      edges {\n        cursor\n        node {\n          id\n          ...NotificationItem\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      ...NotificationItem\n    }\n  }\n"): (typeof documents)["\n  subscription NotificationAdded {\n    notificationAdded {\n      id\n      ...NotificationItem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n      notifications {\n        id\n        read\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      unreadCount\n      notifications {\n        id\n        read\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnAssessment {\n    viewer {\n      id\n      organization {\n        id\n        assessment {\n          updatedAt\n          updatedBy {\n            id\n            name\n          }\n          items {\n            kind\n            description\n            capabilities\n            industries\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OwnAssessment {\n    viewer {\n      id\n      organization {\n        id\n        assessment {\n          updatedAt\n          updatedBy {\n            id\n            name\n          }\n          items {\n            kind\n            description\n            capabilities\n            industries\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveAssessment($input: SaveAssessmentInput!) {\n    saveAssessment(input: $input) {\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SaveAssessment($input: SaveAssessmentInput!) {\n    saveAssessment(input: $input) {\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DealRegistrations {\n    dealRegistrations {\n      id\n      status\n      accountName\n      accountDomain\n      title\n      closeDate\n      createdAt\n      reviewReason\n      overrideReason\n      amount {\n        amount\n        currency\n      }\n      vendor {\n        id\n        name\n      }\n      registrant {\n        id\n        name\n        organization {\n          id\n          name\n        }\n      }\n      reviewedBy {\n        id\n        name\n      }\n      conflicts {\n        id\n        title\n        stage\n        owner {\n          id\n          name\n        }\n      }\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  query DealRegistrations {\n    dealRegistrations {\n      id\n      status\n      accountName\n      accountDomain\n      title\n      closeDate\n      createdAt\n      reviewReason\n      overrideReason\n      amount {\n        amount\n        currency\n      }\n      vendor {\n        id\n        name\n      }\n      registrant {\n        id\n        name\n        organization {\n          id\n          name\n        }\n      }\n      reviewedBy {\n        id\n        name\n      }\n      conflicts {\n        id\n        title\n        stage\n        owner {\n          id\n          name\n        }\n      }\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewDealRegistration($input: ReviewDealRegistrationInput!) {\n    reviewDealRegistration(input: $input) {\n      id\n      status\n      reviewReason\n      overrideReason\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewDealRegistration($input: ReviewDealRegistrationInput!) {\n    reviewDealRegistration(input: $input) {\n      id\n      status\n      reviewReason\n      overrideReason\n      opportunity {\n        id\n        title\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterDeal($input: RegisterDealInput!) {\n    registerDeal(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterDeal($input: RegisterDealInput!) {\n    registerDeal(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Partners {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n        kind\n      }\n    }\n    partnerships {\n      id\n      status\n      scope\n      terms\n      defaultRevenueSplitBp\n      codeOfConductAccepted\n      proposer {\n        id\n        name\n        kind\n      }\n      partner {\n        id\n        name\n        kind\n      }\n      proposerSignedBy {\n        id\n        name\n      }\n      partnerSignedBy {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Partners {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n        kind\n      }\n    }\n    partnerships {\n      id\n      status\n      scope\n      terms\n      defaultRevenueSplitBp\n      codeOfConductAccepted\n      proposer {\n        id\n        name\n        kind\n      }\n      partner {\n        id\n        name\n        kind\n      }\n      proposerSignedBy {\n        id\n        name\n      }\n      partnerSignedBy {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerDirectory($needs: [String!]) {\n    partnerDirectory(needs: $needs) {\n      matchedNeeds\n      wonDealsTogether\n      partnershipStatus\n      organization {\n        id\n        name\n        kind\n      }\n      strengths {\n        description\n        capabilities\n        industries\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n"): (typeof documents)["\n  query PartnerDirectory($needs: [String!]) {\n    partnerDirectory(needs: $needs) {\n      matchedNeeds\n      wonDealsTogether\n      partnershipStatus\n      organization {\n        id\n        name\n        kind\n      }\n      strengths {\n        description\n        capabilities\n        industries\n      }\n      reliability {\n        ...ReliabilityFigures\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposePartnership($input: ProposePartnershipInput!) {\n    proposePartnership(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ProposePartnership($input: ProposePartnershipInput!) {\n    proposePartnership(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignPartnership($input: SignPartnershipInput!) {\n    signPartnership(input: $input) {\n      id\n      status\n      codeOfConductAccepted\n    }\n  }\n"): (typeof documents)["\n  mutation SignPartnership($input: SignPartnershipInput!) {\n    signPartnership(input: $input) {\n      id\n      status\n      codeOfConductAccepted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TerminatePartnership($input: TerminatePartnershipInput!) {\n    terminatePartnership(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation TerminatePartnership($input: TerminatePartnershipInput!) {\n    terminatePartnership(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReliabilityFigures on Reliability {\n    delivered\n    deliveredOnTime\n    missed\n    open\n    onTimeRate\n  }\n"): (typeof documents)["\n  fragment ReliabilityFigures on Reliability {\n    delivered\n    deliveredOnTime\n    missed\n    open\n    onTimeRate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    apiTokenName\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n    actorOrganization {\n      id\n      name\n    }\n    changes {\n      field\n      from\n      to\n    }\n  }\n"): (typeof documents)["\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    apiTokenName\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n    actorOrganization {\n      id\n      name\n    }\n    changes {\n      field\n      from\n      to\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoomFeedPage on Opportunity {\n    activities(last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          ...ActivityItem\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RoomFeedPage on Opportunity {\n    activities(last: $last, before: $before) {\n      edges {\n        cursor\n        node {\n          id\n          seq\n          ...ActivityItem\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      ...RoomFeedPage\n    }\n  }\n"): (typeof documents)["\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      ...RoomFeedPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoomHeader on Opportunity {\n    id\n    title\n    stage\n    version\n    closeDate\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment RoomHeader on Opportunity {\n    id\n    title\n    stage\n    version\n    closeDate\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DealOwnerCandidates($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query DealOwnerCandidates($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      members {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HelpRequests on Opportunity {\n    id\n    helpRequests {\n      status\n      request {\n        id\n        body\n        createdAt\n        actor {\n          id\n          name\n        }\n      }\n      answers {\n        id\n        body\n        actor {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment HelpRequests on Opportunity {\n    id\n    helpRequests {\n      status\n      request {\n        id\n        body\n        createdAt\n        actor {\n          id\n          name\n        }\n      }\n      answers {\n        id\n        body\n        actor {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomHelpRequests($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...HelpRequests\n    }\n  }\n"): (typeof documents)["\n  query RoomHelpRequests($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...HelpRequests\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerHelpRequest($input: AnswerHelpRequestInput!) {\n    answerHelpRequest(input: $input) {\n      id\n      seq\n    }\n  }\n"): (typeof documents)["\n  mutation AnswerHelpRequest($input: AnswerHelpRequestInput!) {\n    answerHelpRequest(input: $input) {\n      id\n      seq\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomPicker {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          amount {\n            amount\n            currency\n          }\n          account {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoomPicker {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          amount {\n            amount\n            currency\n          }\n          account {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoomMembers on Opportunity {\n    id\n    organization {\n      id\n    }\n    members {\n      role\n      access\n      user {\n        id\n        name\n        email\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RoomMembers on Opportunity {\n    id\n    organization {\n      id\n    }\n    members {\n      role\n      access\n      user {\n        id\n        name\n        email\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomMemberFirms {\n    viewer {\n      id\n      organization {\n        id\n        name\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n      }\n      partner {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoomMemberFirms {\n    viewer {\n      id\n      organization {\n        id\n        name\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n      }\n      partner {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FirmPeople($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query FirmPeople($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      members {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Room($id: ID!, $last: Int!, $before: String) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      organization {\n        id\n      }\n      members {\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ...RoomHeader\n      ...WonDeal\n      ...RoomMembers\n      ...CommitmentPlan\n      ...HelpRequests\n      ...SplitPanel\n      ...RoomFeedPage\n    }\n  }\n"): (typeof documents)["\n  query Room($id: ID!, $last: Int!, $before: String) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      organization {\n        id\n      }\n      members {\n        access\n        user {\n          id\n          name\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ...RoomHeader\n      ...WonDeal\n      ...RoomMembers\n      ...CommitmentPlan\n      ...HelpRequests\n      ...SplitPanel\n      ...RoomFeedPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WonDeal on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      agreed {\n        revision\n        status\n        lines {\n          basisPoints\n          type\n          payout {\n            amount\n            currency\n          }\n          organization {\n            id\n            name\n          }\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WonDeal on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      agreed {\n        revision\n        status\n        lines {\n          basisPoints\n          type\n          payout {\n            amount\n            currency\n          }\n          organization {\n            id\n            name\n          }\n        }\n      }\n    }\n    commitments {\n      id\n      title\n      status\n      dueAt\n      assignee {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDeal($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) {\n      id\n      version\n      title\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDeal($input: UpdateOpportunityInput!) {\n    updateOpportunity(input: $input) {\n      id\n      version\n      title\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      owner {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DealConflict($id: ID!) {\n    opportunity(id: $id) {\n      id\n      version\n      stage\n      activities(last: 20) {\n        edges {\n          node {\n            id\n            kind\n            createdAt\n            apiTokenName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              from\n              to\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DealConflict($id: ID!) {\n    opportunity(id: $id) {\n      id\n      version\n      stage\n      activities(last: 20) {\n        edges {\n          node {\n            id\n            kind\n            createdAt\n            apiTokenName\n            actor {\n              id\n              name\n            }\n            changes {\n              field\n              from\n              to\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      hint\n      createdAt\n      lastUsedAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      hint\n      createdAt\n      lastUsedAt\n      revokedAt\n      createdBy {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        hint\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        name\n        hint\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      id\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      id\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsViewer {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query SettingsViewer {\n    viewer {\n      id\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Webhooks($deliveries: Int!) {\n    webhooks {\n      id\n      url\n      events\n      createdAt\n      deliveries(first: $deliveries) {\n        id\n        event\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n        deliveredAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Webhooks($deliveries: Int!) {\n    webhooks {\n      id\n      url\n      events\n      createdAt\n      deliveries(first: $deliveries) {\n        id\n        event\n        status\n        attempts\n        lastStatusCode\n        lastError\n        createdAt\n        deliveredAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($input: DeleteWebhookInput!) {\n    deleteWebhook(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteWebhook($input: DeleteWebhookInput!) {\n    deleteWebhook(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RevisionLine on SplitLine {\n    ...DraftSourceLine\n    basisPoints\n    type\n    payout {\n      amount\n      currency\n    }\n    user {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment RevisionLine on SplitLine {\n    ...DraftSourceLine\n    basisPoints\n    type\n    payout {\n      amount\n      currency\n    }\n    user {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DraftSourceLine on SplitLine {\n    basisPoints\n    type\n    user {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment DraftSourceLine on SplitLine {\n    basisPoints\n    type\n    user {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SplitPanel on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      revision\n      agreed {\n        revision\n        status\n        agreedAt\n        lines {\n          ...RevisionLine\n        }\n      }\n      pending {\n        revision\n        proposedBy {\n          id\n          name\n        }\n        lines {\n          ...RevisionLine\n        }\n        approvals {\n          revision\n          organization {\n            id\n            name\n          }\n          approvedBy {\n            id\n            name\n          }\n        }\n        awaitingApprovalFrom {\n          id\n          name\n        }\n      }\n    }\n    splitDraft {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SplitPanel on Opportunity {\n    id\n    stage\n    amount {\n      amount\n      currency\n    }\n    split {\n      id\n      status\n      revision\n      agreed {\n        revision\n        status\n        agreedAt\n        lines {\n          ...RevisionLine\n        }\n      }\n      pending {\n        revision\n        proposedBy {\n          id\n          name\n        }\n        lines {\n          ...RevisionLine\n        }\n        approvals {\n          revision\n          organization {\n            id\n            name\n          }\n          approvedBy {\n            id\n            name\n          }\n        }\n        awaitingApprovalFrom {\n          id\n          name\n        }\n      }\n    }\n    splitDraft {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomSplit($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...SplitPanel\n    }\n  }\n"): (typeof documents)["\n  query RoomSplit($id: ID!) {\n    opportunity(id: $id) {\n      id\n      ...SplitPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SuggestedSplit($opportunityId: ID!) {\n    suggestedSplit(opportunityId: $opportunityId) {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n"): (typeof documents)["\n  query SuggestedSplit($opportunityId: ID!) {\n    suggestedSplit(opportunityId: $opportunityId) {\n      explanation\n      lines {\n        ...DraftSourceLine\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProposeSplit($input: ProposeSplitInput!) {\n    proposeSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n"): (typeof documents)["\n  mutation ProposeSplit($input: ProposeSplitInput!) {\n    proposeSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveSplit($input: ApproveSplitInput!) {\n    approveSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveSplit($input: ApproveSplitInput!) {\n    approveSplit(input: $input) {\n      id\n      status\n      revision\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;