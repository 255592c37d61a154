/** Self-match calls of the web app, through the contracts' endpoint table (no path is written here). */
import {
  API,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResponse,
} from '../../../src/contracts/endpoints.ts';
import { callApi } from './client.ts';

type Answer<Name extends keyof typeof API> = EndpointResponse<(typeof API)[Name]>;

export type DirectoryMentorDto = Answer<'findDirectoryMentors'>['mentors'][number];
export type RecommendedMentorDto = Answer<'getRecommendedMentors'>['mentors'][number];
export type SelfMatchStandingDto = Answer<'findDirectoryMentors'>['standing'];
export type MatchRequestDto = Answer<'getMatchRequest'>['request'];
export type DirectoryQuery = EndpointQuery<typeof API.findDirectoryMentors>;

export const selfMatchKeys = {
  all: ['self-match'] as const,
  directory: (programId: string, query: DirectoryQuery) =>
    ['self-match', 'directory', programId, query] as const,
  recommended: (programId: string) => ['self-match', 'recommended', programId] as const,
  myRequests: (organizationId: string) => ['self-match', 'my-requests', organizationId] as const,
};

export const selfMatchApi = {
  directory: (programId: string, query: DirectoryQuery) =>
    callApi(API.findDirectoryMentors, { params: { programId }, query }),
  recommended: (programId: string) => callApi(API.getRecommendedMentors, { params: { programId } }),
  request: (programId: string, body: EndpointBody<typeof API.createMatchRequest>) =>
    callApi(API.createMatchRequest, { params: { programId }, body }).then((r) => r.request),
  myRequests: (organizationId: string) => callApi(API.listMyMatchRequests, { query: { organizationId } }),
  accept: (requestId: string, message: string) =>
    callApi(API.acceptMatchRequest, { params: { requestId }, body: { message } }),
  decline: (requestId: string, message: string) =>
    callApi(API.declineMatchRequest, { params: { requestId }, body: { message } }),
  withdraw: (requestId: string) => callApi(API.withdrawMatchRequest, { params: { requestId }, body: {} }),
};
