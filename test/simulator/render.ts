/**
 * Turning world objects into API JSON for a requested `fields` list.
 *
 * Fields that do not apply to a post are omitted, never sent as null (thumbnail_url
 * only on video, children only on carousels, quoted_post only on quotes, …), as in
 * Meta's examples.
 */
import { assertKnownFields, FieldSpec } from './params';
import { mediaMetricsAt, SimPost, SimUser } from './world';

/** Fields from the "Retrieve posts" reference. */
const DOCUMENTED_MEDIA_FIELDS = [
	'id',
	'media_product_type',
	'media_type',
	'media_url',
	'permalink',
	'owner',
	'username',
	'text',
	'timestamp',
	'shortcode',
	'thumbnail_url',
	'children',
	'is_quote_post',
	'quoted_post',
	'reposted_post',
	'alt_text',
	'link_attachment_url',
	'gif_url',
	'poll_attachment',
];
/**
 * Fields that exist on Meta's media node (replies/moderation/geo-gating docs) but that
 * this world has no data for: accepted, and omitted or given their only possible value
 * for a user's own top-level posts.
 */
const OTHER_MEDIA_FIELDS = ['is_reply', 'has_replies', 'reply_audience', 'root_post', 'replied_to', 'hide_status', 'is_reply_owned_by_me', 'allowlisted_country_codes', 'topic_tag', 'location_id'];
export const MEDIA_FIELDS: ReadonlySet<string> = new Set([...DOCUMENTED_MEDIA_FIELDS, ...OTHER_MEDIA_FIELDS]);
export const MEDIA_NODE_TYPE = 'ThreadsMedia';

export const USER_FIELDS: ReadonlySet<string> = new Set(['id', 'username', 'name', 'threads_profile_picture_url', 'threads_biography', 'is_verified']);
export const USER_NODE_TYPE = 'ThreadsUser';

const DEFAULT_FIELDS: FieldSpec[] = [{ name: 'id' }];

export interface MediaView {
	post: SimPost;
	owner: SimUser;
	/** The carousel the item belongs to, for carousel children. */
	parent?: SimPost;
	/** owner{id} is only shown on top-level posts the viewer owns. */
	viewerOwnsIt: boolean;
	now: number;
	/** Whether modelled replies exist (discovery.ts); undefined: the engagement curve decides. */
	hasReplies?: boolean;
}

/** Validate a media `fields` tree; children{...} sub-fields are media fields too. */
export function assertMediaFields(fields: FieldSpec[]): void {
	assertKnownFields(fields, MEDIA_FIELDS, MEDIA_NODE_TYPE);
	for (const f of fields) if (f.name === 'children' && f.sub) assertMediaFields(f.sub);
}

/** Render one media object. `fields` must already be validated with assertMediaFields. */
export function renderMedia(view: MediaView, fields: FieldSpec[] = DEFAULT_FIELDS): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const field of fields) {
		const value = mediaField(view, field);
		if (value !== undefined) out[field.name] = value;
	}
	return out;
}

function mediaField(view: MediaView, field: FieldSpec): unknown {
	const { post, owner, parent } = view;
	const topLevel = !parent;
	switch (field.name) {
		case 'id':
			return post.id;
		case 'media_product_type':
			return 'THREADS';
		case 'media_type':
			return post.mediaType;
		case 'media_url':
			return post.mediaUrl;
		case 'permalink':
			return topLevel && !post.copyrighted ? `https://www.threads.net/@${owner.username}/post/${post.shortcode}` : undefined;
		case 'owner':
			return topLevel && view.viewerOwnsIt ? { id: owner.id } : undefined;
		case 'username':
			return owner.username;
		case 'text':
			return post.text;
		case 'timestamp':
			return formatTimestamp(post.timestamp);
		case 'shortcode':
			return topLevel ? post.shortcode : undefined;
		case 'thumbnail_url':
			return post.mediaType === 'VIDEO' ? post.thumbnailUrl : undefined;
		case 'children':
			return post.mediaType === 'CAROUSEL_ALBUM' && post.children ? { data: post.children.map((child) => renderChild(view, child, field.sub)) } : undefined;
		case 'is_quote_post':
			return topLevel ? post.quotedPostId !== undefined : undefined;
		case 'quoted_post':
			return post.quotedPostId ? { id: post.quotedPostId } : undefined;
		case 'reposted_post':
			return post.repostedPostId ? { id: post.repostedPostId } : undefined;
		case 'alt_text':
			return post.altText;
		case 'link_attachment_url':
			return post.linkAttachmentUrl;
		case 'gif_url':
			return post.gifUrl;
		case 'poll_attachment':
			return post.poll ? renderPoll(post.poll) : undefined;
		case 'is_reply':
			return topLevel ? false : undefined;
		case 'has_replies':
			return topLevel && post.mediaType !== 'REPOST_FACADE' ? (view.hasReplies ?? mediaMetricsAt(post, owner, view.now).replies > 0) : undefined;
		case 'topic_tag':
			return post.topicTag;
		case 'reply_audience':
			return topLevel && post.mediaType !== 'REPOST_FACADE' ? 'EVERYONE' : undefined;
		default:
			// Accepted fields the world has no data for (see OTHER_MEDIA_FIELDS).
			return undefined;
	}
}

function renderChild(view: MediaView, child: SimPost, sub: FieldSpec[] | undefined): Record<string, unknown> {
	return renderMedia({ ...view, post: child, parent: view.post }, sub ?? DEFAULT_FIELDS);
}

function renderPoll(poll: NonNullable<SimPost['poll']>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const letters = ['a', 'b', 'c', 'd'];
	poll.options.forEach((option, i) => (out[`option_${letters[i]}`] = option));
	poll.votesPercentage.forEach((share, i) => (out[`option_${letters[i]}_votes_percentage`] = share));
	out.expiration_timestamp = formatTimestamp(poll.expiresAt);
	if (poll.totalVotes !== undefined) out.total_votes = poll.totalVotes;
	return out;
}

export function renderUser(user: SimUser, fields: FieldSpec[] = DEFAULT_FIELDS): Record<string, unknown> {
	assertKnownFields(fields, USER_FIELDS, USER_NODE_TYPE);
	const values: Record<string, unknown> = {
		id: user.id,
		username: user.username,
		name: user.name,
		threads_profile_picture_url: user.profilePictureUrl,
		threads_biography: user.biography,
		is_verified: user.isVerified,
	};
	return Object.fromEntries(fields.map((f) => [f.name, values[f.name]]));
}

/** Meta's timestamp format: ISO 8601 with a "+0000" offset and no milliseconds. */
export function formatTimestamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
