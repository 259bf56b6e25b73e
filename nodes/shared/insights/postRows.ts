/**
 * Graph post objects → flat spreadsheet rows. Pure: no n8n, no HTTP.
 * Nested objects (owner, children, poll_attachment) become plain columns so a Sheets or
 * Airtable node can take the row as it is.
 */
export type PostRow = Record<string, string | number | boolean | null>;

export function postRow(post: Record<string, unknown>): PostRow {
	const row: PostRow = {};
	for (const [key, value] of Object.entries(post)) {
		if (key === 'owner' && value && typeof value === 'object') {
			row.owner_id = String((value as { id?: unknown }).id ?? '');
		} else if (key === 'children' && value && typeof value === 'object') {
			const children = (value as { data?: Array<{ id?: unknown }> }).data ?? [];
			row.children_ids = children.map((child) => String(child.id)).join(',');
		} else if (value && typeof value === 'object') {
			for (const [innerKey, innerValue] of Object.entries(value as Record<string, unknown>)) {
				row[`${key}_${innerKey}`] = scalar(innerValue);
			}
		} else {
			row[key] = scalar(value);
		}
	}
	return row;
}

function scalar(value: unknown): string | number | boolean | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return JSON.stringify(value);
}

/** Meta's metrics that count an interaction with a Threads post. */
export const ENGAGEMENT_METRICS = ['likes', 'replies', 'reposts', 'quotes', 'shares'] as const;

/** (likes + replies + reposts + quotes + shares) / views, rounded to 4 places; null without views. */
export function engagementRate(row: Record<string, unknown>): number | null {
	const views = Number(row.views);
	if (!Number.isFinite(views) || views <= 0) return null;
	const engaged = ENGAGEMENT_METRICS.reduce((sum, metric) => sum + (Number(row[metric]) || 0), 0);
	return Math.round((engaged / views) * 10_000) / 10_000;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Text cut to `length` characters as a reader counts them (an emoji with its modifiers, a
 * letter with its accent, a flag: one each), ending with "…"; 0 keeps it whole.
 */
export function shortened(text: unknown, length: number): unknown {
	if (typeof text !== 'string' || !length || length <= 0) return text;
	const characters = Array.from(graphemes.segment(text), (part) => part.segment);
	return characters.length <= length ? text : `${characters.slice(0, Math.max(1, length - 1)).join('').trimEnd()}…`;
}
