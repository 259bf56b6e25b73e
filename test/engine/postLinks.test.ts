/**
 * A post given by its link (the editor's "By URL" mode, or a link mapped from a sheet) is
 * found among the account's latest posts: a bounded search that stops at the match.
 */
import nock from 'nock';

import { createInstagramDemoWorld } from '../simulator/instagram/demoWorld';
import { InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import { rawAnswer, requestLines, runInstagram, runThreads, useSimulator } from './fixtures';

const threads = useSimulator();

async function myPosts(): Promise<Array<{ id: string; permalink: string }>> {
	const posts = [];
	let after: string | undefined;
	do {
		const page = await rawAnswer(threads, `/v1.0/me/threads?fields=id,permalink&limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
		posts.push(...page.data);
		after = page.data.length ? page.paging?.cursors?.after : undefined;
	} while (after);
	return posts;
}

describe('Threads: a post by its link', () => {
	it('By URL: the post is found on the page that has it, then asked for; one request per page, no more', async () => {
		const posts = await myPosts();
		expect(posts.length).toBeGreaterThan(100);
		const target = posts.at(-1)!;
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getInsights', metrics: ['likes'], mediaId: { __rl: true, mode: 'url', value: target.permalink } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].id).toBe(target.id);
		expect(requestLines(threads.sim).map((line) => line.split('?')[0])).toEqual(['GET /v1.0/me/threads', 'GET /v1.0/me/threads', `GET /v1.0/${target.id}/insights`]);
	});

	it('a link mapped into By ID works the same; threads.com links too', async () => {
		const [first] = await myPosts();
		const link = first.permalink.replace('threads.net', 'threads.com');
		const result = await runThreads(threads, {
			input: [{ link }],
			parameters: { resource: 'media', operation: 'get', fields: ['id'], mediaId: { __rl: true, mode: 'id', value: '={{ $json.link }}' } },
		});
		expect(result.items).toEqual([{ id: first.id }]);
		expect(threads.sim.requests).toHaveLength(2);
	});

	it('a link to a post that is not among your latest 500: a clear error after at most 5 pages', async () => {
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'get', mediaId: { __rl: true, mode: 'url', value: 'https://www.threads.net/@meta/post/DoesNotExist1' } },
		});
		expect(result.error?.message).toBe('The post https://www.threads.net/@meta/post/DoesNotExist1 is not among your 500 latest Threads posts');
		expect(threads.sim.requests.length).toBeLessThanOrEqual(5);
		expect(threads.sim.requests.every((request) => request.path === '/v1.0/me/threads')).toBe(true);
	});
});

describe('Instagram: a media by its link', () => {
	let sim: InstagramSimulator;
	let token: string;
	beforeEach(() => {
		sim = new InstagramSimulator();
		({ token } = createInstagramDemoWorld(sim));
		sim.install();
	});
	afterEach(() => {
		sim.uninstall();
		nock.cleanAll();
	});

	it('a post or reel link in Media ID is found among the latest media', async () => {
		const page = (await sim.handle({ method: 'GET', path: '/v23.0/me/media?fields=id,permalink&limit=100', headers: { authorization: `Bearer ${token}` } })).body as { data: Array<{ id: string; permalink: string }> };
		sim.reset();
		const target = page.data[3];
		const result = await runInstagram({ token, parameters: { resource: 'media', operation: 'get', mediaId: target.permalink, fields: ['id'] } });
		expect(result.error).toBeUndefined();
		expect(result.output.Instagram.map((item) => item.json)).toEqual([{ id: target.id }]);
		expect(sim.requests.map((request) => request.path)).toEqual(['/v23.0/me/media', `/v23.0/${target.id}`]);
	});
});
