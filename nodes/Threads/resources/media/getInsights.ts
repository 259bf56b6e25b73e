import type { INodeProperties } from 'n8n-workflow';

import { mediaIdFor } from '../../../shared/graph/postLookup';
import type { Operation } from '../../../shared/graph/runOperations';
import type { GraphInsight } from '../../../shared/insights/insightsNormaliser';
import { mediaInsightsRow } from '../../../shared/insights/insightsNormaliser';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { MY_THREADS, THREADS_POST_LINKS, mediaRefOfItem, mediaMetricsOf } from '../../shared/context';
import { MEDIA_METRIC_OPTIONS } from '../../shared/parameters';
import { MEDIA_METRICS, THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['media'], operation: ['getInsights'] };

/** One row per post: `{ id, views, likes, ... }`; a repost (no insights) gives empty cells. */
export const getMediaInsights: Operation = (input) => {
	const metrics = mediaMetricsOf(input);
	const ref = mediaRefOfItem(input);
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) => {
		const mediaId = await mediaIdFor(graph, ref, MY_THREADS, THREADS_POST_LINKS, abandon);
		const answer = await graph.get<{ data: GraphInsight[] }>(
			`/${mediaId}/insights`,
			{ metric: metrics.join(',') },
			{ requiredScope: THREADS_SCOPES.insights, shape: 'insights', abandon },
		);
		return [simplify ? mediaInsightsRow(mediaId, answer.data, metrics) : answer];
	};
};

export const getMediaInsightsFields: INodeProperties[] = [
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: [...MEDIA_METRICS],
		description: 'Lifetime numbers of the post, one column each',
		displayOptions: { show: showFor },
		options: MEDIA_METRIC_OPTIONS,
	},
	simplifyParameter({ show: showFor }, 'one row per post with a column per metric'),
];
