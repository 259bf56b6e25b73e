/**
 * The fault modes both Graph simulators share (test/simulator/faults.ts, frontEnd.ts,
 * nockInstallation.ts, paging.ts), exercised through real Node https requests to the
 * nock-installed simulators, plus the front end's mechanics on their own.
 */
import https from 'https';
import type { IncomingHttpHeaders } from 'http';
import nock from 'nock';
import { createDemoWorld } from '../simulator/demoWorld';
import { FaultQueue, SimulatedSocketError, ThrottlingFrontEnd, TransportFault } from '../simulator/frontEnd';
import { createInstagramDemoWorld } from '../simulator/instagram/demoWorld';
import { INSTAGRAM_HOST, InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import type { SharedFaultKind } from '../simulator/faults';
import { GRAPH_HOST, SimulatorOptions, ThreadsSimulator } from '../simulator/threadsSimulator';

type Json = ReturnType<typeof JSON.parse>;

type Outcome =
	| { kind: 'response'; status: number; headers: IncomingHttpHeaders; text: string }
	| { kind: 'error'; code?: string; message: string }
	| { kind: 'timeout' };

/** One https GET; never rejects. `timeoutMs` uses the request's `timeout` option (socket idle). */
function send(url: string, opts: { headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Outcome> {
	return new Promise((resolve) => {
		const req = https.get(url, { headers: opts.headers ?? {}, ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}) }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => resolve({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, text }));
			res.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'error', code: e.code, message: e.message }));
		});
		req.on('timeout', () => {
			resolve({ kind: 'timeout' });
			req.destroy();
		});
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'error', code: e.code, message: e.message }));
	});
}

function responseOf(outcome: Outcome): Extract<Outcome, { kind: 'response' }> {
	if (outcome.kind !== 'response') throw new Error(`expected an HTTP response, got ${JSON.stringify(outcome)}`);
	return outcome;
}

const json = (outcome: Outcome): Json => JSON.parse(responseOf(outcome).text);

/** Resolves once `condition` holds (checked every turn of the event loop), or fails after 2 s. */
async function until(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 2000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not reached');
		await new Promise((resolve) => setImmediate(resolve));
	}
}

interface LogEntry {
	path: string;
	status: number;
	errorCode?: number | string;
	fault?: string;
	query: Record<string, string>;
}

/** What these tests need from either simulator. */
interface Platform {
	name: string;
	host: string;
	/** Version prefix, e.g. "/v1.0". */
	v: string;
	setup(opts?: { maxInFlight?: number; latencyMs?: number; links?: boolean }): { sim: ThreadsSimulator | InstagramSimulator; token: string; listIds: string[] };
	/** The list edge the paging faults apply to. */
	list: string;
}

const THREADS_NOW = Date.parse('2024-07-16T12:00:00Z');
const IG_NOW = Date.parse('2026-03-10T12:00:00Z');

const threads: Platform = {
	name: 'Threads',
	host: GRAPH_HOST,
	v: '/v1.0',
	list: '/v1.0/me/threads',
	setup(opts = {}) {
		const options: SimulatorOptions = { now: () => THREADS_NOW, includePagingNext: opts.links === true, latencyMs: opts.latencyMs, maxInFlight: opts.maxInFlight };
		const sim = new ThreadsSimulator(options);
		const { user, token } = createDemoWorld(sim);
		return { sim, token, listIds: user.posts.map((p) => p.id) };
	},
};

const instagram: Platform = {
	name: 'Instagram',
	host: INSTAGRAM_HOST,
	v: '/v23.0',
	list: '/v23.0/me/media',
	setup(opts = {}) {
		const sim = new InstagramSimulator({ now: () => IG_NOW, latencyMs: opts.latencyMs, maxInFlight: opts.maxInFlight });
		const { account, token } = createInstagramDemoWorld(sim);
		const feed = account.media.filter((m) => m.mediaProductType !== 'STORY').sort((a, b) => b.timestamp - a.timestamp);
		return { sim, token, listIds: feed.map((m) => m.id) };
	},
};

const installed: Array<ThreadsSimulator | InstagramSimulator> = [];

function start(platform: Platform, opts?: Parameters<Platform['setup']>[0]) {
	const env = platform.setup(opts);
	env.sim.install();
	installed.push(env.sim);
	const auth = { Authorization: `Bearer ${env.token}` };
	const get = (path: string, more: { headers?: Record<string, string>; timeoutMs?: number } = {}) => send(`${platform.host}${path}`, { headers: { ...auth, ...more.headers }, timeoutMs: more.timeoutMs });
	const log = () => env.sim.requests as LogEntry[];
	return { ...env, get, log, auth };
}

afterEach(() => {
	for (const sim of installed.splice(0)) sim.uninstall();
	nock.cleanAll();
});

// ------------------------------------------------------------------------------------------------

describe('front end mechanics', () => {
	it('FaultQueue.take skips faults that do not apply and leaves them queued, in arrival order', () => {
		const queue = new FaultQueue<{ kind: string; times?: number; path?: RegExp }>();
		queue.push({ kind: 'paging', path: /threads/ });
		queue.push({ kind: 'other', times: 2 });
		const pagingOnlyOnLists = (rawPath: string) => (f: { kind: string }) => f.kind !== 'paging' || rawPath.includes('list');
		expect(queue.take('/me/threads', pagingOnlyOnLists('/me/threads'))?.kind).toBe('other');
		expect(queue.take('/me/threads?list', pagingOnlyOnLists('/me/threads?list'))?.kind).toBe('paging');
		expect(queue.take('/me/threads?list', pagingOnlyOnLists('/me/threads?list'))?.kind).toBe('other');
		expect(queue.take('/me/threads?list')).toBeUndefined();
	});

	it('a hang holds its in-flight slot until releaseHangs(), which frees it at once and rejects with ECONNRESET', async () => {
		const frontEnd = new ThrottlingFrontEnd({ maxInFlight: 1 });
		const hung = frontEnd.admit(
			() => 'refused',
			() => new TransportFault('hang'),
		);
		const settled = jest.fn();
		hung.then(settled, settled);
		await new Promise((resolve) => setImmediate(resolve));
		expect(frontEnd.hangingCount).toBe(1);
		expect(settled).not.toHaveBeenCalled();
		expect(await frontEnd.admit(() => 'refused', () => 'answered')).toBe('refused');
		expect(frontEnd.releaseHangs()).toBe(1);
		expect(frontEnd.hangingCount).toBe(0);
		// The slot is free synchronously, before the rejection is even observed.
		expect(await frontEnd.admit(() => 'refused', () => 'answered')).toBe('answered');
		const error = await hung.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SimulatedSocketError);
		expect(error).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
		expect(frontEnd.releaseHangs()).toBe(0);
	});

	it('a reset rejects after the latency and frees its slot', async () => {
		const frontEnd = new ThrottlingFrontEnd({ maxInFlight: 1, latencyMs: 30 });
		const t0 = Date.now();
		const error = await frontEnd.admit(() => 'refused', () => new TransportFault('reset')).catch((e: unknown) => e);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
		expect(error).toMatchObject({ code: 'ECONNRESET', message: 'read ECONNRESET', syscall: 'read' });
		expect(await frontEnd.admit(() => 'refused', () => 'answered')).toBe('answered');
	});
});

// ------------------------------------------------------------------------------------------------

describe.each([threads, instagram])('$name: transport faults through https', (platform) => {
	it('hang: accepted, logged with status 0, never answered; the client times out; the next request is answered', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'hang', path: /\/me\b/ });
		const t0 = Date.now();
		expect(await env.get(`${platform.v}/me`, { timeoutMs: 150 })).toEqual({ kind: 'timeout' });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		expect(env.sim.hangingCount).toBe(1);
		expect(env.log()).toEqual([expect.objectContaining({ path: `${platform.v}/me`, status: 0, fault: 'hang' })]);
		expect(env.log()[0].errorCode).toBeUndefined();

		expect(responseOf(await env.get(`${platform.v}/me`)).status).toBe(200);
		expect(env.log().map((r) => r.status)).toEqual([0, 200]);
		expect(env.sim.peakInFlight).toBe(2); // the hang still holds its slot
	});

	it('hang: counts in flight (maxInFlight refuses beside it) until uninstall() releases it; the waiting client gets ECONNRESET', async () => {
		const env = start(platform, { maxInFlight: 1 });
		env.sim.failNext({ kind: 'hang' });
		const waiting = env.get(`${platform.v}/me`); // no client timeout: only the release ends it
		await until(() => env.sim.hangingCount === 1);
		const refused = json(await env.get(`${platform.v}/me`));
		expect(refused.error.code).toBe(4);
		expect(env.sim.refusedCount).toBe(1);

		env.sim.uninstall();
		expect(env.sim.hangingCount).toBe(0);
		expect(await waiting).toEqual({ kind: 'error', code: 'ECONNRESET', message: 'socket hang up' });
		expect(env.log().map((r) => [r.status, r.fault ?? r.errorCode])).toEqual([
			[0, 'hang'],
			[400, 4],
		]);
	});

	it('hang: reset() releases pending hangs too, and times/path filters apply', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'hang', times: 2, path: /fields=id/ });
		const first = env.get(`${platform.v}/me?fields=id`);
		const second = env.get(`${platform.v}/me?fields=id`);
		await until(() => env.sim.hangingCount === 2);
		expect(responseOf(await env.get(`${platform.v}/me`)).status).toBe(200); // path does not match
		env.sim.reset();
		expect(await first).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
		expect(await second).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
		expect(env.sim.hangingCount).toBe(0);
		expect(env.sim.requests).toHaveLength(0);
		expect(responseOf(await env.get(`${platform.v}/me?fields=id`)).status).toBe(200);
	});

	it('reset: the client gets an ECONNRESET error event and no response; logged with status 0', async () => {
		const env = start(platform, { latencyMs: 5 });
		env.sim.failNext({ kind: 'reset', path: /fields=username/ });
		expect(await env.get(`${platform.v}/me?fields=username`)).toEqual({ kind: 'error', code: 'ECONNRESET', message: 'socket hang up' });
		expect(responseOf(await env.get(`${platform.v}/me?fields=username`)).status).toBe(200);
		expect(env.log().map((r) => [r.status, r.fault])).toEqual([
			[0, 'reset'],
			[200, undefined],
		]);
		expect(env.sim.peakInFlight).toBe(1);
	});

	it('reset: fetch fails too (its body, since mswjs gives fetch the status line first)', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'reset' });
		const outcome = await fetch(`${platform.host}${platform.v}/me`, { headers: env.auth }).then(
			(res) => res.text().then((text) => ({ text }), (e: unknown) => ({ bodyError: e })),
			(e: unknown) => ({ fetchError: e }),
		);
		expect(outcome).not.toHaveProperty('text');
		expect(Object.values(outcome)[0]).toBeInstanceOf(Error);
		expect(responseOf(await env.get(`${platform.v}/me`)).status).toBe(200);
	});
});

// ------------------------------------------------------------------------------------------------

describe.each([threads, instagram])('$name: broken bodies through https', (platform) => {
	it('htmlError: 502 with an HTML page and text/html (status overridable)', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'htmlError' });
		env.sim.failNext({ kind: 'htmlError', status: 504, retryAfterSec: 7 });
		const res = responseOf(await env.get(`${platform.v}/me`));
		expect(res.status).toBe(502);
		expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(res.text).toMatch(/^<html>.*<body><h1>502 Bad Gateway<\/h1>.*<\/html>$/);
		expect(() => JSON.parse(res.text)).toThrow();
		const overridden = responseOf(await env.get(`${platform.v}/me`));
		expect(overridden.status).toBe(504);
		expect(overridden.text).toContain('<h1>504 Gateway Timeout</h1>');
		expect(overridden.headers['retry-after']).toBe('7');
		expect(env.log().map((r) => [r.status, r.fault, r.errorCode])).toEqual([
			[502, 'htmlError', undefined],
			[504, 'htmlError', undefined],
		]);
	});

	it('emptyBody: 200, JSON content type, no body at all', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'emptyBody', path: /\/me\/media|\/me\/threads/ });
		const res = responseOf(await env.get(`${platform.list}?limit=3`));
		expect([res.status, res.text]).toEqual([200, '']);
		expect(res.headers['content-type']).toContain('application/json');
		expect(res.headers['content-length']).toBe('0');
		expect(json(await env.get(`${platform.list}?limit=3`)).data).toHaveLength(3);
	});

	it('malformedJson: 200, JSON content type, a truncated JSON body', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'malformedJson' });
		const res = responseOf(await env.get(`${platform.list}?limit=3`));
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toContain('application/json');
		expect(res.text).toBe('{"data":[{"id":"1');
		expect(() => JSON.parse(res.text)).toThrow(SyntaxError);
	});

	it('dataNotArray: 200 whose data is an object, on lists and insights alike', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'dataNotArray', times: 2 });
		for (const path of [`${platform.list}?limit=3`, `${platform.v}/me/${platform === threads ? 'threads_insights?metric=views' : 'insights?metric=reach&period=day&metric_type=total_value'}`]) {
			const res = responseOf(await env.get(path));
			expect(res.status).toBe(200);
			const body = JSON.parse(res.text);
			expect(Array.isArray(body.data)).toBe(false);
			expect(body).toEqual({ data: { id: 'x' } });
		}
		expect(Array.isArray(json(await env.get(`${platform.list}?limit=3`)).data)).toBe(true);
	});

	it('serverErrorNoBody: 503 with an empty body (status overridable)', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'serverErrorNoBody' });
		env.sim.failNext({ kind: 'serverErrorNoBody', status: 500 });
		const res = responseOf(await env.get(`${platform.v}/me`));
		expect([res.status, res.text]).toEqual([503, '']);
		expect(res.headers['content-type']).toBeUndefined();
		const overridden = responseOf(await env.get(`${platform.v}/me`));
		expect([overridden.status, overridden.text]).toEqual([500, '']);
		expect(env.log().map((r) => r.status)).toEqual([503, 500]);
	});
});

// ------------------------------------------------------------------------------------------------

describe.each([threads, instagram])('$name: transient Graph errors and the token echo', (platform) => {
	it('serverError / unknownError: 500, code 1; serviceUnavailable: 503, code 2; all transient, OAuthException', async () => {
		const env = start(platform);
		const expected: Array<[SharedFaultKind, number, number, string]> = [
			['serverError', 500, 1, 'An unknown error occurred'],
			['unknownError', 500, 1, 'An unknown error occurred'],
			['serviceUnavailable', 503, 2, 'Service temporarily unavailable'],
		];
		for (const [kind, status, code, message] of expected) {
			env.sim.failNext({ kind });
			const res = responseOf(await env.get(`${platform.v}/me`));
			expect([kind, res.status]).toEqual([kind, status]);
			expect(res.headers['content-type']).toContain('application/json');
			expect(JSON.parse(res.text)).toEqual({ error: { message, type: 'OAuthException', code, is_transient: true, fbtrace_id: expect.stringMatching(/^A\w+/) } });
		}
		env.sim.failNext({ kind: 'serviceUnavailable', status: 502, retryAfterSec: 3 });
		const overridden = responseOf(await env.get(`${platform.v}/me`));
		expect([overridden.status, overridden.headers['retry-after'], JSON.parse(overridden.text).error.code]).toEqual([502, '3', 2]);
		expect(env.log().map((r) => [r.status, r.errorCode, r.fault])).toEqual([
			[500, 1, 'serverError'],
			[500, 1, 'unknownError'],
			[503, 2, 'serviceUnavailable'],
			[502, 2, 'serviceUnavailable'],
		]);
	});

	it('echoToken: 190 "Malformed access token <token as sent>", from the header or the query; the log stays clean', async () => {
		const env = start(platform);
		env.sim.failNext({ kind: 'echoToken', times: 2 });
		const viaHeader = responseOf(await env.get(`${platform.v}/me`));
		expect(viaHeader.status).toBe(400);
		expect(JSON.parse(viaHeader.text).error).toEqual({ message: `Malformed access token ${env.token}`, type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) });

		const queryToken = 'IGQ-not+a/real=token';
		const viaQuery = responseOf(await send(`${platform.host}${platform.v}/me?fields=id&access_token=${encodeURIComponent(queryToken)}`));
		expect(JSON.parse(viaQuery.text).error.message).toBe(`Malformed access token ${queryToken}`);

		expect(env.log().map((r) => [r.status, r.errorCode, r.fault])).toEqual([
			[400, 190, 'echoToken'],
			[400, 190, 'echoToken'],
		]);
		expect(JSON.stringify(env.sim.requests)).not.toContain(env.token);
		expect(JSON.stringify(env.sim.requests)).not.toContain(queryToken);
		expect(responseOf(await env.get(`${platform.v}/me`)).status).toBe(200);
	});
});

// ------------------------------------------------------------------------------------------------

describe.each([
	{ ...threads, links: false },
	{ ...threads, name: 'Threads (includePagingNext)', links: true },
	{ ...instagram, links: true },
])('$name: paging faults', (platform) => {
	const cursorOf = (body: Json): string | undefined => body.paging?.cursors?.after;
	const idsOf = (body: Json): string[] => body.data.map((m: Json) => m.id);
	const pagePath = (after?: string) => `${platform.list}?limit=5${after ? `&after=${encodeURIComponent(after)}` : ''}`;

	it('repeatCursor on the first page: its after cursor (and next link) asks for the same page again, forever while the fault lasts', async () => {
		const env = start(platform, { links: platform.links });
		env.sim.failNext({ kind: 'repeatCursor', times: Infinity, path: /\/me\/(threads|media)/ });
		const first = json(await env.get(pagePath()));
		expect(idsOf(first)).toEqual(env.listIds.slice(0, 5));
		const cursor = cursorOf(first)!;
		expect(cursor).toEqual(expect.any(String));
		if (platform.links) expect(new URL(first.paging.next).searchParams.get('after')).toBe(cursor);
		else expect(first.paging.next).toBeUndefined();
		for (let i = 0; i < 4; i++) {
			const again = json(await env.get(pagePath(cursor)));
			expect(idsOf(again)).toEqual(idsOf(first));
			expect(cursorOf(again)).toBe(cursor);
		}
		expect(env.log()).toHaveLength(5);
		expect(env.log().every((r) => r.status === 200 && r.fault === 'repeatCursor')).toBe(true);

		env.sim.reset(); // the fault is gone: the same cursor now moves on
		const moved = json(await env.get(pagePath(cursor)));
		expect(idsOf(moved)).toEqual(env.listIds.slice(0, 5)); // the start cursor names the page's first item
		expect(cursorOf(moved)).not.toBe(cursor);
		expect(idsOf(json(await env.get(pagePath(cursorOf(moved)))))).toEqual(env.listIds.slice(5, 10));
	});

	it('repeatCursor on a later page echoes the cursor the request was sent with, even on the last page', async () => {
		const env = start(platform, { links: platform.links });
		const first = json(await env.get(pagePath()));
		const sent = cursorOf(first)!;
		env.sim.failNext({ kind: 'repeatCursor' });
		const second = json(await env.get(pagePath(sent)));
		expect(idsOf(second)).toEqual(env.listIds.slice(5, 10));
		expect(cursorOf(second)).toBe(sent);
		if (platform.links) expect(second.paging.next).toBe(`${platform.host}${platform.list}?limit=5&after=${encodeURIComponent(sent)}`);

		// The last page normally has no after cursor; with the fault it points at itself.
		let cursor: string | undefined;
		let lastCursor: string | undefined;
		do {
			lastCursor = cursor;
			cursor = cursorOf(json(await env.get(pagePath(cursor))));
		} while (cursor);
		env.sim.failNext({ kind: 'repeatCursor' });
		const last = json(await env.get(pagePath(lastCursor)));
		const n = env.listIds.length;
		expect(idsOf(last)).toEqual(env.listIds.slice(Math.floor((n - 1) / 5) * 5));
		expect(cursorOf(last)).toBe(lastCursor);
		expect(cursorOf(json(await env.get(pagePath(lastCursor))))).toBeUndefined(); // fault used up
	});

	it('paging faults wait for a list request: other requests neither take nor are changed by them', async () => {
		const env = start(platform, { links: platform.links });
		env.sim.failNext({ kind: 'emptyPageWithNext' });
		env.sim.failNext({ kind: 'serverError' });
		const me = responseOf(await env.get(`${platform.v}/me`));
		expect(me.status).toBe(500); // the server error, queued second, is the first that applies
		expect(responseOf(await env.get(`${platform.v}/me`)).status).toBe(200);
		expect(json(await env.get(pagePath())).data).toEqual([]);
		expect(env.log().map((r) => r.fault)).toEqual(['serverError', undefined, 'emptyPageWithNext']);
	});

	it('emptyPageWithNext: data [] with an after cursor and a next link to the page that would have come; a walk loses nothing', async () => {
		const env = start(platform, { links: platform.links });
		const plain = json(await env.get(pagePath()));
		env.sim.reset();

		env.sim.failNext({ kind: 'emptyPageWithNext' });
		const empty = json(await env.get(pagePath()));
		expect(empty.data).toEqual([]);
		const next = new URL(empty.paging.next); // present even where next links are off
		expect(next.origin + next.pathname).toBe(`${platform.host}${platform.list}`);
		expect(next.searchParams.get('after')).toBe(cursorOf(empty));
		expect(json(await env.get(next.pathname + next.search))).toEqual(plain);

		// A walk that meets three empty pages (the first two requests, and one after 20 items) sees every item once.
		env.sim.reset();
		env.sim.failNext({ kind: 'emptyPageWithNext', times: 2 });
		const seen: string[] = [];
		let after: string | undefined;
		let requests = 0;
		let injectedMidWalk = false;
		do {
			const body = json(await env.get(pagePath(after)));
			requests++;
			seen.push(...idsOf(body));
			after = cursorOf(body);
			if (!injectedMidWalk && seen.length >= 20) {
				env.sim.failNext({ kind: 'emptyPageWithNext' });
				injectedMidWalk = true;
			}
		} while (after);
		expect(seen).toEqual(env.listIds);
		expect(requests).toBe(Math.ceil(env.listIds.length / 5) + 3);
		expect(env.log().filter((r) => r.fault === 'emptyPageWithNext')).toHaveLength(3);
	});
});

describe('Threads: paging faults on /profile_posts', () => {
	it('repeatCursor applies to profile_posts too', async () => {
		const env = start(threads);
		env.sim.failNext({ kind: 'repeatCursor', times: 2 });
		const first = json(await env.get('/v1.0/profile_posts?username=meta&limit=4'));
		const again = json(await env.get(`/v1.0/profile_posts?username=meta&limit=4&after=${encodeURIComponent(first.paging.cursors.after)}`));
		expect(again.data).toEqual(first.data);
		expect(again.paging.cursors.after).toBe(first.paging.cursors.after);
	});
});
