import { metaWaitSeconds, regainAccessSeconds, retryDelayMs } from '../../nodes/shared/graph/backoff';

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
});
