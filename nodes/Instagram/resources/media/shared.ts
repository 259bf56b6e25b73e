/** Parameters the Instagram media operations share. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { metricOptions, titleCase } from '../../../shared/parameters/commonParameters';
import type { ItemInput } from '../../../shared/parameters/nodeInput';
import type { PostListEndpoint } from '../../../shared/graph/postLookup';
import type { MediaRef, PostLinkRules } from '../../../shared/parameters/nodeInput';
import { mediaRefOf, metricsOf } from '../../../shared/parameters/nodeInput';

import type { InstagramLoginPath } from '../../instagramApi';
import { ALL_MEDIA_METRICS, DEFAULT_MEDIA_FIELDS, MEDIA_FIELDS, mediaMetricsFor, PAGE_SIZE_MAX } from '../../instagramApi';
import type { InstagramAccountRef } from '../../shared/account';
import { ALL_METRICS } from '../../shared/mediaInsights';

export function mediaFieldsParameter(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [...DEFAULT_MEDIA_FIELDS],
		description: 'Media fields to return, one column each',
		displayOptions,
		options: MEDIA_FIELDS.map((field) => ({ name: titleCase(field), value: field })),
	};
}

/** Metric choice with "All for Its Type": the valid set for each media's type, chosen per media. */
export function mediaMetricsParameter(name: string, displayName: string, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		default: [],
		description:
			'Lifetime numbers as columns. A metric that does not apply to a media’s type (e.g. saved for a story) or to your login (Total Likes, Total Comments, Total Views and Link Clicks need Facebook Login) is left empty with a note, not requested.',
		displayOptions,
		options: [
			{ name: 'All for Its Type', value: ALL_METRICS, description: 'Every metric valid for each media’s type (feed, reel, story)' },
			...metricOptions(ALL_MEDIA_METRICS, {
				navigation: 'Stories: taps forward, back, exits, swipes (one total; use Breakdown for each action)',
				profile_activity: 'Feed and stories: actions on your profile after seeing the media (one total; use Breakdown for each action)',
				link_clicks: 'Stories, Facebook Login only',
				total_comments: 'Facebook Login only',
				total_likes: 'Facebook Login only',
				total_views: 'Facebook Login only',
			}),
		],
	};
}

/** instagram.com post and reel links: …/p/<shortcode>/, …/reel/<shortcode>/, …/tv/<shortcode>/. */
export const INSTAGRAM_POST_LINKS: PostLinkRules = {
	platform: 'Instagram',
	shortcodeOf: (link) => /instagram\.com\/(?:[\w.]+\/)?(?:p|reels?|tv)\/([\w-]+)/i.exec(link)?.[1],
	linkExample: 'https://www.instagram.com/p/…',
};

/** Where a media given by link is looked for: the account's own latest media. */
export function myMedia(account: InstagramAccountRef): PostListEndpoint {
	return { path: `${account.node}/media`, requiredScope: account.path.scopes.basic, pageSizeMax: PAGE_SIZE_MAX };
}

/** "All" as columns: every metric some media type has on this login path. */
export function allMediaMetricsOn(path: InstagramLoginPath, kinds: Array<'FEED' | 'REELS' | 'STORY'> = ['FEED', 'REELS', 'STORY']): string[] {
	return [...new Set(kinds.flatMap((kind) => mediaMetricsFor(kind, path)))].sort();
}

export function mediaRefOfItem(input: ItemInput): MediaRef {
	return mediaRefOf(input, 'mediaId', 'Media ID', INSTAGRAM_POST_LINKS);
}

/** The chosen media fields; a text from an expression may list them comma-separated. */
export function mediaFieldsOf(input: ItemInput): string[] {
	return metricsOf(input, 'fields', 'Fields', MEDIA_FIELDS);
}

/** A metric selection of a media operation ("all" or metrics any media type has). */
export function mediaMetricsOf(input: ItemInput, name: string, label: string, options: { optional?: boolean } = {}): string[] {
	return metricsOf(input, name, label, [ALL_METRICS, ...ALL_MEDIA_METRICS], options);
}

export function mediaIdParameter(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 17912345678901234',
		description: 'The media’s ID, usually mapped from a List step, or the link of one of your posts or reels (looked for among your 500 latest)',
		displayOptions,
	};
}
