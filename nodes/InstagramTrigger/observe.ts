/**
 * What the Instagram trigger watches, as crossing observations, on the Instagram node's
 * tables (metrics per media type) and Meta's "no insights" answers (skipped, not failed).
 */
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ACCOUNT_METRIC_BREAKDOWNS, ALL_MEDIA_METRICS, INSTAGRAM_INSIGHTS_DAY_ZONE, INSTAGRAM_SCOPES, PAGE_SIZE_MAX } from '../Instagram/instagramApi';

const INSTAGRAM_ACCOUNT_WATCH_METRICS = ['followers_count', ...Object.keys(ACCOUNT_METRIC_BREAKDOWNS)];
import { metricsForMedia, noInsightsReason } from '../Instagram/shared/mediaInsights';
import { INSTAGRAM_PLATFORM } from '../Instagram/shared/requests';
import type { BackoffPolicy } from '../shared/graph/backoff';
import type { CrossingWatch, WatchedObject } from '../shared/alerts/crossingPoll';
import { observePosts, pollGetter, recentWindowOf, watchedAccountMetricOf, watchedAccountTotal, watchedMetricsOf } from '../shared/alerts/crossingPoll';
import { walkPages } from '../shared/graph/cursorPaging';
import type { Observation } from '../shared/alerts/crossings';
import type { GraphInsight } from '../shared/insights/insightsNormaliser';
import { insightTotal } from '../shared/insights/insightsNormaliser';

type WatchedMedia = WatchedObject & { media_product_type?: string };

const instagramGetter = (context: IPollFunctions, backoff: BackoffPolicy) => pollGetter(context, INSTAGRAM_PLATFORM, backoff);

export function instagramWatch(context: IPollFunctions): CrossingWatch {
	const watch = context.getNodeParameter('watch') as string;
	if (watch === 'account') {
		return {
			isAccount: true,
			observe: async (now, backoff) => {
				const get = instagramGetter(context, backoff);
				const metric = watchedAccountMetricOf(context, INSTAGRAM_ACCOUNT_WATCH_METRICS);
				let value: number | null;
				if (metric === 'followers_count') {
					value = Number((await get<IDataObject>('/me', { fields: 'user_id,followers_count' }, INSTAGRAM_SCOPES.basic, 'node')).followers_count ?? Number.NaN);
				} else {
					value = await watchedAccountTotal(context, now, metric, INSTAGRAM_INSIGHTS_DAY_ZONE, async (range) => {
						const answer = await get<{ data?: GraphInsight[] }>('/me/insights', { metric, period: 'day', metric_type: 'total_value', ...range }, INSTAGRAM_SCOPES.insights, 'insights');
						return answer.data;
					});
				}
				return { watched: [{ id: 'account' }], observations: [{ objectId: 'account', metric, value }] };
			},
		};
	}
	const metrics = watchedMetricsOf(context, 'mediaMetrics', ALL_MEDIA_METRICS);
	const insightsOf = (backoff: BackoffPolicy) => async (media: WatchedMedia): Promise<Observation[]> => {
		const valid = metricsForMedia(metrics, media.media_product_type).metrics;
		if (!valid.length) return [];
		try {
			const answer = await instagramGetter(context, backoff)<{ data?: GraphInsight[] }>(
				`/${media.id}/insights`,
				{ metric: valid.join(',') },
				INSTAGRAM_SCOPES.insights,
				'insights',
			);
			return valid.map((metric) => ({ objectId: media.id, metric, value: insightTotal((answer.data ?? []).find((insight) => insight.name === metric)) }));
		} catch (error) {
			// Media without insights (older than the business conversion, a story with few viewers) is not watched.
			if (noInsightsReason(error)) return [];
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
	};
	const fields = 'id,permalink,caption,media_product_type';
	const asWatched = (media: IDataObject): WatchedMedia => ({
		id: String(media.id),
		permalink: media.permalink as string | undefined,
		text: media.caption as string | undefined,
		media_product_type: media.media_product_type as string | undefined,
	});
	if (watch === 'media') {
		const mediaId = String(context.getNodeParameter('mediaId', '') ?? '').trim();
		if (!/^\d+$/.test(mediaId)) throw new NodeOperationError(context.getNode(), '"Media ID" must be an Instagram media ID (digits only)');
		return {
			isAccount: false,
			observe: async (_now, backoff) => {
				const media = asWatched(await instagramGetter(context, backoff)<IDataObject>(`/${mediaId}`, { fields }, INSTAGRAM_SCOPES.basic, 'node'));
				return await observePosts(context, [media], insightsOf(backoff));
			},
		};
	}
	return {
		isAccount: false,
		observe: async (now, backoff) => {
			const { limit, since } = recentWindowOf(context, now, 'Media');
			const media: WatchedMedia[] = [];
			await walkPages<IDataObject>({
				qs: { fields, ...(since !== undefined ? { since } : {}) },
				limit,
				pageSizeMax: PAGE_SIZE_MAX,
				fetchPage: async (qs) => await instagramGetter(context, backoff)('/me/media', qs as IDataObject, INSTAGRAM_SCOPES.basic, 'posts'),
				idOf: (item) => String(item.id),
				onPage: (data) => {
					media.push(...data.map(asWatched));
					return data.length;
				},
			});
			return await observePosts(context, media, insightsOf(backoff));
		},
	};
}
