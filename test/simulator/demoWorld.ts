/**
 * A realistic, deterministic demo world for the Threads simulator: one creator account
 * with ~120 posts over ~60 days, Meta's four official public profiles, and one small
 * private profile that profile discovery must not find. Dates are relative to the
 * simulator's now(), so set the clock before calling.
 */
import { SimUser, ThreadsSimulator } from './threadsSimulator';

export const DEMO_USER_ID = '1000000000000001';
export const DEMO_USERNAME = 'demo.creator';
/** Registered by createDemoWorld; the demo token belongs to it. */
export const DEMO_APP = { clientId: '1234567890123456', clientSecret: 'demo-app-secret-0123456789abcdef', redirectUri: 'http://localhost:5678/rest/oauth2-credential/callback', name: 'Threads Insights Demo' };
/** Private and under 1,000 followers: never discoverable. */
export const DEMO_PRIVATE_USERNAME = 'quiet.gardener';

export interface DemoWorldOptions {
	/** Seed of the demo creator's posts. Default 20240712. */
	seed?: number;
	/** Number of demo creator posts. Default 120. */
	postCount?: number;
}

const OFFICIAL_PROFILES = [
	{ id: '1000000000000101', username: 'meta', name: 'Meta', biography: 'Building the future of human connection.', followers: 4_812_330 },
	{ id: '1000000000000102', username: 'threads', name: 'Threads', biography: 'Say more. Official account of Threads.', followers: 2_903_114 },
	{ id: '1000000000000103', username: 'instagram', name: 'Instagram', biography: 'Bringing you closer to the people and things you love.', followers: 9_420_876 },
	{ id: '1000000000000104', username: 'facebook', name: 'Facebook', biography: 'Official Threads account of Facebook.', followers: 3_315_702 },
];

export function createDemoWorld(sim: ThreadsSimulator, opts: DemoWorldOptions = {}): { user: SimUser; token: string } {
	sim.registerApp(DEMO_APP);
	const user = sim.addUser({
		id: DEMO_USER_ID,
		username: DEMO_USERNAME,
		name: 'Demo Creator',
		biography: 'Building in public: automation, analytics and too much coffee ☕️',
		isVerified: false,
		followers: 12_345,
		linkedInstagram: true,
		public: true,
		posts: opts.postCount ?? 120,
		seed: opts.seed ?? 20240712,
	});
	OFFICIAL_PROFILES.forEach((profile, i) => sim.addUser({ ...profile, isVerified: true, public: true, linkedInstagram: true, posts: 30, seed: 7000 + i }));
	sim.addUser({ id: '1000000000000201', username: DEMO_PRIVATE_USERNAME, name: 'Quiet Gardener', biography: 'Tomatoes, mostly.', followers: 312, public: false, linkedInstagram: false, posts: 12, seed: 9001 });
	const token = sim.issueToken(user.id, { kind: 'long', clientId: DEMO_APP.clientId });
	return { user, token };
}
