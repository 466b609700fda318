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
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.OpportunityCardFragmentDoc,
    "\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n": typeof types.MoveOpportunityStageDocument,
    "\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.ManagerPipelineDocument,
    "\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ActivityItemFragmentDoc,
    "\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      activities(last: $last, before: $before) {\n        edges {\n          cursor\n          node {\n            id\n            seq\n            ...ActivityItem\n          }\n        }\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n      }\n    }\n  }\n": typeof types.RoomFeedDocument,
    "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n": typeof types.LogActivityDocument,
    "\n  query RoomPicker {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          amount {\n            amount\n            currency\n          }\n          account {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.RoomPickerDocument,
    "\n  fragment RoomMembers on Opportunity {\n    id\n    organization {\n      id\n    }\n    members {\n      role\n      access\n      user {\n        id\n        name\n        email\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.RoomMembersFragmentDoc,
    "\n  query RoomMemberCandidates {\n    viewer {\n      id\n      organization {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n      partner {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": typeof types.RoomMemberCandidatesDocument,
    "\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AddRoomMemberDocument,
    "\n  query RoomDetails($id: ID!) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      stage\n      version\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      account {\n        id\n        name\n      }\n      organization {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n      ...RoomMembers\n      members {\n        access\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.RoomDetailsDocument,
};
const documents: Documents = {
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.BoardDocument,
    "\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.OpportunityCardFragmentDoc,
    "\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n": types.MoveOpportunityStageDocument,
    "\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.ManagerPipelineDocument,
    "\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.ActivityItemFragmentDoc,
    "\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      activities(last: $last, before: $before) {\n        edges {\n          cursor\n          node {\n            id\n            seq\n            ...ActivityItem\n          }\n        }\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n      }\n    }\n  }\n": types.RoomFeedDocument,
    "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n": types.LogActivityDocument,
    "\n  query RoomPicker {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          amount {\n            amount\n            currency\n          }\n          account {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.RoomPickerDocument,
    "\n  fragment RoomMembers on Opportunity {\n    id\n    organization {\n      id\n    }\n    members {\n      role\n      access\n      user {\n        id\n        name\n        email\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.RoomMembersFragmentDoc,
    "\n  query RoomMemberCandidates {\n    viewer {\n      id\n      organization {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n      partner {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n": types.RoomMemberCandidatesDocument,
    "\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.AddRoomMemberDocument,
    "\n  query RoomDetails($id: ID!) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      stage\n      version\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      account {\n        id\n        name\n      }\n      organization {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n      ...RoomMembers\n      members {\n        access\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.RoomDetailsDocument,
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
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      user {\n        id\n        name\n        email\n        role\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      id\n      name\n      role\n      organization {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {\n    opportunities(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          stage\n          version\n          amount {\n            amount\n            currency\n          }\n          organization {\n            id\n          }\n          members {\n            user {\n              id\n              organization {\n                id\n                name\n              }\n            }\n          }\n          ...OpportunityCard\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment OpportunityCard on Opportunity {\n    id\n    title\n    stage\n    version\n    amount {\n      amount\n      currency\n    }\n    account {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation MoveOpportunityStage($input: MoveOpportunityStageInput!) {\n    moveOpportunityStage(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManagerPipeline {\n    opportunities(first: 100) {\n      edges {\n        cursor\n        node {\n          id\n          stage\n          amount {\n            amount\n            currency\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ActivityItem on Activity {\n    id\n    seq\n    kind\n    body\n    createdAt\n    actor {\n      id\n      name\n      organization {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      activities(last: $last, before: $before) {\n        edges {\n          cursor\n          node {\n            id\n            seq\n            ...ActivityItem\n          }\n        }\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoomFeed($id: ID!, $last: Int!, $before: String) {\n    opportunity(id: $id) {\n      id\n      activities(last: $last, before: $before) {\n        edges {\n          cursor\n          node {\n            id\n            seq\n            ...ActivityItem\n          }\n        }\n        pageInfo {\n          hasPreviousPage\n          startCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation LogActivity($input: LogActivityInput!) {\n    logActivity(input: $input) {\n      id\n      seq\n      cursor\n    }\n  }\n"];
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
export function graphql(source: "\n  query RoomMemberCandidates {\n    viewer {\n      id\n      organization {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n      partner {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoomMemberCandidates {\n    viewer {\n      id\n      organization {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n    partnerships {\n      id\n      status\n      proposer {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n      partner {\n        id\n        name\n        members {\n          id\n          name\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddRoomMember($input: AddRoomMemberInput!) {\n    addRoomMember(input: $input) {\n      role\n      access\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoomDetails($id: ID!) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      stage\n      version\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      account {\n        id\n        name\n      }\n      organization {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n      ...RoomMembers\n      members {\n        access\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RoomDetails($id: ID!) {\n    viewer {\n      id\n      role\n      organization {\n        id\n      }\n    }\n    opportunity(id: $id) {\n      id\n      title\n      stage\n      version\n      closeDate\n      amount {\n        amount\n        currency\n      }\n      account {\n        id\n        name\n      }\n      organization {\n        id\n        name\n      }\n      owner {\n        id\n        name\n      }\n      ...RoomMembers\n      members {\n        access\n        user {\n          id\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;