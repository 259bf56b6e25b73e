/**
 * What the Instagram trigger watches, as crossing observations, on the Instagram node's
 * tables (metrics per media type and login path) and Meta's "no insights" answers (skipped,
 * not failed). Either login path: the account is `/me` (Instagram Login) or the chosen ID
 * (Facebook Login), as in the node.
 */
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ACCOUNT_METRIC_BREAKDOWNS, ALL_MEDIA_METRICS, INSTAGRAM_INSIGHTS_DAY_ZONE, PAGE_SIZE_MAX } from '../Instagram/instagramApi';
import { SIGN_AS_ACCOUNT_PARAM } from '../Instagram/facebook/pageTokens';
import { readoptingRefusedPageTokens } from '../Instagram/facebook/refusedPageToken';
import { instagramAccountOf } from '../Instagram/shared/account';
import { metricsForMedia, noInsightsReason } from '../Instagram/shared/mediaInsights';
import { instagramPlatformOf } from '../Instagram/shared/requests';
import type { BackoffPolicy } from '../shared/graph/backoff';
import type { CrossingWatch, WatchedObject } from '../shared/alerts/crossingPoll';
import { observePosts, pollGetter, recentWindowOf, watchedAccountMetricOf, watchedAccountTotal, watchedMetricsOf } from '../shared/alerts/crossingPoll';
import { walkPages } from '../shared/graph/cursorPaging';
import type { AnswerShape } from '../shared/graph/transport';
import type { Observation } from '../shared/alerts/crossings';
import type { GraphInsight } from '../shared/insights/insightsNormaliser';
import { insightTotal } from '../shared/insights/insightsNormaliser';

/** Every account number the trigger can watch: the follower count and every account insight. */
export const INSTAGRAM_ACCOUNT_WATCH_METRICS = ['followers_count', ...Object.keys(ACCOUNT_METRIC_BREAKDOWNS)];

type WatchedMedia = WatchedObject & { media_product_type?: string; timestamp?: string };

export function instagramWatch(context: IPollFunctions): CrossingWatch {
	const account = instagramAccountOf({
		node: context.getNode(),
		itemIndex: 0,
		timezone: context.getTimezone(),
		parameter: <T>(name: string, fallback: T, options?: { extractValue?: boolean }) => context.getNodeParameter(name, fallback, options) as T,
	});
	const { scopes } = account.path;
	const platform = instagramPlatformOf(account.path);
	// A Page token Meta stopped accepting is read again from the Pages, once per poll.
	const requestContext = account.id ? readoptingRefusedPageTokens(context) : context;
	// On Facebook Login every request names the account, so the credential signs it with that account's Page token.
	const getter = (backoff: BackoffPolicy) => {
		const get = pollGetter(requestContext, platform, backoff);
		return async <T>(path: string, qs: IDataObject, requiredScope: string, shape?: AnswerShape) =>
			await get<T>(path, account.id ? { ...qs, [SIGN_AS_ACCOUNT_PARAM]: account.id } : qs, requiredScope, shape);
	};
	const watch = context.getNodeParameter('watch') as string;
	if (watch === 'account') {
		return {
			isAccount: true,
			observe: async (now, backoff) => {
				const get = getter(backoff);
				const metric = watchedAccountMetricOf(context, INSTAGRAM_ACCOUNT_WATCH_METRICS);
				let value: number | null;
				if (metric === 'followers_count') {
					const fields = `${account.path.accountIdField},followers_count`;
					value = Number((await get<IDataObject>(account.node, { fields }, scopes.basic, 'node')).followers_count ?? Number.NaN);
				} else {
					value = await watchedAccountTotal(context, now, metric, INSTAGRAM_INSIGHTS_DAY_ZONE, async (range) => {
						const answer = await get<{ data?: GraphInsight[] }>(`${account.node}/insights`, { metric, period: 'day', metric_type: 'total_value', ...range }, scopes.insights, 'insights');
						return answer.data;
					});
				}
				return { watched: [{ id: 'account' }], observations: [{ objectId: 'account', metric, value }] };
			},
		};
	}
	const metrics = watchedMetricsOf(context, 'mediaMetrics', ALL_MEDIA_METRICS);
	const insightsOf = (backoff: BackoffPolicy) => async (media: WatchedMedia): Promise<Observation[]> => {
		const valid = metricsForMedia(metrics, media.media_product_type, account.path).metrics;
		if (!valid.length) return [];
		try {
			const answer = await getter(backoff)<{ data?: GraphInsight[] }>(`/${media.id}/insights`, { metric: valid.join(',') }, scopes.insights, 'insights');
			return valid.map((metric) => ({ objectId: media.id, metric, value: insightTotal((answer.data ?? []).find((insight) => insight.name === metric)) }));
		} catch (error) {
			// Media without insights (older than the business conversion, a story with few viewers or gone since it was listed) is not watched.
			if (noInsightsReason(error, media)) return [];
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
	};
	const fields = 'id,permalink,caption,media_product_type';
	const asWatched = (media: IDataObject): WatchedMedia => ({
		id: String(media.id),
		permalink: media.permalink as string | undefined,
		text: media.caption as string | undefined,
		media_product_type: media.media_product_type as string | undefined,
		timestamp: media.timestamp as string | undefined,
	});
	if (watch === 'media') {
		const mediaId = String(context.getNodeParameter('mediaId', '') ?? '').trim();
		if (!/^\d+$/.test(mediaId)) throw new NodeOperationError(context.getNode(), '"Media ID" must be an Instagram media ID (digits only)');
		return {
			isAccount: false,
			observe: async (_now, backoff) => {
				const media = asWatched(await getter(backoff)<IDataObject>(`/${mediaId}`, { fields }, scopes.basic, 'node'));
				return await observePosts(context, [media], insightsOf(backoff));
			},
		};
	}
	// My Stories: every story up now (stories live 24 hours, so an alert must fire while it is up).
	const stories = watch === 'recentStories';
	// A story's time tells one that expired between the list and its insights (Meta may then answer code 10).
	const listFields = stories ? `${fields},timestamp` : fields;
	return {
		isAccount: false,
		observe: async (now, backoff) => {
			const { limit, since } = stories ? { limit: Number.POSITIVE_INFINITY, since: undefined } : recentWindowOf(context, now, 'Media');
			const media: WatchedMedia[] = [];
			await walkPages<IDataObject>({
				qs: { fields: listFields, ...(since !== undefined ? { since } : {}) },
				limit,
				pageSizeMax: PAGE_SIZE_MAX,
				fetchPage: async (qs) => await getter(backoff)(`${account.node}/${stories ? 'stories' : 'media'}`, qs as IDataObject, scopes.basic, 'posts'),
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
