/**
 * When a Meta long-lived token (Threads, Instagram Login) must be renewed, as pure decisions:
 * no n8n, no HTTP, no clock of its own.
 *
 * Meta's rules: a long-lived token lasts 60 days; it can be refreshed once it is at least
 * 24 hours old and not yet expired, for 60 days from the refresh; an expired one cannot be
 * refreshed. We refresh on the first run after the token is 7 days old, so a workflow whose
 * runs are less than ~53 days apart always finds a token it can still refresh (a 7-day-old
 * token has 53 days left), at a cost of at most one refresh request a week.
 */
export const DAY_MS = 86_400_000;
export const REFRESH_AFTER_AGE_MS = 7 * DAY_MS;
/** Meta refuses refreshing a token younger than this. */
export const MIN_REFRESH_AGE_MS = DAY_MS;
/** After a refresh failed for a passing reason, try again on a later run, not on every request. */
export const RETRY_AFTER_FAILED_REFRESH_MS = 3_600_000;
/** Tokens that live less than this are short-lived (Meta's are one hour) and must be exchanged. */
const SHORT_LIVED_MAX_MS = 2 * DAY_MS;

export interface LiveTokenTimes {
	issuedAt: number;
	/** 0 when Meta reports no expiry. */
	expiresAt: number;
}

export function isShortLived(times: LiveTokenTimes): boolean {
	return times.expiresAt > 0 && times.expiresAt - times.issuedAt < SHORT_LIVED_MAX_MS;
}

/** The moment the next refresh is due: 7 days after issue, or 10 days before expiry if sooner, never before Meta allows it. */
export function refreshDueAt(times: LiveTokenTimes): number {
	const byAge = times.issuedAt + REFRESH_AFTER_AGE_MS;
	const byExpiry = times.expiresAt > 0 ? times.expiresAt - 10 * DAY_MS : byAge;
	return Math.max(times.issuedAt + MIN_REFRESH_AGE_MS, Math.min(byAge, byExpiry));
}

/**
 * The credential's expirable field as an n8n expression: it reads "valid" until `dueAt` and
 * becomes empty afterwards, which makes n8n run the credential's renewal before the next
 * request and persist what it returns. (n8n renews a non-OAuth2 credential only when that
 * field is empty.)
 */
export function renewalGateExpression(dueAt: number): string {
	return `={{ $now.toMillis() < ${Math.floor(dueAt)} ? 'valid' : '' }}`;
}

/** A short, non-reversible tag of the pasted token, to notice when the user pastes a new one. */
export function tokenFingerprint(token: string): string {
	let hash = 2166136261;
	for (let index = 0; index < token.length; index++) {
		hash ^= token.charCodeAt(index);
		hash = Math.imul(hash, 16777619);
	}
	return `${token.length}:${(hash >>> 0).toString(36)}`;
}

export function formatDay(epochMs: number): string {
	return new Date(epochMs).toISOString().slice(0, 10);
}

/** What a Token Status row says about renewal. */
export type TokenRenewal =
	/** The token will be renewed by the next run after `renews_on`. */
	| 'scheduled'
	/** Past its renewal date and not renewed: Meta refused a passing attempt; the next run retries. */
	| 'overdue'
	/** Expired: only a new token helps. */
	| 'expired'
	/** n8n cannot renew this credential (Connect / OAuth2: one-hour token, no refresh token). */
	| 'not_renewable';

export interface TokenStatus {
	token_issued_at: string | null;
	token_expires_at: string | null;
	days_left: number | null;
	renews_on: string | null;
	renewal: TokenRenewal;
}

/**
 * A token's lifetime as spreadsheet columns. `times` is what the self-renewing credential
 * stored at its last renewal; undefined for a credential n8n cannot renew.
 */
export function tokenStatusOf(times: LiveTokenTimes | undefined, now: number): TokenStatus {
	if (!times || !times.issuedAt) {
		return { token_issued_at: null, token_expires_at: null, days_left: null, renews_on: null, renewal: 'not_renewable' };
	}
	const dueAt = refreshDueAt(times);
	const expired = times.expiresAt > 0 && times.expiresAt <= now;
	return {
		token_issued_at: new Date(times.issuedAt).toISOString(),
		token_expires_at: times.expiresAt > 0 ? new Date(times.expiresAt).toISOString() : null,
		days_left: times.expiresAt > 0 ? Math.max(0, Math.floor((times.expiresAt - now) / DAY_MS)) : null,
		renews_on: new Date(dueAt).toISOString(),
		renewal: expired ? 'expired' : now >= dueAt ? 'overdue' : 'scheduled',
	};
}
