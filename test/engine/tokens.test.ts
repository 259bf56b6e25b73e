/**
 * The self-renewing token through n8n's engine and credential persistence path, over
 * simulated months: the clock (Date, so also n8n's `$now`) is faked; timers are real.
 */
import nock from 'nock';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { forgetSettledRenewals } from '../../nodes/shared/tokens/longLivedToken';

import { createCredentialsHelper } from '../harness/runWorkflow';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { createPoller } from '../harness/runPoll';
import { DEMO_APP, createDemoWorld } from '../simulator/demoWorld';
import { ThreadsSimulator } from '../simulator/threadsSimulator';
import type { SimulatedThreads } from './fixtures';
import { expectNoSecrets, oauth2Credential, runThreads } from './fixtures';

const DAY = 86_400_000;
const START = Date.parse('2026-01-05T09:00:00Z');
let threads: SimulatedThreads;

beforeEach(() => {
	jest.useFakeTimers({
		doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
		now: START,
	});
	nock.disableNetConnect();
	const sim = new ThreadsSimulator();
	const { user, token } = createDemoWorld(sim);
	sim.install();
	threads = { sim, token, userId: user.id };
});
afterEach(() => {
	threads.sim.uninstall();
	nock.cleanAll();
	nock.enableNetConnect();
	jest.useRealTimers();
});

function tokenCredential(accessToken: string, appSecret = ''): TestCredentialsHelper {
	return createCredentialsHelper({
		threadsApi: { accessToken, appSecret, renewalGate: '', liveToken: '', issuedAt: 0, expiresAt: 0, pastedFingerprint: '' },
	});
}

/** The daily job: list my latest post, with the self-renewing credential. */
async function dailyRun(credentials: TestCredentialsHelper) {
	return await runThreads(
		threads,
		{ parameters: { authentication: 'selfRenewingToken', resource: 'thread', operation: 'list', limit: 1, fields: ['id'] } },
		{ credentialsHelper: credentials },
	);
}

const tokenCalls = (path: string) => threads.sim.requests.filter((request) => request.path.endsWith(path)).length;

describe('Self-renewing token', () => {
	it.each([
		[1, 52],
		[7, 52],
		[15, 24],
		[30, 12],
		[45, 8],
	])('a workflow running every %i days keeps working for 365 days (%i refreshes: at most one a week)', async (every, refreshes) => {
		const credentials = tokenCredential(threads.token);
		const refreshDays: number[] = [];
		for (let day = 0; day < 365; day += every) {
			jest.setSystemTime(START + day * DAY);
			const before = tokenCalls('/refresh_access_token');
			const result = await dailyRun(credentials);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			if (tokenCalls('/refresh_access_token') > before) refreshDays.push(day);
		}
		expect(refreshDays).toHaveLength(refreshes);
		// Never two refreshes within a week.
		for (let index = 1; index < refreshDays.length; index++) expect(refreshDays[index] - refreshDays[index - 1]).toBeGreaterThanOrEqual(7);
		expect(tokenCalls('/debug_token')).toBe(1); // learning the pasted token's lifetime, once
		const stored = credentials.store.threadsApi;
		expect(stored.liveToken).not.toBe(threads.token);
		expect(stored.expiresAt).toBe(START + (refreshDays.at(-1) ?? 0) * DAY + 60 * DAY);
		expect(credentials.persisted.filter((entry) => entry.type === 'threadsApi')).toHaveLength(1 + refreshes); // adopt + refreshes
	});

	it('20 items at the renewal age: one refresh, every item signed with the renewed token', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 8 * DAY);
		const result = await runThreads(
			threads,
			{
				input: Array.from({ length: 20 }, (_, index) => ({ index })),
				parameters: { authentication: 'selfRenewingToken', resource: 'thread', operation: 'list', limit: 1, fields: ['id'] },
			},
			{ credentialsHelper: credentials },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(20);
		expect(tokenCalls('/refresh_access_token')).toBe(1);
		// The requests that waited for that renewal save its result too (n8n saves what each one returns): one new token.
		const saved = credentials.persisted.filter((entry) => entry.type === 'threadsApi').slice(1);
		expect(new Set(saved.map((entry) => entry.data.liveToken)).size).toBe(1);
		expect(saved[0].data.liveToken).not.toBe(threads.token);
	});

	it('the stored credential holds the new token, which Meta accepts, after a refresh', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 51 * DAY);
		await dailyRun(credentials);
		const renewed = String(credentials.store.threadsApi.liveToken);
		expect(renewed).not.toBe(threads.token);
		expect(String(credentials.store.threadsApi.renewalGate)).toMatch(/^=\{\{ \$now\.toMillis\(\) < \d+ \? 'valid' : '' \}\}$/);
		const answer = await threads.sim.handle({ method: 'GET', path: '/v1.0/me?fields=id', headers: { authorization: `Bearer ${renewed}` } });
		expect(answer.status).toBe(200);
		// The data request itself went out with the renewed token.
		expect(threads.sim.requests.at(-2)?.path).toBe('/v1.0/me/threads');
	});

	it('a token left unused past its expiry gives one clear error saying what to do, without the token', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 70 * DAY);
		const result = await dailyRun(credentials);
		expect(result.error?.message).toMatch(/expired on \d{4}-\d{2}-\d{2} and can no longer be renewed/);
		expect(result.error?.message).toMatch(/paste a new token/);
		expectNoSecrets(result, threads.token, String(credentials.store.threadsApi.liveToken));
	});

	it('a short-lived token with the App Secret is exchanged once for a 60-day token', async () => {
		const short = threads.sim.issueToken(threads.userId, { kind: 'short', clientId: DEMO_APP.clientId });
		const credentials = tokenCredential(short, DEMO_APP.clientSecret);
		for (let hour = 0; hour < 5; hour++) {
			jest.setSystemTime(START + hour * 3_600_000);
			const result = await dailyRun(credentials);
			expect(result.error).toBeUndefined();
		}
		expect(tokenCalls('/access_token')).toBe(1);
		expect(credentials.store.threadsApi.expiresAt).toBe(START + 60 * DAY);
		const exchange = threads.sim.requests.find((request) => request.path.endsWith('/access_token'))!;
		expect(exchange.query).toEqual({ grant_type: 'th_exchange_token' }); // secret and token stripped from the log
		expectNoSecrets(await dailyRun(credentials), DEMO_APP.clientSecret, short);
	});

	it('when Meta cannot say how long a pasted token lives (debug_token failing), the App Secret exchange decides', async () => {
		const short = threads.sim.issueToken(threads.userId, { kind: 'short', clientId: DEMO_APP.clientId });
		const credentials = tokenCredential(short, DEMO_APP.clientSecret);
		threads.sim.failNext({ kind: 'serverError', path: /debug_token/ });
		const first = await dailyRun(credentials);
		expect(first.error).toBeUndefined();
		expect(tokenCalls('/access_token')).toBe(1);
		expect(credentials.store.threadsApi.expiresAt).toBe(START + 60 * DAY);
		// Still working after the one-hour token would have expired.
		jest.setSystemTime(START + 2 * DAY);
		expect((await dailyRun(credentials)).error).toBeUndefined();
	});

	it('a short-lived token without the App Secret is refused with the fix', async () => {
		const short = threads.sim.issueToken(threads.userId, { kind: 'short', clientId: DEMO_APP.clientId });
		const result = await dailyRun(tokenCredential(short));
		expect(result.error?.message).toMatch(/short-lived Threads token .* Add your app's Threads App Secret/);
		expect(threads.sim.requests.filter((request) => request.path.endsWith('/me/threads'))).toHaveLength(0);
	});

	it('a refresh that fails for a passing reason keeps the still-valid token and is retried on the next run', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 50 * DAY);
		threads.sim.failNext({ kind: 'serverError', path: /refresh_access_token/, times: 2 });
		const during = await dailyRun(credentials);
		expect(during.error).toBeUndefined();
		expect(during.items).toHaveLength(1);
		expect(credentials.store.threadsApi.liveToken).toBe(threads.token);
		expect(tokenCalls('/refresh_access_token')).toBe(2); // tried, and once more after 2 s
		jest.setSystemTime(START + 51 * DAY);
		await dailyRun(credentials);
		expect(tokenCalls('/refresh_access_token')).toBe(3);
		expect(credentials.store.threadsApi.liveToken).not.toBe(threads.token);
	});

	it('a single passing failure of the refresh is tried again within the run: a workflow every 45 days has no later chance', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 45 * DAY);
		threads.sim.failNext({ kind: 'serverError', path: /refresh_access_token/ });
		expect((await dailyRun(credentials)).error).toBeUndefined();
		expect(credentials.store.threadsApi.liveToken).not.toBe(threads.token);
		jest.setSystemTime(START + 90 * DAY);
		const later = await dailyRun(credentials);
		expect(later.error).toBeUndefined();
		expect(later.items).toHaveLength(1);
	});

	it('an expired token is not sent to Meta for a refresh on every request: the failure is remembered like a result', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 61 * DAY);
		for (let run = 0; run < 3; run++) expect((await dailyRun(credentials)).error?.message).toMatch(/expired|paste a new token/);
		expect(tokenCalls('/refresh_access_token')).toBe(1);
	});

	it('a revoked token gives the clear error, after the request re-read the credential once', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		threads.sim.revokeToken(threads.token);
		const result = await dailyRun(credentials);
		expect(result.error?.message).toBe('The Threads access token has expired or was revoked');
		expect((result.error as { description?: string }).description).toMatch(/paste a new token/);
		expect(threads.sim.requests.filter((request) => request.path === '/v1.0/me/threads' && request.status !== 200)).toHaveLength(2);
	});

	it('a revoked token whose renewal Meta just refused: the request re-reads the credential after 1, 2 and 4 s (another process may be saving a renewal), then gives the clear error', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		threads.sim.revokeToken(threads.token);
		jest.setSystemTime(START + 55 * DAY);
		const result = await dailyRun(credentials);
		expect(result.error?.message).toBe('The Threads access token has expired or was revoked');
		expect((result.error as { description?: string }).description).toMatch(/paste a new token/);
		expect(threads.sim.requests.filter((request) => request.path === '/v1.0/me/threads' && request.status !== 200)).toHaveLength(4);
	});

	it('a refresh Meta refuses while the stored token is still valid (another worker renewed it) does not stop the run', async () => {
		const shared = tokenCredential(threads.token);
		await dailyRun(shared);
		jest.setSystemTime(START + 8 * DAY);
		// Worker A renews and saves; worker B still holds the state it read before that.
		const stale = createCredentialsHelper({ threadsApi: { ...shared.store.threadsApi } });
		await dailyRun(shared);
		expect(tokenCalls('/refresh_access_token')).toBe(1);
		forgetSettledRenewals(); // worker B is another process: it never saw A's renewal
		threads.sim.failNext({ kind: 'invalidToken', path: /refresh_access_token/ });
		const result = await dailyRun(stale);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(tokenCalls('/refresh_access_token')).toBe(2);
		// Worker B writes nothing: n8n saves without a lock, and any write of B's could land after
		// A's and put the revoked token back for every process.
		expect(stale.persisted).toEqual([]);
	});

	/**
	 * Queue mode: worker A renews the 8-day-old token (Meta revokes the old one); worker B, another
	 * process on the same database, reads the credential as it was before A's save while `stale()` holds.
	 */
	async function workerBehindRenewal(stale: () => boolean) {
		const shared = tokenCredential(threads.token);
		await dailyRun(shared);
		jest.setSystemTime(START + 8 * DAY);
		const staleState: ICredentialDataDecryptedObject = { ...shared.store.threadsApi, renewalGate: '' };
		await dailyRun(shared); // worker A renews and saves
		threads.sim.revokeToken(String(staleState.liveToken)); // the worst reading: a refreshed token is revoked
		const renewedState = { ...shared.store.threadsApi };
		const workerB = createCredentialsHelper(shared.store);
		const read = workerB.getDecrypted.bind(workerB);
		workerB.getDecrypted = async (...args) => (stale() ? { ...staleState } : await read(...args));
		forgetSettledRenewals(); // B is another process: it never saw A's renewal
		return { shared, workerB, renewedState };
	}

	it('queue mode, worst case: worker B read the due credential just before worker A saved its renewal (which revoked the old token); B is refused, writes nothing, and its request succeeds on the re-read credential', async () => {
		let reads = 0;
		const { shared, workerB, renewedState } = await workerBehindRenewal(() => reads++ === 0);
		const result = await dailyRun(workerB);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(tokenCalls('/refresh_access_token')).toBe(2);
		expect(threads.sim.requests.filter((request) => request.path === '/refresh_access_token').map((request) => request.status)).toEqual([200, 400]);
		expect(workerB.persisted).toEqual([]);
		expect(shared.store.threadsApi).toEqual(renewedState);
	});

	it('queue mode, slower: worker A saves its renewal 2.5 s after Meta refused worker B; B re-reads the credential until it finds it, and its run succeeds', async () => {
		let savedAt = Number.POSITIVE_INFINITY;
		const { workerB } = await workerBehindRenewal(() => performance.now() < savedAt);
		// The database shows A's renewal only 2.5 s from now (a slow answer, a slow save).
		savedAt = performance.now() + 2_500;
		const result = await dailyRun(workerB);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		// Signed with the revoked token at 0 s and (re-read) at 1 s; the re-read at 3 s finds A's token.
		expect(threads.sim.requests.filter((request) => request.path === '/v1.0/me/threads').map((request) => request.status).slice(-3)).toEqual([400, 400, 200]);
		expect(workerB.persisted).toEqual([]);
	});

	it('an execution that read the credential just before another one saved the renewal (same process) gets that renewal: no second refresh', async () => {
		const shared = tokenCredential(threads.token);
		await dailyRun(shared);
		jest.setSystemTime(START + 8 * DAY);
		const stale = createCredentialsHelper({ threadsApi: { ...shared.store.threadsApi } });
		await dailyRun(shared);
		jest.setSystemTime(START + 8 * DAY + 5_000);
		const result = await dailyRun(stale);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(tokenCalls('/refresh_access_token')).toBe(1);
		expect(stale.store.threadsApi.liveToken).toBe(shared.store.threadsApi.liveToken);
		expect(threads.sim.requests.at(-1)?.status).toBe(200);
	});

	it('a token pasted into the credential is used from the next run on, even before its renewal date (the old one was revoked)', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		threads.sim.revokeToken(threads.token);
		expect((await dailyRun(credentials)).error?.message).toMatch(/expired or was revoked/);
		const fresh = threads.sim.issueToken(threads.userId, { kind: 'long' });
		credentials.store.threadsApi = { ...credentials.store.threadsApi, accessToken: fresh };
		const result = await dailyRun(credentials);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
	});

	it('the Threads Trigger renews the same way', async () => {
		const credentials = { threadsApi: { accessToken: threads.token, appSecret: '', renewalGate: '', liveToken: '', issuedAt: 0, expiresAt: 0, pastedFingerprint: '' } };
		const poller = createPoller(
			{ authentication: 'selfRenewingToken', watch: 'account', accountMetric: 'followers_count', condition: 'above', threshold: 1e9 },
			credentials,
		);
		for (const day of [0, 5, 30, 52, 80]) {
			jest.setSystemTime(START + day * DAY);
			expect(await poller.poll()).toBeNull();
		}
		// Due a week after each renewal: on days 30, 52 and 80, not on day 5.
		expect(tokenCalls('/refresh_access_token')).toBe(3);
		expect(credentials.threadsApi.liveToken).not.toBe(threads.token);
	});
});

describe('User → Get Token Status', () => {
	const tokenStatus = async (credentials: TestCredentialsHelper, authentication = 'selfRenewingToken') =>
		await runThreads(
			threads,
			{ parameters: { authentication, resource: 'user', operation: 'getTokenStatus' } },
			{ credentialsHelper: credentials },
		);
	const iso = (epochMs: number) => new Date(epochMs).toISOString();

	it('who the token belongs to, when it expires and when it renews itself; no secret in the row', async () => {
		const credentials = tokenCredential(threads.token);
		jest.setSystemTime(START + 5 * DAY);
		const result = await tokenStatus(credentials);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				user_id: threads.userId,
				username: 'demo.creator',
				token_issued_at: iso(START),
				token_expires_at: iso(START + 60 * DAY),
				days_left: 55,
				renews_on: iso(START + 7 * DAY),
				renewal: 'scheduled',
			},
		]);
		expect(tokenCalls('/debug_token')).toBe(1);
		expectNoSecrets(result, threads.token);
	});

	it('reads the dates after a due renewal, so they are the ones the next run uses', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 51 * DAY);
		const result = await tokenStatus(credentials);
		expect(tokenCalls('/refresh_access_token')).toBe(1);
		expect(result.items[0]).toMatchObject({ token_expires_at: iso(START + 111 * DAY), days_left: 60, renewal: 'scheduled' });
	});

	it('a renewal Meta refused for a passing reason shows as overdue, while the token still works', async () => {
		const credentials = tokenCredential(threads.token);
		await dailyRun(credentials);
		jest.setSystemTime(START + 53 * DAY);
		threads.sim.failNext({ kind: 'serverError', path: /refresh_access_token/, times: 2 });
		const result = await tokenStatus(credentials);
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ username: 'demo.creator', days_left: 7, renewal: 'overdue' });
	});

	it('the Connect (OAuth2) credential: who it is, and that n8n cannot renew it', async () => {
		const result = await tokenStatus(createCredentialsHelper(oauth2Credential(threads.token)), 'oAuth2');
		expect(result.items).toEqual([
			{ user_id: threads.userId, username: 'demo.creator', token_issued_at: null, token_expires_at: null, days_left: null, renews_on: null, renewal: 'not_renewable' },
		]);
		expectNoSecrets(result, threads.token, 'test-client-secret-value');
	});
});
