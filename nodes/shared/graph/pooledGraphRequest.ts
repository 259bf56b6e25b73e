/**
 * How a Graph node's execution sends its requests: through the one transport, with the
 * node's retry and timeout settings, and through one adaptive pool for the whole execution,
 * so that many posts or many input items never mean an unbounded burst of requests.
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { LimiterClock } from './adaptiveLimiter';
import { AdaptiveLimiter } from './adaptiveLimiter';
import { DEFAULT_BACKOFF } from './backoff';
import type { AbandonSignal, AnswerShape } from './transport';
import { DEFAULT_TIMEOUT_MS, graphGet } from './transport';

export const DEFAULT_MAX_CONCURRENCY = 50;

const LIMITER_CLOCK: LimiterClock = { now: () => performance.now(), sleep: async (ms) => await sleep(ms) };

/** What a platform contributes: where its API lives and which credential signs a node's requests. */
export interface GraphPlatform {
	baseUrl: string;
	/** The credential type for the node's "Authentication" choice (undefined: the default). */
	credentialTypeOf(authentication: string | undefined): string;
	/** Shown in error messages ("the Instagram access token has expired"). */
	credentialName: string;
}

export interface GraphGetRequest {
	/** Permission named in the "missing permission" message. */
	requiredScope?: string;
	/** What the answer must look like; 'list' for lists and insights. */
	shape?: AnswerShape;
	/** Shared by one job's requests: the first permanent failure stops the rest. */
	abandon?: AbandonSignal;
	/** Goes ahead of queued requests (a list's next page, which everything else waits on). */
	urgent?: boolean;
	/** false: a throttled answer is not retried (transport.ts). */
	retryWhenThrottled?: boolean;
}

/** One execution's way to the API: every request of every input item goes through it. */
export interface GraphClient {
	/** The node the requests are made for (errors name it). */
	node: INode;
	get<T = IDataObject>(path: string, qs: IDataObject, request?: GraphGetRequest): Promise<T>;
	/** `get` asked once per execution, whichever input item asks first (e.g. who `/me` is). */
	getOnce<T = IDataObject>(path: string, qs: IDataObject, request?: GraphGetRequest): Promise<T>;
	/** The decrypted credential (Get Token Status reads its stored dates). */
	credentials(): Promise<IDataObject>;
}

/** The node's "Options" that shape requests; read once per execution. */
export interface RequestSettings {
	maxConcurrency: number;
	maxRateLimitWaitSeconds: number;
	timeoutSeconds: number;
}

export function requestSettingsOf(options: IDataObject): RequestSettings {
	const positive = (value: unknown, fallback: number) => (Number(value) > 0 ? Number(value) : fallback);
	const wait = Number(options.maxRateLimitWait ?? 60);
	return {
		maxConcurrency: Math.floor(positive(options.maxConcurrency, DEFAULT_MAX_CONCURRENCY)),
		maxRateLimitWaitSeconds: Number.isFinite(wait) && wait >= 0 ? wait : 60,
		timeoutSeconds: positive(options.timeout, DEFAULT_TIMEOUT_MS / 1000),
	};
}

export function pooledGraphClient(
	context: IExecuteFunctions,
	platform: GraphPlatform,
	defaultScope: string,
	settings: RequestSettings,
): GraphClient {
	const limiter = new AdaptiveLimiter({ max: settings.maxConcurrency, clock: LIMITER_CLOCK });
	const backoff = { ...DEFAULT_BACKOFF, maxTotalWaitMs: settings.maxRateLimitWaitSeconds * 1000 };
	const credentialType = platform.credentialTypeOf(context.getNodeParameter('authentication', 0, '') as string);
	const once = new Map<string, Promise<unknown>>();
	// A dead token is waited for once per execution, not once per item.
	const tokenRefused = { confirmed: false };
	const client: GraphClient = {
		node: context.getNode(),
		get: async <T>(path: string, qs: IDataObject, request: GraphGetRequest = {}) =>
			await limiter.run(
				async (throttleReport) =>
					await graphGet<T>(context, path, qs, {
						baseURL: platform.baseUrl,
						credentialType,
						credentialName: platform.credentialName,
						requiredScope: request.requiredScope ?? defaultScope,
						shape: request.shape,
						backoff,
						retryWhenThrottled: request.retryWhenThrottled,
						timeoutMs: settings.timeoutSeconds * 1000,
						throttleReport,
						abandon: request.abandon,
						tokenRefused,
					}),
				request.urgent,
			),
		getOnce: async <T>(path: string, qs: IDataObject, request: GraphGetRequest = {}) => {
			const key = `${path}?${JSON.stringify(qs)}`;
			if (!once.has(key)) once.set(key, client.get<T>(path, qs, { ...request, abandon: undefined }));
			return (await once.get(key)) as T;
		},
		credentials: async () => (await context.getCredentials(credentialType)) as IDataObject,
	};
	return client;
}
