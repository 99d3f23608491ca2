import { ACCOUNT_STATUSES, MEMBERSHIP_STATUSES, MEMBERSHIP_TYPES } from '../../../shared/contracts';

/** A GraphQL enum of the contract's values, so that the schema follows the contract. */
const enumOf = (name: string, values: readonly string[]) =>
  `enum ${name} {\n    ${values.join('\n    ')}\n  }`;

/**
 * The plugin's GraphQL types and operations: the REST contract's shapes (docs: README, GraphQL),
 * under names of their own, none of which the shadow CRUD would give the plugin's content types.
 */
export const typeDefs = /* GraphQL */ `
  ${enumOf('MultiAccountMemberType', MEMBERSHIP_TYPES)}

  ${enumOf('MultiAccountMemberStatus', MEMBERSHIP_STATUSES)}

  ${enumOf('MultiAccountAccountStatus', ACCOUNT_STATUSES)}

  "An account as everyone it names sees it."
  type MultiAccountRef {
    documentId: ID!
    number: String!
    name: String!
  }

  "An account the current user acts for: one of their active memberships."
  type MultiAccountMyAccount {
    documentId: ID!
    number: String!
    name: String!
    type: MultiAccountMemberType!
    permissions: [String!]!
  }

  "An entry of My accounts: an account an admin suspended is listed, and refused."
  type MultiAccountListedAccount {
    documentId: ID!
    number: String!
    name: String!
    type: MultiAccountMemberType!
    permissions: [String!]!
    status: MultiAccountAccountStatus!
  }

  type MultiAccountUser {
    id: ID!
    documentId: ID!
    username: String!
    email: String!
  }

  "Who is behind a request made with an admin's impersonation token."
  type MultiAccountImpersonator {
    id: ID!
    name: String!
    expiresAt: String!
  }

  type MultiAccountMe {
    user: MultiAccountUser!
    account: MultiAccountMyAccount
    permissions: [String!]!
    impersonatedBy: MultiAccountImpersonator
  }

  "A row of the active account's Contacts list."
  type MultiAccountMember {
    documentId: ID!
    type: MultiAccountMemberType!
    status: MultiAccountMemberStatus!
    permissions: [String!]!
    email: String!
    "null until an invitee has a user"
    user: MultiAccountUser
    account: MultiAccountRef!
    createdAt: String!
  }

  type MultiAccountInviter {
    username: String!
  }

  "An invitation as its invitee sees it."
  type MultiAccountMyInvitation {
    documentId: ID!
    account: MultiAccountRef!
    permissions: [String!]!
    invitedBy: MultiAccountInviter
    expiresAt: String!
  }

  "An invitation sent or sent again: its member, and the invitation its invitee answers."
  type MultiAccountDelivery {
    member: MultiAccountMember!
    invitation: MultiAccountSentInvitation!
    "false when the email did not leave: the member stays pending, resend it"
    emailSent: Boolean!
  }

  type MultiAccountSentInvitation {
    documentId: ID!
    expiresAt: String!
  }

  type MultiAccountRejection {
    documentId: ID!
    status: MultiAccountMemberStatus!
  }

  type MultiAccountSwitchPayload {
    "a token acting for the new account: use it from now on"
    jwt: String!
    account: MultiAccountMyAccount!
  }

  type MultiAccountPageInfo {
    page: Int!
    pageSize: Int!
    pageCount: Int!
    total: Int!
  }

  "page from 1, pageSize from 1 to 100 (default 25)"
  input MultiAccountPaginationArg {
    page: Int
    pageSize: Int
  }

  type MultiAccountListedAccountList {
    nodes: [MultiAccountListedAccount!]!
    pageInfo: MultiAccountPageInfo!
  }

  type MultiAccountMemberList {
    nodes: [MultiAccountMember!]!
    pageInfo: MultiAccountPageInfo!
  }

  type MultiAccountMyInvitationList {
    nodes: [MultiAccountMyInvitation!]!
    pageInfo: MultiAccountPageInfo!
  }

  type Query {
    multiAccountMe: MultiAccountMe!
    multiAccountMyAccounts(pagination: MultiAccountPaginationArg): MultiAccountListedAccountList!
    multiAccountContacts(
      status: MultiAccountMemberStatus
      type: MultiAccountMemberType
      pagination: MultiAccountPaginationArg
    ): MultiAccountMemberList!
    multiAccountMyInvitations(pagination: MultiAccountPaginationArg): MultiAccountMyInvitationList!
  }

  type Mutation {
    multiAccountSwitch(account: ID!): MultiAccountSwitchPayload!
    multiAccountLeave(account: ID!): Boolean!
    multiAccountInvite(email: String!, permissions: [String!]): MultiAccountDelivery!
    multiAccountCreateContact(
      email: String!
      username: String!
      password: String!
      permissions: [String!]
    ): MultiAccountMember!
    multiAccountUpdateContact(
      documentId: ID!
      permissions: [String!]
      status: MultiAccountMemberStatus
      type: MultiAccountMemberType
    ): MultiAccountMember!
    multiAccountRemoveContact(documentId: ID!): Boolean!
    multiAccountResendInvitation(documentId: ID!): MultiAccountDelivery!
    multiAccountAcceptInvitation(documentId: ID!): MultiAccountMyAccount!
    multiAccountRejectInvitation(documentId: ID!): MultiAccountRejection!
    multiAccountAcceptInvitationByToken(token: String!): MultiAccountMyAccount!
    multiAccountRejectInvitationByToken(token: String!): MultiAccountRejection!
  }
`;

/** users-permissions' login and register answers, as the REST ones: the user's accounts. */
export const loginTypeDefs = /* GraphQL */ `
  extend type UsersPermissionsLoginPayload {
    accounts: [MultiAccountMyAccount!]!
    activeAccount: MultiAccountMyAccount
  }
`;
