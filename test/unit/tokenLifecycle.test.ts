import {
	DAY_MS,
	isShortLived,
	refreshDueAt,
	renewalGateExpression,
	tokenFingerprint,
} from '../../nodes/shared/tokenLifecycle';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('token lifecycle', () => {
	it('refreshes 50 days after issue for a 60-day token', () => {
		expect(refreshDueAt({ issuedAt: T0, expiresAt: T0 + 60 * DAY_MS })).toBe(T0 + 50 * DAY_MS);
	});

	it('refreshes 10 days before expiry when that comes first, never before Meta allows (24 h)', () => {
		expect(refreshDueAt({ issuedAt: T0, expiresAt: T0 + 30 * DAY_MS })).toBe(T0 + 20 * DAY_MS);
		expect(refreshDueAt({ issuedAt: T0, expiresAt: T0 + 5 * DAY_MS })).toBe(T0 + DAY_MS);
		expect(refreshDueAt({ issuedAt: T0, expiresAt: 0 })).toBe(T0 + 50 * DAY_MS);
	});

	it('tells one-hour tokens from 60-day ones', () => {
		expect(isShortLived({ issuedAt: T0, expiresAt: T0 + 3_600_000 })).toBe(true);
		expect(isShortLived({ issuedAt: T0, expiresAt: T0 + 60 * DAY_MS })).toBe(false);
		expect(isShortLived({ issuedAt: T0, expiresAt: 0 })).toBe(false);
	});

	it('the renewal gate is an n8n expression that turns empty at the due time', () => {
		expect(renewalGateExpression(T0 + 0.7)).toBe(`={{ $now.toMillis() < ${T0} ? 'valid' : '' }}`);
	});

	it('fingerprints differ for different tokens and do not contain the token', () => {
		const a = tokenFingerprint('THAAabcdefghijkl');
		expect(a).toBe(tokenFingerprint('THAAabcdefghijkl'));
		expect(a).not.toBe(tokenFingerprint('THAAabcdefghijkm'));
		expect(a).not.toContain('abcdef');
	});
});
