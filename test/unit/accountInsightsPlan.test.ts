import { planAccountInsightsRequests } from '../../nodes/shared/insights/accountInsightsPlan';
import { USER_METRIC_RULES } from '../../nodes/Threads/threadsApi';

const range = { since: 1750000000, until: 1750086400 };

describe('planAccountInsightsRequests', () => {
	it('sends ranged metrics together with since/until', () => {
		expect(planAccountInsightsRequests(['views', 'likes'], range, undefined, USER_METRIC_RULES)).toEqual([
			{ metrics: ['views', 'likes'], ...range },
		]);
	});

	it('splits unranged metrics and demographics into the requests Meta accepts', () => {
		expect(
			planAccountInsightsRequests(['likes', 'followers_count', 'follower_demographics'], range, 'country', USER_METRIC_RULES),
		).toEqual([
			{ metrics: ['likes'], ...range },
			{ metrics: ['followers_count'] },
			{ metrics: ['follower_demographics'], breakdown: 'country' },
		]);
	});

	it('refuses selections the API would refuse, naming the field', () => {
		expect(planAccountInsightsRequests([], range, undefined, USER_METRIC_RULES)).toMatch(/"Metrics" is empty/);
		expect(planAccountInsightsRequests(['likes'], range, 'age', USER_METRIC_RULES)).toMatch(/"Breakdown" only applies/);
		expect(planAccountInsightsRequests(['follower_demographics'], range, undefined, USER_METRIC_RULES)).toMatch(
			/needs a "Breakdown"/,
		);
		expect(planAccountInsightsRequests(['follower_demographics'], range, 'planet', USER_METRIC_RULES)).toMatch(/must be one of/);
	});
});
