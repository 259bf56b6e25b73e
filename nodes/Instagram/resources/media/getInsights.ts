import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { mediaIdFor } from '../../../shared/graph/postLookup';
import type { Operation } from '../../../shared/graph/runOperations';
import { breakdownRows, mediaInsightsRow } from '../../../shared/insights/insightsNormaliser';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { inputError } from '../../../shared/parameters/nodeInput';
import { MEDIA_METRIC_BREAKDOWNS, mediaKindOf, mediaMetricsFor } from '../../instagramApi';
import { accountClient, instagramAccountOf } from '../../shared/account';
import { ALL_METRICS, instagramMediaInsights } from '../../shared/mediaInsights';
import { myMedia, INSTAGRAM_POST_LINKS, mediaRefOfItem, mediaIdParameter, mediaMetricsOf, mediaMetricsParameter } from './shared';

const showFor = { resource: ['media'], operation: ['getInsights'] };

/** The metric a media breakdown belongs to ('' = no breakdown). */
function breakdownMetricOf(breakdown: string): string | undefined {
	return Object.keys(MEDIA_METRIC_BREAKDOWNS).find((metric) => MEDIA_METRIC_BREAKDOWNS[metric] === breakdown);
}

/**
 * The media's type first (one request), then only the metrics valid for it. With a
 * Breakdown: that one metric per value (Meta takes no other metric with a breakdown).
 */
export const getMediaInsights: Operation = (input) => {
	const account = instagramAccountOf(input);
	const breakdown = String(input.parameter<unknown>('mediaBreakdown', '') ?? '');
	const breakdownMetric = breakdownMetricOf(breakdown);
	if (breakdown && !breakdownMetric) {
		throw inputError(input, `"Breakdown" must be one of ${Object.values(MEDIA_METRIC_BREAKDOWNS).join(', ')} or empty, not "${breakdown.slice(0, 60)}"`);
	}
	const requested = breakdownMetric ? [breakdownMetric] : mediaMetricsOf(input, 'metrics', 'Metrics');
	const ref = mediaRefOfItem(input);
	const simplify = input.parameter('simplify', true);
	return async (pooled, abandon) => {
		const graph = accountClient(pooled, account);
		const id = await mediaIdFor(graph, ref, myMedia(account), INSTAGRAM_POST_LINKS, abandon);
		const media = await graph.get<{ id: string; media_product_type?: string; media_type?: string }>(
			`/${id}`,
			{ fields: 'id,media_type,media_product_type' },
			{ shape: 'node', abandon },
		);
		const { data, note } = await instagramMediaInsights(graph, { id, media_product_type: media.media_product_type }, requested, account.path, abandon, breakdownMetric ? breakdown : undefined);
		if (!simplify) return [{ ...media, insights: data as unknown as IDataObject[], ...(note ? { insights_note: note } : {}) }];
		if (breakdownMetric) {
			const rows = breakdownRows(data, requested, breakdown).map((row) => ({ id, media_product_type: media.media_product_type ?? null, ...row }));
			// No rows (no insights, or nobody acted yet): one row saying so, so the item is not silently dropped.
			return rows.length ? rows : [{ id, media_product_type: media.media_product_type ?? null, breakdown, dimension: null, [breakdownMetric]: null, ...(note ? { insights_note: note } : {}) }];
		}
		const columns = requested.includes(ALL_METRICS) ? [...mediaMetricsFor(mediaKindOf(media.media_product_type), account.path)] : requested;
		const row: IDataObject = { ...mediaInsightsRow(id, data, columns), media_product_type: media.media_product_type ?? null };
		if (note) row.insights_note = note;
		return [row];
	};
};

export const getMediaInsightsFields: INodeProperties[] = [
	mediaIdParameter({ show: showFor }),
	{
		displayName: 'Breakdown',
		name: 'mediaBreakdown',
		type: 'options',
		default: '',
		description: 'One row per action instead of one row of totals',
		displayOptions: { show: showFor },
		options: [
			{ name: 'None', value: '' },
			{ name: 'Profile Activity by Action Type', value: 'action_type', description: 'Feed posts and stories: bio link taps, calls, directions, emails, texts' },
			{ name: 'Story Navigation by Action Type', value: 'story_navigation_action_type', description: 'Stories: taps forward, taps back, exits, swipes forward' },
		],
	},
	{ ...mediaMetricsParameter('metrics', 'Metrics', { show: showFor, hide: { mediaBreakdown: ['action_type', 'story_navigation_action_type'] } }), default: [ALL_METRICS] },
	simplifyParameter({ show: showFor }, 'one row per media with a column per metric (per action with a Breakdown)'),
];
