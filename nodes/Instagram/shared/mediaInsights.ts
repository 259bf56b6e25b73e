/**
 * One Instagram media's insights, asking only for metrics valid for its type (one invalid
 * metric fails Meta's whole request), and turning Meta's "no insights here" answers into a
 * note on the row instead of a failed run.
 */
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GraphClient } from '../../shared/graph/pooledGraphRequest';
import type { PostInsights } from '../../shared/insights/postListing';
import type { AbandonSignal } from '../../shared/graph/transport';
import { abandonedWith, graphErrorDetailsOf } from '../../shared/graph/transport';
import type { GraphInsight } from '../../shared/insights/insightsNormaliser';
import type { InstagramLoginPath } from '../instagramApi';
import { mediaKindOf, mediaMetricsFor } from '../instagramApi';

/** "all" in a metric selection means every metric valid for the media's type. */
export const ALL_METRICS = 'all';

export function metricsForMedia(requested: readonly string[], mediaProductType: string | undefined, path: InstagramLoginPath): { metrics: string[]; skipped: string[] } {
	const kind = mediaKindOf(mediaProductType);
	const valid = mediaMetricsFor(kind, path);
	if (requested.includes(ALL_METRICS)) return { metrics: [...valid], skipped: [] };
	return {
		metrics: requested.filter((metric) => valid.includes(metric)),
		skipped: requested.filter((metric) => !valid.includes(metric)),
	};
}

/** What a media's insights request needs to know about it; `timestamp` (when known) tells a story at the end of its life. */
export interface InsightsMedia {
	id: string;
	media_product_type?: string;
	timestamp?: string;
}

/** The note of a story that was up when listed but gone when its insights were asked for. */
export const STORY_EXPIRED_NOTE = 'story expired before its insights were read';
/** Stories live 24 hours. */
const STORY_LIFETIME_MS = 24 * 3600_000;
/** A story refused with code 10 this close to its 24 hours is taken as expired, not as a missing permission. */
const STORY_END_MARGIN_MS = 15 * 60_000;

/**
 * `breakdown`: the one metric asked is answered per value (profile_activity by action_type,
 * navigation by story_navigation_action_type); Meta takes no other metric with it.
 */
export async function instagramMediaInsights(
	graph: GraphClient,
	media: InsightsMedia,
	requested: readonly string[],
	path: InstagramLoginPath,
	abandon?: AbandonSignal,
	breakdown?: string,
): Promise<PostInsights> {
	const kind = mediaKindOf(media.media_product_type);
	const { metrics, skipped } = metricsForMedia(requested, media.media_product_type, path);
	const notes = skipped.length ? [`${skipped.join(', ')} ${skipped.length === 1 ? 'does' : 'do'} not apply to ${kind} media`] : [];
	if (!metrics.length) return { data: [], note: notes.join('; ') };
	const stopped = abandonedWith(abandon);
	if (stopped) throw stopped;
	try {
		// The abandon signal is set here, not by the transport: "no insights" answers must not stop the siblings.
		const answer = await graph.get<{ data: GraphInsight[] }>(
			`/${media.id}/insights`,
			{ metric: metrics.join(','), ...(breakdown ? { breakdown } : {}) },
			{ requiredScope: path.scopes.insights, shape: 'insights', abandon: { parent: abandon } },
		);
		if (!answer.data.length && kind === 'STORY') notes.push('story insights are only kept for 24 hours');
		return { data: answer.data, note: notes.join('; ') || undefined };
	} catch (error) {
		const noInsights = noInsightsReason(error, media);
		if (noInsights) return { data: [], note: [...notes, noInsights].join('; ') };
		if (abandon) abandon.error ??= error as Error;
		throw new NodeApiError(graph.node, error as JsonObject);
	}
}

/**
 * Meta's answers that mean "this media has no insights", as a note; undefined for real errors.
 * With the media: a story gone since it was listed (its 24 hours ran out in between) is one
 * of them; a missing post or reel stays an error.
 */
export function noInsightsReason(error: unknown, media?: Omit<InsightsMedia, 'id'>, now = Date.now()): string | undefined {
	const { code, subcode, message } = graphErrorDetailsOf(error);
	if (media && mediaKindOf(media.media_product_type) === 'STORY' && storyExpired(code, subcode, media.timestamp, now)) return STORY_EXPIRED_NOTE;
	if (code === 100 && subcode === 2108006) return 'posted before the account became a professional account: no insights';
	if (code === 10 && /not enough viewers/i.test(message)) return 'story has too few viewers for insights';
	if (code === 100 && /carousel|album child|children/i.test(message)) return 'carousel items have no insights of their own';
	return undefined;
}


/**
 * Meta's answers for a story that expired: "Object with ID ... does not exist" (100/33), or
 * in some reports code 10 with a permissions message, taken as expiry only when the story's
 * timestamp shows it at the end of its 24 hours (a younger story refused so lacks a permission).
 */
function storyExpired(code: number | undefined, subcode: number | undefined, timestamp: string | undefined, now: number): boolean {
	if (code === 100 && subcode === 33) return true;
	if (code !== 10 || !timestamp) return false;
	const postedAt = Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	return Number.isFinite(postedAt) && now - postedAt >= STORY_LIFETIME_MS - STORY_END_MARGIN_MS;
}
