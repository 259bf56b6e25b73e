import type { SimulatedErrorKind } from '../simulator/threadsSimulator';
import { expectNoSecrets, rawAnswer, runThreads, useSimulator } from './fixtures';

const threads = useSimulator();

async function firstPostId(): Promise<string> {
	return (await rawAnswer(threads, '/v1.0/me/threads?fields=id&limit=1')).data[0].id;
}

const insightsOf = (mediaId: string) => ({
	parameters: { resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'id', value: mediaId } },
});

describe('Graph errors become one readable message', () => {
	it.each<[SimulatedErrorKind, RegExp, RegExp]>([
		['expiredToken', /access token has expired or was revoked/, /reconnect/i],
		['invalidToken', /access token has expired or was revoked/, /reconnect/i],
		['missingScope', /missing the "threads_manage_insights" permission/, /scopes/],
		['rateLimit', /rate limit reached/, /later/],
		['invalidParameter', /^Threads rejected the request: /, /parameters/],
		['featureNotAvailable', /no linked Instagram account/, /Link one/],
		['serverError', /temporary problem/, /Meta says/],
	])('%s', async (kind, message, description) => {
		const mediaId = await firstPostId();
		// Throttling and hiccups are retried; these persist past a 1-second retry budget.
		threads.sim.failNext({ kind, times: 100 });
		const result = await runThreads(threads, {
			parameters: { ...insightsOf(mediaId).parameters, options: { maxRateLimitWait: 1 } },
		});
		const error = result.error as { message: string; description?: string } | undefined;
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(description);
		expect(error?.description).toMatch(/Meta trace ID: \S+/);
		expectNoSecrets(result, threads.token, 'test-client-secret-value');
	});

	it('an account without a linked Instagram asking followers_count', async () => {
		threads.sim.failNext({ kind: 'featureNotAvailable' });
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getInsights', metrics: ['followers_count'] } });
		expect(result.error?.message).toMatch(/no linked Instagram account/);
	});

	it('a really expired token (clock past expiry) gives the reconnect message, without the token', async () => {
		threads.token = threads.sim.issueToken(threads.userId, { issuedAt: Date.now() - 61 * 86400_000 });
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: 5 } });
		expect(result.error?.message).toMatch(/expired or was revoked/);
		expectNoSecrets(result, threads.token);
	});

	it('On Error → Continue: the failed item becomes an error item, the others go on, all paired', async () => {
		const ids = (await rawAnswer(threads, '/v1.0/me/threads?fields=id&limit=3')).data.map((p: { id: string }) => p.id);
		const result = await runThreads(threads, {
			input: [{ id: ids[0] }, { id: '999999999' }, { id: ids[2] }],
			continueOnFail: true,
			parameters: { resource: 'media', operation: 'getInsights', metrics: ['likes'], mediaId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		});
		expect(result.error).toBeUndefined();
		const output = result.output.Threads;
		expect(output).toHaveLength(3);
		expect(output[0].json.id).toBe(ids[0]);
		expect(output[2].json.id).toBe(ids[2]);
		expect(output[1].json.error ?? output[1].error).toBeTruthy();
		expect(JSON.stringify(output[1])).toMatch(/Threads rejected the request/);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expectNoSecrets(result, threads.token);
	});
});
