/**
 * A token or secret never appears in node output, errors, the saved execution or anything
 * printed, in every failure mode, also when Meta echoes the token back. Each run uses the
 * simulator's tokens (random, distinctive) and the demo app's secret, and searches the whole
 * serialized execution, the output and everything written to stdout/stderr/console.
 */
import { createCredentialsHelper } from '../harness/runWorkflow';
import type { TestCredentialsHelper } from '../harness/credentialsHelper';
import { DEMO_APP } from '../simulator/demoWorld';
import type { SimulatedErrorKind } from '../simulator/threadsSimulator';
import type { WorkflowResult } from '../harness/runWorkflow';
import { adoptedTokenCredential, oauth2Credential, runThreads, useSimulator } from './fixtures';

const threads = useSimulator();
const DAY = 86_400_000;

let printed: string[] = [];
let restore: Array<() => void> = [];
beforeEach(() => {
	printed = [];
	const capture = (...args: unknown[]) => void printed.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg))).join(' '));
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		const spy = jest.spyOn(console, method).mockImplementation(capture);
		restore.push(() => spy.mockRestore());
	}
	for (const stream of [process.stdout, process.stderr]) {
		const original = stream.write.bind(stream);
		stream.write = ((chunk: unknown, ...rest: unknown[]) => (capture(String(chunk)), original(chunk as string, ...(rest as []))) ) as typeof stream.write;
		restore.push(() => (stream.write = original));
	}
});
afterEach(() => {
	for (const undo of restore) undo();
	restore = [];
});

function expectNowhere(result: WorkflowResult, secrets: string[]): void {
	const everything = JSON.stringify({
		run: result.run,
		output: result.output,
		error: result.error,
		message: result.error?.message,
		description: (result.error as { description?: unknown } | undefined)?.description,
		stack: (result.error as { stack?: unknown } | undefined)?.stack,
		printed,
	});
	for (const secret of secrets) {
		expect(secret.length).toBeGreaterThan(15);
		expect(everything).not.toContain(secret);
	}
}

function selfRenewing(token: string, overrides: Record<string, unknown> = {}): TestCredentialsHelper {
	return createCredentialsHelper({ threadsApi: { ...adoptedTokenCredential(token), appSecret: DEMO_APP.clientSecret, ...overrides } });
}

const list = { authentication: 'selfRenewingToken', resource: 'thread', operation: 'list', returnAll: true, fields: ['id'], options: { timeout: 0.3, maxRateLimitWait: 1 } };

const DATA_FAULTS: SimulatedErrorKind[] = [
	'echoToken',
	'expiredToken',
	'invalidToken',
	'missingScope',
	'rateLimit',
	'featureNotAvailable',
	'invalidParameter',
	'serverError',
	'unknownError',
	'serviceUnavailable',
	'serverErrorNoBody',
	'htmlError',
	'emptyBody',
	'malformedJson',
	'dataNotArray',
	'reset',
	'hang',
	'repeatCursor',
];

describe('no secret anywhere, whatever fails', () => {
	it.each(DATA_FAULTS)('%s on a data request (self-renewing credential, with and without Continue)', async (kind) => {
		for (const continueOnFail of [false, true]) {
			threads.sim.reset();
			threads.sim.failNext({ kind, times: 20, path: /\/me\/threads/ });
			const credentials = selfRenewing(threads.token);
			const result = await runThreads(threads, { parameters: list, continueOnFail }, { credentialsHelper: credentials });
			expect(continueOnFail ? String(result.items[0]?.error) : result.error?.message).toBeTruthy();
			expectNowhere(result, [threads.token, DEMO_APP.clientSecret]);
		}
	});

	it('Meta echoing the token in an error ("Malformed access token …") is redacted from every copy', async () => {
		threads.sim.failNext({ kind: 'echoToken', times: 5 });
		const result = await runThreads(threads, { parameters: list }, { credentialsHelper: selfRenewing(threads.token) });
		expect(result.error?.message).toMatch(/access token has expired or was revoked/);
		expect((result.error as { description?: string }).description).toMatch(/Malformed access token \[redacted\]/);
		expectNowhere(result, [threads.token]);
	});

	it('the OAuth2 credential: its token and client secret', async () => {
		threads.sim.failNext({ kind: 'echoToken', times: 5 });
		const result = await runThreads(threads, { parameters: { ...list, authentication: 'oAuth2' } }, { credentials: oauth2Credential(threads.token) });
		expect(result.error).toBeDefined();
		expectNowhere(result, [threads.token, 'test-client-secret-value']);
	});

	it('the refresh endpoint echoing the token back', async () => {
		const issuedAt = Date.now() - 51 * DAY;
		const credentials = selfRenewing(threads.token, { ...adoptedTokenCredential(threads.token, issuedAt), renewalGate: '' });
		threads.sim.failNext({ kind: 'echoToken', path: /refresh_access_token/ });
		threads.sim.failNext({ kind: 'echoToken', path: /\/me\/threads/, times: 4 });
		const result = await runThreads(threads, { parameters: list }, { credentialsHelper: credentials });
		// The refusal of a still-valid token is not final (another process may have renewed it); the request says so, re-read after 1, 2 and 4 s.
		expect(result.error?.message).toMatch(/access token has expired or was revoked/);
		expectNowhere(result, [threads.token, DEMO_APP.clientSecret]);
	});

	it('the exchange of a one-hour token (App Secret sent) and debug_token echoing back', async () => {
		for (const path of [/\/access_token/, /debug_token/]) {
			threads.sim.reset();
			const shortLived = threads.sim.issueToken(threads.userId, { kind: 'short', clientId: DEMO_APP.clientId });
			const credentials = createCredentialsHelper({
				threadsApi: { accessToken: shortLived, appSecret: DEMO_APP.clientSecret, renewalGate: '', liveToken: '', issuedAt: 0, expiresAt: 0, pastedFingerprint: '' },
			});
			threads.sim.failNext({ kind: 'echoToken', path, times: 3 });
			const result = await runThreads(threads, { parameters: list }, { credentialsHelper: credentials });
			expect(result.error?.message ?? result.items[0]?.id).toBeTruthy();
			expectNowhere(result, [shortLived, DEMO_APP.clientSecret]);
		}
	});
});
