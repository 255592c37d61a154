import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API, endpointPath, pathParamNames } from './endpoints.ts';

describe('the endpoint table', () => {
  it('names every path parameter in the params schema, and only those', () => {
    for (const [name, endpoint] of Object.entries(API)) {
      const declared = 'params' in endpoint && endpoint.params instanceof z.ZodObject;
      const keys = declared ? Object.keys((endpoint.params as z.ZodObject).shape).sort() : [];
      expect(keys, name).toEqual(pathParamNames(endpoint.path).sort());
    }
  });

  it('gives reads no body', () => {
    const readsWithBody = Object.entries(API)
      .filter(
        ([, endpoint]) => (endpoint.method === 'GET' || endpoint.method === 'DELETE') && 'body' in endpoint,
      )
      .map(([name]) => name);
    expect(readsWithBody).toEqual([]);
  });
});

describe('endpointPath', () => {
  it('fills each parameter as one URL-encoded segment', () => {
    expect(endpointPath(API.getProfile, { organizationId: 'org 1', membershipId: '../x?y' })).toBe(
      '/api/v1/organizations/org%201/members/..%2Fx%3Fy/profile',
    );
    expect(endpointPath(API.listOrganizations)).toBe('/api/v1/organizations');
  });

  it('refuses a missing or empty parameter, which would address another route', () => {
    expect(() => endpointPath(API.getOrganization, {})).toThrow('needs the parameter organizationId');
    expect(() => endpointPath(API.getOrganization, { organizationId: '' })).toThrow(
      'needs the parameter organizationId',
    );
  });

  it('lists the names of a template in order', () => {
    expect(pathParamNames(API.revokeInvitation.path)).toEqual(['organizationId', 'invitationId']);
    expect(pathParamNames(API.me.path)).toEqual([]);
  });
});
