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
