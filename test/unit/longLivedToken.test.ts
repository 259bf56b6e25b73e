/**
 * The renewal decisions of longLivedToken.ts, against scripted answers of Meta's token
 * endpoints (the engine tests in test/engine/tokens.test.ts run the same code inside n8n).
 */
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { THREADS_TOKEN_ENDPOINTS } from '../../nodes/Threads/threadsApi';
import { forgetSettledRenewals, renewLongLivedToken } from '../../nodes/shared/tokens/longLivedToken';
import { DAY_MS, tokenFingerprint } from '../../nodes/shared/tokens/tokenLifecycle';

const NOW = Date.parse('2026-06-01T12:00:00Z');
type Answer = { statusCode: number; body: IDataObject };

/** A Meta that answers each token endpoint from `answers` (by path) and records the calls. */
function meta(answers: Record<string, (qs: IDataObject) => Answer>) {
	const calls: Array<{ path: string; qs: IDataObject }> = [];
	const helpers = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				const path = new URL(String(options.url)).pathname;
				const qs = (options.qs ?? {}) as IDataObject;
				calls.push({ path, qs });
				const answer = answers[path];
				if (!answer) throw new Error(`unexpected ${path}`);
				return answer(qs);
			},
		},
	} as unknown as IHttpRequestHelper;
	return { helpers, calls };
}

const granted = (token: string): Answer => ({ statusCode: 200, body: { access_token: token, token_type: 'bearer', expires_in: 60 * 86_400 } });
const debugSays = (issuedAt: number): Answer => ({ statusCode: 200, body: { data: { is_valid: true, issued_at: issuedAt / 1000, expires_at: (issuedAt + 60 * DAY_MS) / 1000 } } });
const refused190: Answer = { statusCode: 400, body: { error: { message: 'Error validating access token: the session has been invalidated', type: 'OAuthException', code: 190 } } };
/** A credential that adopted `live` (pasted as `pasted`) and is due for renewal. */
const dueCredential = (pasted: string, live: string) => ({
	accessToken: pasted,
	appSecret: '',
	liveToken: live,
	issuedAt: NOW - 8 * DAY_MS,
	expiresAt: NOW + 52 * DAY_MS,
	pastedFingerprint: tokenFingerprint(pasted),
	renewalGate: '',
});

beforeEach(() => forgetSettledRenewals());

describe('renewLongLivedToken', () => {
	it('a refresh refused while the stored token is still valid returns nothing to save (no expirable field: n8n writes nothing), so a token another process saved is never overwritten', async () => {
		const { helpers, calls } = meta({ '/refresh_access_token': () => refused190 });
		const result = await renewLongLivedToken(helpers, dueCredential('THAApasted', 'THAAlive'), THREADS_TOKEN_ENDPOINTS, NOW);
		expect(calls.map((call) => call.path)).toEqual(['/refresh_access_token']);
		expect(result).toEqual({});
	});

	it('a token pasted when it is already due (55 days old) is adopted and renewed in the same run', async () => {
		const { helpers, calls } = meta({ '/debug_token': () => debugSays(NOW - 55 * DAY_MS), '/refresh_access_token': () => granted('THAArenewed') });
		const result = await renewLongLivedToken(helpers, { accessToken: 'THAApasted', appSecret: '' }, THREADS_TOKEN_ENDPOINTS, NOW);
		expect(calls.map((call) => call.path)).toEqual(['/debug_token', '/refresh_access_token']);
		expect(calls[1].qs.access_token).toBe('THAApasted');
		expect(result).toMatchObject({ liveToken: 'THAArenewed', issuedAt: NOW, expiresAt: NOW + 60 * DAY_MS, pastedFingerprint: tokenFingerprint('THAApasted') });
	});

	it('a token whose age Meta could not tell (debug_token down) is refreshed at once to learn it; a refusal saves nothing (another process may have adopted and renewed it)', async () => {
		const { helpers, calls } = meta({ '/debug_token': () => ({ statusCode: 503, body: {} }), '/refresh_access_token': () => refused190 });
		const result = await renewLongLivedToken(helpers, { accessToken: 'THAApasted', appSecret: '' }, THREADS_TOKEN_ENDPOINTS, NOW);
		expect(calls.map((call) => call.path)).toEqual(['/debug_token', '/refresh_access_token']);
		expect(result).toEqual({});
	});

	it('a pasted token Meta calls invalid (another process may have just renewed it, which revokes it) saves nothing: the request itself then tells', async () => {
		const { helpers, calls } = meta({ '/debug_token': () => refused190 });
		const result = await renewLongLivedToken(helpers, { accessToken: 'THAApasted', appSecret: '' }, THREADS_TOKEN_ENDPOINTS, NOW);
		expect(calls.map((call) => call.path)).toEqual(['/debug_token']);
		expect(result).toEqual({});
	});

	it('a token that is young and known is adopted without a refresh', async () => {
		const { helpers, calls } = meta({ '/debug_token': () => debugSays(NOW - 2 * DAY_MS) });
		const result = await renewLongLivedToken(helpers, { accessToken: 'THAApasted', appSecret: '' }, THREADS_TOKEN_ENDPOINTS, NOW);
		expect(calls.map((call) => call.path)).toEqual(['/debug_token']);
		expect(result).toMatchObject({ liveToken: 'THAApasted', issuedAt: NOW - 2 * DAY_MS });
	});

	it('a "token" that is not one (an n8n expression, markup) is never stored', async () => {
		const { helpers } = meta({ '/refresh_access_token': () => granted('={{ "EXPR-" + (1+1) }}') });
		const result = await renewLongLivedToken(helpers, dueCredential('THAApasted', 'THAAlive'), THREADS_TOKEN_ENDPOINTS, NOW);
		expect(result).toEqual({});
	});

	it('a renewal put off is not tried again by this process for an hour (requests in between send nothing to Meta), then it is', async () => {
		const throttled: Answer = { statusCode: 400, body: { error: { message: 'Application request limit reached', code: 4 } } };
		const { helpers, calls } = meta({ '/refresh_access_token': () => throttled });
		const credential = dueCredential('THAApasted', 'THAAlive');
		for (const at of [NOW, NOW + 60_000, NOW + 59 * 60_000]) expect(await renewLongLivedToken(helpers, credential, THREADS_TOKEN_ENDPOINTS, at)).toEqual({});
		expect(calls).toHaveLength(1);
		await renewLongLivedToken(helpers, credential, THREADS_TOKEN_ENDPOINTS, NOW + 61 * 60_000);
		expect(calls).toHaveLength(2);
	});

	it('two credentials whose short fingerprints collide never share a renewal', async () => {
		// Same length, same 32-bit fingerprint (stored in the credential to notice a new paste).
		const [first, second] = ['THAAcollidecelbbchm1qpj', 'THAAcollidebw69nq732woq'];
		expect(tokenFingerprint(first)).toBe(tokenFingerprint(second));
		const { helpers, calls } = meta({ '/refresh_access_token': (qs) => granted(`THAArenewed${String(qs.access_token).slice(-4)}`) });
		const [a, b] = await Promise.all([
			renewLongLivedToken(helpers, dueCredential(first, first), THREADS_TOKEN_ENDPOINTS, NOW),
			renewLongLivedToken(helpers, dueCredential(second, second), THREADS_TOKEN_ENDPOINTS, NOW),
		]);
		expect(calls).toHaveLength(2);
		expect([a.liveToken, b.liveToken]).toEqual(['THAArenewed1qpj', 'THAArenewed2woq']);
	});

	it('requests that read the same due state share one refresh, also after it has settled (a run that read the credential before n8n saved the renewal)', async () => {
		const { helpers, calls } = meta({ '/refresh_access_token': () => granted('THAArenewed') });
		const credential = dueCredential('THAApasted', 'THAAlive');
		const together = await Promise.all(Array.from({ length: 5 }, () => renewLongLivedToken(helpers, credential, THREADS_TOKEN_ENDPOINTS, NOW)));
		const later = await renewLongLivedToken(helpers, credential, THREADS_TOKEN_ENDPOINTS, NOW + 60_000);
		expect(calls).toHaveLength(1);
		expect(new Set([...together, later].map((result) => result.liveToken))).toEqual(new Set(['THAArenewed']));
	});
});
