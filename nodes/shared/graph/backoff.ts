/**
 * How long to wait before retrying a throttled Graph request. Pure: no timers here; the
 * caller sleeps with n8n-workflow's `sleep`.
 */
export interface BackoffPolicy {
	/** First wait, doubled on every further attempt. */
	baseDelayMs: number;
	/** No single wait is longer than this (unless Meta's Retry-After asks for longer). */
	maxDelayMs: number;
	/** Give up once the waits of one request would add up to more than this. */
	maxTotalWaitMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 200, maxDelayMs: 15_000, maxTotalWaitMs: 60_000 };

/**
 * Exponential backoff with "equal jitter" (half fixed, half random) so that parallel
 * requests that were throttled together do not come back together. A Retry-After from
 * Meta is a floor.
 */
export function retryDelayMs(
	attempt: number,
	policy: BackoffPolicy,
	random: () => number,
	retryAfterSeconds?: number,
): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	const jittered = exponential / 2 + random() * (exponential / 2);
	const floor = retryAfterSeconds && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
	return Math.round(Math.max(jittered, floor));
}

/** Reads Retry-After from response headers of any casing, as seconds or as an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function retryAfterSeconds(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
	if (!headers) return undefined;
	const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after');
	if (!entry) return undefined;
	const text = String(entry[1]).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
	const at = Date.parse(text);
	return Number.isFinite(at) ? Math.max(0, (at - now) / 1000) : undefined;
}

/**
 * X-Business-Use-Case-Usage's `estimated_time_to_regain_access` (minutes), the longest over
 * its entries, in seconds; undefined when absent, unreadable or 0 (no wait announced).
 * Instagram answers carry it as `{"<account id>": [{ "type": "instagram", ..., "estimated_time_to_regain_access": 5 }]}`.
 */
export function regainAccessSeconds(headers: Record<string, unknown> | undefined): number | undefined {
	if (!headers) return undefined;
	const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-business-use-case-usage');
	if (!entry) return undefined;
	let usage: unknown;
	try {
		usage = typeof entry[1] === 'string' ? JSON.parse(entry[1]) : entry[1];
	} catch {
		return undefined;
	}
	if (!usage || typeof usage !== 'object') return undefined;
	const minutes = Object.values(usage as Record<string, unknown>)
		.flatMap((list) => (Array.isArray(list) ? list : []))
		.map((item) => Number((item as { estimated_time_to_regain_access?: unknown })?.estimated_time_to_regain_access))
		.filter((value) => Number.isFinite(value) && value > 0);
	return minutes.length ? Math.max(...minutes) * 60 : undefined;
}

/** Throttling that is not the account's: the app's (4) and the user's (17); the Business Use Case estimate is the account's. */
const NOT_ACCOUNT_LEVEL_CODES: readonly number[] = [4, 17];

/**
 * How long Meta said to wait: Retry-After, else the Business Use Case header's estimate;
 * undefined when it said nothing. With the error's code: the estimate (an account's usage) is
 * not taken for app- or user-level throttling (codes 4, 17), only Retry-After is.
 */
export function metaWaitSeconds(headers: Record<string, unknown> | undefined, code?: unknown): number | undefined {
	if (code !== undefined && NOT_ACCOUNT_LEVEL_CODES.includes(Number(code))) return retryAfterSeconds(headers);
	return retryAfterSeconds(headers) ?? regainAccessSeconds(headers);
}

/** The failure's headline when Meta announced a wait longer than the request may wait. */
export function announcedWaitMessage(announcedSeconds: number, maxTotalWaitMs: number): string {
	const announced = announcedSeconds >= 90 ? `about ${Math.round(announcedSeconds / 60)} min` : `${Math.round(announcedSeconds)} s`;
	return `Meta rate limit reached: Meta says access returns in ${announced}, longer than Max Wait When Rate Limited (${Math.round(maxTotalWaitMs / 1000)} s)`;
}
