/**
 * A deterministic Instagram demo world: one professional account (@demo.creator, 4,321
 * followers) with ~60 media over ~60 days — FEED images, carousels (with children), reels,
 * live and expired stories (one live story with only 3 viewers) and 2 media published
 * before the account became a business account. Dates are relative to the simulator's
 * now(), so set the clock before calling.
 */
import { IgSimAccount, IgSimMedia, InstagramSimulator } from './instagramSimulator';
import { DAY_MS, generateMediaItem, HOUR_MS, mediaId } from './model';
import { seededRandom } from '../random';

export const IG_DEMO_ACCOUNT_ID = '17841400000000001';
export const IG_DEMO_USERNAME = 'demo.creator';
/** Registered by createInstagramDemoWorld; the demo token belongs to it. */
export const IG_DEMO_APP = { clientId: '1122334455667788', clientSecret: 'ig-demo-app-secret-0123456789abcdef' };

export interface InstagramDemoWorldOptions {
	/** Feed + reels media (stories and the 2 pre-conversion media come on top). Default 54. */
	mediaCount?: number;
	/** Default 20260310. */
	seed?: number;
}

/** Days before now at which the account became a business account. */
export const IG_DEMO_BUSINESS_SINCE_DAYS = 56;

export function createInstagramDemoWorld(sim: InstagramSimulator, opts: InstagramDemoWorldOptions = {}): { account: IgSimAccount; token: string } {
	const now = sim.options.now();
	const seed = opts.seed ?? 20260310;
	const count = opts.mediaCount ?? 54;
	const r = seededRandom(seed);
	const key = (name: string) => `${IG_DEMO_ACCOUNT_ID}:${seed}:${name}`;
	const at = (ageMs: number) => Math.floor((now - ageMs) / 1000) * 1000;
	const kinds = ['IMAGE', 'REEL', 'CAROUSEL', 'IMAGE', 'REEL'] as const;
	const media: IgSimMedia[] = [];
	// Feed and reels: spread over the last 55 days, every kind present.
	for (let i = 0; i < count; i++) {
		const age = ((i + 0.1 + 0.8 * r()) / count) * 55 * DAY_MS;
		media.push(generateMediaItem(key(`m${i}`), at(age), kinds[i % kinds.length]));
	}
	// Stories: three live (one seen by only 3 people), two expired.
	media.push({ ...generateMediaItem(key('story0'), at(2 * HOUR_MS), 'STORY'), viewers: 3 });
	media.push({ ...generateMediaItem(key('story1'), at(5 * HOUR_MS), 'STORY'), viewers: 212 });
	media.push({ ...generateMediaItem(key('story2'), at(9 * HOUR_MS), 'STORY'), viewers: 187 });
	media.push(generateMediaItem(key('story3'), at(3 * DAY_MS), 'STORY'));
	media.push(generateMediaItem(key('story4'), at(6 * DAY_MS), 'STORY'));
	// Two posts from before the switch to a professional account.
	media.push({ id: mediaId(key('old0')), mediaProductType: 'FEED', mediaType: 'IMAGE', timestamp: at(57 * DAY_MS), caption: 'First post! 🎉' });
	media.push({ id: mediaId(key('old1')), mediaProductType: 'FEED', mediaType: 'IMAGE', timestamp: at(59.5 * DAY_MS), caption: 'Hello Instagram' });
	media.sort((a, b) => b.timestamp - a.timestamp);

	sim.registerApp(IG_DEMO_APP);
	const account = sim.addAccount({
		id: IG_DEMO_ACCOUNT_ID,
		username: IG_DEMO_USERNAME,
		followers: 4321,
		businessSince: now - IG_DEMO_BUSINESS_SINCE_DAYS * DAY_MS,
		media,
		seed,
	});
	const token = sim.issueToken(account.id, { kind: 'long', clientId: IG_DEMO_APP.clientId });
	return { account, token };
}
