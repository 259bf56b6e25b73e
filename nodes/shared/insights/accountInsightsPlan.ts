/**
 * Which requests an account-insights selection needs. Pure: no n8n, no HTTP.
 * Returns the plan, or a message naming the field to fix when the selection is invalid.
 *
 * Meta refuses since/until on some metrics (Threads: followers_count, follower_demographics)
 * and takes a `breakdown` only for demographics. Rather than make the user build several
 * nodes, the selection is split into the fewest requests the API accepts:
 * ranged metrics together, unranged metrics together, each demographic metric alone.
 */
import type { UnixRange } from '../parameters/dateRange';

export interface AccountMetricRules {
	/** Metrics that take no since/until. */
	unranged: readonly string[];
	/** Metrics that need exactly one breakdown. */
	demographics: readonly string[];
	/** Allowed breakdown values. */
	breakdowns: readonly string[];
	/** Metric names as the editor shows them, for messages. */
	labels?: Readonly<Record<string, string>>;
}

export interface PlannedRequest {
	metrics: string[];
	since?: number;
	until?: number;
	breakdown?: string;
}

export function planAccountInsightsRequests(
	metrics: readonly string[],
	range: UnixRange,
	breakdown: string | undefined,
	rules: AccountMetricRules,
): PlannedRequest[] | string {
	if (!metrics.length) {
		return '"Metrics" is empty: choose at least one metric';
	}
	const demographics = metrics.filter((metric) => rules.demographics.includes(metric));
	const label = (metric: string) => rules.labels?.[metric] ?? metric;
	const demographicLabels = rules.demographics.map(label).join(' / ');
	if (breakdown && !demographics.length) {
		return `"Breakdown" only applies to ${demographicLabels}: add that metric or clear "Breakdown"`;
	}
	if (demographics.length && !breakdown) {
		return `${demographics.map(label).join(' / ')} needs a "Breakdown": choose one of ${rules.breakdowns.join(', ')}`;
	}
	if (breakdown && !rules.breakdowns.includes(breakdown)) {
		return `"Breakdown" must be one of ${rules.breakdowns.join(', ')}, not "${breakdown}"`;
	}

	const plan: PlannedRequest[] = [];
	const ranged = metrics.filter((metric) => !rules.unranged.includes(metric));
	if (ranged.length) plan.push({ metrics: ranged, since: range.since, until: range.until });
	const unranged = metrics.filter((metric) => rules.unranged.includes(metric) && !demographics.includes(metric));
	if (unranged.length) plan.push({ metrics: unranged });
	for (const metric of demographics) plan.push({ metrics: [metric], breakdown });
	return plan;
}
