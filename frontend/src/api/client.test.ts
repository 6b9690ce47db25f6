import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, sessionStore } from './client';
import { answers } from '../test/render';

const user = { id: 'u1', email: 'me@example.com', full_name: null, role: 'user' as const, tier: 'free' as const, active: true, created_at: '', last_login_at: null };

beforeEach(() => sessionStore.set({ accessToken: 'old-access', refreshToken: 'rt_old', expiresAt: Date.now() + 600_000, user }));
afterEach(() => {
  vi.unstubAllGlobals();
  sessionStore.set(null);
});

describe('API client', () => {
  it('refreshes an expired access token once and retries the call', async () => {
    const { fetchStub, calls } = answers(
      { status: 401, body: { code: 'token-expired', detail: 'expired' } },
      { status: 200, body: { access_token: 'new-access', refresh_token: 'rt_new', expires_in: 1800, token_type: 'Bearer', refresh_expires_in: 1, user } },
      { status: 200, body: { items: [] } },
    );
    vi.stubGlobal('fetch', fetchStub);
    await expect(request('/api/v1/scenarios')).resolves.toEqual({ items: [] });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/scenarios', '/api/v1/auth/refresh', '/api/v1/scenarios']);
    expect((calls[2]!.init!.headers as Record<string, string>).Authorization).toBe('Bearer new-access');
    expect(sessionStore.get()?.refreshToken).toBe('rt_new');
  });

  it('signs out when the server ended the session', async () => {
    const { fetchStub } = answers({ status: 401, body: { code: 'session-ended', detail: 'ended' } });
    vi.stubGlobal('fetch', fetchStub);
    await expect(request('/api/v1/scenarios')).rejects.toMatchObject({ status: 401, code: 'session-ended' });
    expect(sessionStore.get()).toBeNull();
  });

  it('turns a problem+json answer into an ApiError with its code and field messages', async () => {
    const { fetchStub } = answers({
      status: 422,
      body: { code: 'validation-failed', detail: 'name: must not be blank', errors: [{ field: 'name', message: 'must not be blank' }] },
    });
    vi.stubGlobal('fetch', fetchStub);
    const e = (await request('/api/v1/scenarios', { method: 'POST', body: {} }).catch((x) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('validation-failed');
    expect(e.fieldMessage('name')).toBe('must not be blank');
    expect(e.endpointMissing).toBe(false);
  });

  it('tells an endpoint the server lacks from a resource that does not exist', () => {
    expect(new ApiError(404, { code: 'not-found', detail: 'No such endpoint: /api/v1/reports/x' }).endpointMissing).toBe(true);
    expect(new ApiError(404, { code: 'scenario-not-found', detail: 'No scenario x' }).endpointMissing).toBe(false);
  });
});
