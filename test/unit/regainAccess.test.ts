import { metaWaitSeconds, regainAccessSeconds, retryAfterSeconds, retryDelayMs } from '../../nodes/shared/graph/backoff';

const usage = (entries: unknown) => ({ 'x-business-use-case-usage': JSON.stringify(entries) });

describe("X-Business-Use-Case-Usage's estimated_time_to_regain_access", () => {
	it('is read in minutes and returned in seconds, the longest of all entries', () => {
		expect(regainAccessSeconds(usage({ '1784': [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 3 }, { type: 'instagram', estimated_time_to_regain_access: 7 }] }))).toBe(420);
	});

	it('says nothing when 0, absent, or unreadable', () => {
		expect(regainAccessSeconds(usage({ '1784': [{ type: 'instagram', call_count: 12, estimated_time_to_regain_access: 0 }] }))).toBeUndefined();
		expect(regainAccessSeconds({ 'Content-Type': 'application/json' })).toBeUndefined();
		expect(regainAccessSeconds({ 'X-Business-Use-Case-Usage': '{not json' })).toBeUndefined();
		expect(regainAccessSeconds(undefined)).toBeUndefined();
	});

	it('Retry-After wins when both are present; otherwise the estimate floors the backoff', () => {
		const headers = { 'Retry-After': '5', ...usage({ '1': [{ estimated_time_to_regain_access: 2 }] }) };
		expect(metaWaitSeconds(headers)).toBe(5);
		const delay = retryDelayMs(1, { baseDelayMs: 200, maxDelayMs: 15_000, maxTotalWaitMs: 600_000 }, () => 0.5, metaWaitSeconds(usage({ '1': [{ estimated_time_to_regain_access: 2 }] })));
		expect(delay).toBe(120_000);
	});

	it('Retry-After is read as seconds or as an HTTP date; anything else says nothing', () => {
		const now = Date.parse('2026-11-29T12:00:00Z');
		expect(retryAfterSeconds({ 'retry-after': '7' }, now)).toBe(7);
		expect(retryAfterSeconds({ 'Retry-After': 'Sun, 29 Nov 2026 12:00:03 GMT' }, now)).toBe(3);
		expect(retryAfterSeconds({ 'Retry-After': 'Sun, 29 Nov 2026 11:59:00 GMT' }, now)).toBe(0);
		expect(retryAfterSeconds({ 'Retry-After': 'soon' }, now)).toBeUndefined();
		expect(retryAfterSeconds({}, now)).toBeUndefined();
	});
});
