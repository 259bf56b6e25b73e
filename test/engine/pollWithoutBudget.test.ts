/**
 * n8n 1.x compatibility of the triggers: n8n-workflow 1.x's poll context has no
 * getPollBudgetMs (added in 2.x). The poll runs through n8n-core's TriggersAndPollers as
 * everywhere else, with the method removed from the real PollContext, as n8n 1.x builds it.
 */
import nock from 'nock';
import { TriggersAndPollers } from 'n8n-core';
import type { IPollFunctions } from 'n8n-workflow';

import { DEFAULT_POLL_BUDGET_MS, pollBudgetMsOf } from '../../nodes/shared/alerts/crossingPoll';
import { createPoller } from '../harness/runPoll';
import { InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import { ThreadsSimulator } from '../simulator/threadsSimulator';
import { adoptedTokenCredential, oauth2Credential } from './fixtures';

const HOUR = 3600_000;

/** Every poll of the test gets a context without getPollBudgetMs (n8n 1.x); records that it had none. */
function asOnN8n1x(): { budgetsSeen: unknown[] } {
	const seen = { budgetsSeen: [] as unknown[] };
	const original = TriggersAndPollers.prototype.runPollFunction;
	jest.spyOn(TriggersAndPollers.prototype, 'runPollFunction').mockImplementation(async function (this: TriggersAndPollers, workflow, node, context) {
		delete (context as unknown as { getPollBudgetMs?: unknown }).getPollBudgetMs;
		seen.budgetsSeen.push((context as unknown as { getPollBudgetMs?: unknown }).getPollBudgetMs);
		return await original.call(this, workflow, node, context);
	});
	return seen;
}

afterEach(() => {
	jest.restoreAllMocks();
	nock.cleanAll();
	nock.enableNetConnect();
});

describe('pollBudgetMsOf: the poll budget where n8n has one', () => {
	const context = (extra: object) => extra as unknown as IPollFunctions;
	it("uses n8n 2.x's getPollBudgetMs()", () => {
		expect(pollBudgetMsOf(context({ getPollBudgetMs: () => 30_000 }))).toBe(30_000);
	});
	it("falls back to n8n 2.x's default (5 minutes) on n8n 1.x, where the context lacks it", () => {
		expect(DEFAULT_POLL_BUDGET_MS).toBe(5 * 60_000);
		expect(pollBudgetMsOf(context({}))).toBe(DEFAULT_POLL_BUDGET_MS);
	});
	it('falls back on an unusable answer', () => {
		for (const answer of [undefined, NaN, 0, -1, Infinity, '60000']) expect(pollBudgetMsOf(context({ getPollBudgetMs: () => answer }))).toBe(DEFAULT_POLL_BUDGET_MS);
	});
	it('calls it on the context (a method reading `this` works)', () => {
		const ctx = { budget: 42_000, getPollBudgetMs(this: { budget: number }) { return this.budget; } };
		expect(pollBudgetMsOf(context(ctx))).toBe(42_000);
	});
});

describe('the triggers poll on a context without getPollBudgetMs (n8n 1.x)', () => {
	it('Threads Trigger: baseline on activation, then one event per crossing', async () => {
		nock.disableNetConnect();
		const sim = new ThreadsSimulator();
		const user = sim.addUser({
			id: '2000000000000001',
			username: 'alert.tester',
			followers: 10,
			posts: [
				{ id: '1002', mediaType: 'TEXT_POST', timestamp: Date.now() - 2 * HOUR, text: 'Post 1002', shortcode: 's1002', metrics: { views: 1500, likes: 1 } },
				{ id: '1001', mediaType: 'TEXT_POST', timestamp: Date.now() - 5 * HOUR, text: 'Post 1001', shortcode: 's1001', metrics: { views: 900, likes: 1 } },
			],
		});
		const token = sim.issueToken(user.id);
		sim.install();
		try {
			const seen = asOnN8n1x();
			const poller = createPoller({ watch: 'recentPosts', recentScope: 'days', recentDays: 7, postMetrics: ['views'], condition: 'above', threshold: 1000 }, oauth2Credential(token));
			expect(await poller.poll()).toBeNull();
			user.posts.find((p) => p.id === '1001')!.metrics!.views = 1100;
			const fired = await poller.poll();
			expect(fired?.map((item) => [item.json.mediaId, item.json.value, item.json.previousValue])).toEqual([['1001', 1100, 900]]);
			expect(await poller.poll()).toBeNull();
			// The editor's test step too.
			expect((await poller.poll('manual'))?.length).toBeGreaterThan(0);
			expect(seen.budgetsSeen).toEqual([undefined, undefined, undefined, undefined]);
		} finally {
			sim.uninstall();
		}
	});

	it('Instagram Insights Trigger: baseline on activation, then one event per crossing', async () => {
		nock.disableNetConnect();
		const sim = new InstagramSimulator();
		const account = sim.addAccount({
			id: '17841400000000009',
			username: 'alert.tester',
			followers: 990,
			media: [
				{ id: '1802', mediaProductType: 'FEED', mediaType: 'IMAGE', timestamp: Date.now() - 3 * HOUR, caption: 'Media 1802', metrics: { views: 1500 } },
				{ id: '1801', mediaProductType: 'FEED', mediaType: 'IMAGE', timestamp: Date.now() - 6 * HOUR, caption: 'Media 1801', metrics: { views: 900 } },
			],
		});
		const token = sim.issueToken(account.id);
		sim.install();
		try {
			const seen = asOnN8n1x();
			const poller = createPoller(
				{ watch: 'recentMedia', recentScope: 'days', recentDays: 7, mediaMetrics: ['views'], condition: 'above', threshold: 1000 },
				{ instagramApi: adoptedTokenCredential(token) },
				{ nodeType: 'instagramTrigger' },
			);
			expect(await poller.poll()).toBeNull();
			account.media.find((m) => m.id === '1801')!.metrics!.views = 1100;
			const fired = await poller.poll();
			expect(fired?.map((item) => [item.json.mediaId, item.json.value])).toEqual([['1801', 1100]]);
			expect(seen.budgetsSeen).toEqual([undefined, undefined]);
		} finally {
			sim.uninstall();
		}
	});
});
