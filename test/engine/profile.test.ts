import { rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

// A fixed clock: the 7-day counts move with time.
const frozenNow = Date.now();
const threads = useSimulator({ now: () => frozenNow });

describe('Profile → Get', () => {
	it('returns the competitor-tracking row: followers and the 7-day counts', async () => {
		const raw = await rawAnswer(threads, '/v1.0/profile_lookup?username=meta');
		const result = await runThreads(threads, { parameters: { resource: 'profile', operation: 'get', username: '@meta ' } });
		expect(result.items).toEqual([
			{
				username: raw.username,
				name: raw.name,
				follower_count: raw.follower_count,
				views_count: raw.views_count,
				likes_count: raw.likes_count,
				replies_count: raw.replies_count,
				reposts_count: raw.reposts_count,
				quotes_count: raw.quotes_count,
				is_verified: raw.is_verified,
				biography: raw.biography,
				profile_picture_url: raw.profile_picture_url ?? null,
			},
		]);
		expect(requestLines(threads.sim)).toEqual(['GET /v1.0/profile_lookup?username=meta']);
	});

	it('an empty username is refused before any request', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'profile', operation: 'get', username: '  ' } });
		expect(result.error?.message).toMatch(/"Username" is empty/);
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('a token without threads_profile_discovery gets a message naming that permission', async () => {
		threads.token = threads.sim.issueToken(threads.userId, { scopes: ['threads_basic', 'threads_manage_insights'] });
		const result = await runThreads(threads, { parameters: { resource: 'profile', operation: 'get', username: 'meta' } });
		expect(result.error?.message).toMatch(/missing the "threads_profile_discovery" permission/);
	});
});

describe('Profile → Get Posts', () => {
	it('pages a public profile’s posts with the after cursor; Limit respected exactly', async () => {
		const result = await runThreads(threads, {
			parameters: { resource: 'profile', operation: 'getPosts', username: 'threads', limit: 25, fields: ['id', 'username', 'text'] },
		});
		const raw = await rawAnswer(threads, '/v1.0/profile_posts?username=threads&fields=id,username,text&limit=25');
		expect(result.items).toEqual(raw.data);
		expect(result.items.every((row) => row.username === 'threads')).toBe(true);
	});

	it('Return All: every post once, pages of 100', async () => {
		const result = await runThreads(threads, {
			parameters: { resource: 'profile', operation: 'getPosts', username: 'meta', returnAll: true, fields: ['id'] },
		});
		const ids = result.items.map((row) => row.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBeGreaterThan(0);
		expect(requestLines(threads.sim)[0]).toBe('GET /v1.0/profile_posts?fields=id&limit=100&username=meta');
		expect(threads.sim.requests).toHaveLength(Math.max(1, Math.ceil(ids.length / 100)));
	});

	it('never asks for owner (profile_posts refuses it)', async () => {
		const { getProfilePostsFields } = await import('../../nodes/Threads/resources/profile/getPosts');
		const fields = getProfilePostsFields.find((field) => field.name === 'fields');
		expect(fields?.options?.map((option) => (option as { value: string }).value)).not.toContain('owner');
	});

	it('a profile Meta will not show gives Meta’s reason, not an empty result', async () => {
		const result = await runThreads(threads, {
			parameters: { resource: 'profile', operation: 'getPosts', username: 'nobody_here_12345' },
		});
		expect(result.error?.message).toMatch(/^Threads rejected the request: /);
		expect(result.items).toHaveLength(0);
	});
});
