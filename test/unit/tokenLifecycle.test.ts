import {
	DAY_MS,
	isShortLived,
	refreshDueAt,
	renewalGateExpression,
	tokenFingerprint,
	tokenStatusOf,
} from '../../nodes/shared/tokens/tokenLifecycle';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('token lifecycle', () => {
	it('refreshes on the first use after a 60-day token is 7 days old', () => {
		expect(refreshDueAt({ issuedAt: T0, expiresAt: T0 + 60 * DAY_MS })).toBe(T0 + 7 * DAY_MS);
	});

	it('refreshes 10 days before expiry when that comes first, never before Meta allows (24 h)', () => {
		expect(refreshDueAt({ issuedAt: T0, expiresAt: T0 + 15 * DAY_MS })).toBe(T0 + 5 * DAY_MS);
		expect(refreshDueAt({ issuedAt: T0, expiresAt: T0 + 5 * DAY_MS })).toBe(T0 + DAY_MS);
		expect(refreshDueAt({ issuedAt: T0, expiresAt: 0 })).toBe(T0 + 7 * DAY_MS);
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

	describe('token status row', () => {
		const sixtyDays = { issuedAt: T0, expiresAt: T0 + 60 * DAY_MS };

		it('a fresh 60-day token: expiry, whole days left, renewal date', () => {
			expect(tokenStatusOf(sixtyDays, T0 + 2.5 * DAY_MS)).toEqual({
				token_issued_at: '2026-01-01T00:00:00.000Z',
				token_expires_at: '2026-03-02T00:00:00.000Z',
				days_left: 57,
				renews_on: '2026-01-08T00:00:00.000Z',
				renewal: 'scheduled',
			});
		});

		it('past the renewal date and still the old token: overdue; past expiry: expired, 0 days left', () => {
			expect(tokenStatusOf(sixtyDays, T0 + 8 * DAY_MS).renewal).toBe('overdue');
			expect(tokenStatusOf(sixtyDays, T0 + 61 * DAY_MS)).toMatchObject({ renewal: 'expired', days_left: 0 });
		});

		it('no expiry reported by Meta: expiry columns empty, renewal still scheduled by age', () => {
			expect(tokenStatusOf({ issuedAt: T0, expiresAt: 0 }, T0)).toMatchObject({
				token_expires_at: null,
				days_left: null,
				renews_on: '2026-01-08T00:00:00.000Z',
				renewal: 'scheduled',
			});
		});

		it('a credential n8n cannot renew: not renewable, no dates', () => {
			expect(tokenStatusOf(undefined, T0)).toEqual({
				token_issued_at: null,
				token_expires_at: null,
				days_left: null,
				renews_on: null,
				renewal: 'not_renewable',
			});
		});
	});
});
