/**
 * Parsing and validating query parameters the way the Threads API does:
 * `fields` (with `children{...}` expansion), `since`/`until`, `limit`, and the
 * opaque `before`/`after` cursors.
 */
import { errors } from './errors';
import { HOUR_MS } from './world';

// ---------------------------------------------------------------- fields

export interface FieldSpec {
	name: string;
	/** Sub-fields from `name{a,b}` expansion. */
	sub?: FieldSpec[];
}

/** Parse "id,text,children{id,media_url}" into a tree. Whitespace around names is ignored. */
export function parseFields(raw: string | undefined): FieldSpec[] | undefined {
	if (raw === undefined || raw.trim() === '') return undefined;
	const [fields, rest] = parseFieldList(raw, 0);
	if (rest !== raw.length) throw errors.param(`Syntax error in the fields parameter: "${raw}"`);
	return fields;
}

function parseFieldList(raw: string, start: number): [FieldSpec[], number] {
	const fields: FieldSpec[] = [];
	let i = start;
	let name = '';
	const flush = () => {
		const trimmed = name.trim();
		if (trimmed) fields.push({ name: trimmed });
		name = '';
	};
	while (i < raw.length) {
		const ch = raw[i];
		if (ch === ',') {
			flush();
			i++;
		} else if (ch === '{') {
			const [sub, end] = parseFieldList(raw, i + 1);
			if (raw[end] !== '}') throw errors.param(`Syntax error in the fields parameter: "${raw}"`);
			fields.push({ name: name.trim(), sub });
			name = '';
			i = end + 1;
		} else if (ch === '}') {
			break;
		} else {
			name += ch;
			i++;
		}
	}
	flush();
	return [fields, i];
}

/** Reject names not in `allowed` with Graph's "nonexisting field" error. */
export function assertKnownFields(fields: FieldSpec[], allowed: ReadonlySet<string>, nodeType: string): void {
	for (const f of fields) {
		// Graph's field expansion with modifiers (e.g. insights.metric(views)) is not
		// documented for Threads; it is rejected so clients are proven not to rely on it.
		if (!allowed.has(f.name)) throw errors.nonexistingField(f.name, nodeType);
	}
}

// ---------------------------------------------------------------- time parameters

/** Threads launched July 5, 2023; list endpoints reject earlier since/until. */
export const THREADS_EPOCH_SEC = 1688540400;
/** User insights do not work before April 13, 2024. */
export const USER_INSIGHTS_EPOCH_SEC = 1712991600;

/**
 * Meta's reporting day starts at midnight Pacific. The docs' example end_times are
 * 08:00 UTC, i.e. UTC-8; the simulator uses that fixed offset all year (no DST) so
 * day buckets and date-string parameters agree with the documented examples.
 */
export const META_DAY_OFFSET_MS = 8 * HOUR_MS;

/**
 * since/until: a Unix timestamp in seconds, a YYYY-MM-DD date (midnight Meta time), or
 * another ISO 8601 date-time. Returns seconds.
 */
export function parseTimeParam(name: string, raw: string): number {
	const value = raw.trim();
	if (/^-?\d+$/.test(value)) return Number(value);
	if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		const ms = Date.parse(`${value}T00:00:00Z`);
		if (!Number.isNaN(ms)) return (ms + META_DAY_OFFSET_MS) / 1000;
	}
	const ms = Date.parse(value);
	if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(ms)) return Math.floor(ms / 1000);
	throw errors.param(`The ${name} parameter must be a Unix timestamp or a date (YYYY-MM-DD); got "${raw}"`);
}

export interface TimeRange {
	/** Seconds, inclusive. */
	since?: number;
	/** Seconds, inclusive. */
	until?: number;
}

/** since/until for the post list endpoints: since ≥ launch, since < until, until ≤ now. */
export function parseListRange(query: Record<string, string>, nowMs: number): TimeRange {
	const range: TimeRange = {};
	for (const name of ['since', 'until'] as const) {
		if (query[name] === undefined) continue;
		const sec = parseTimeParam(name, query[name]);
		if (sec < THREADS_EPOCH_SEC) throw errors.param(`The ${name} parameter (${query[name]}) must be on or after ${THREADS_EPOCH_SEC} (July 5, 2023)`);
		range[name] = sec;
	}
	if (range.until !== undefined && range.until * 1000 > nowMs) throw errors.param(`The until parameter (${query.until}) must not be in the future`);
	if (range.since !== undefined && range.until !== undefined && range.since >= range.until)
		throw errors.param(`The since parameter (${query.since}) must be earlier than the until parameter (${query.until})`);
	return range;
}

// ---------------------------------------------------------------- limit

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

export function parseLimit(raw: string | undefined): number {
	if (raw === undefined) return DEFAULT_LIMIT;
	if (!/^\d+$/.test(raw.trim())) throw errors.param(`The limit parameter must be a positive integer; got "${raw}"`);
	const limit = Number(raw);
	if (limit < 1 || limit > MAX_LIMIT) throw errors.param(`The limit parameter (${raw}) must be between 1 and ${MAX_LIMIT}`);
	return limit;
}

// ---------------------------------------------------------------- cursors

/**
 * Cursors are standard base64 (they may contain "+", "/" and "=", so clients must
 * URL-encode them, as with Meta's real cursors) wrapping the id of the item they
 * point at. Ids rather than offsets keep paging stable if a new post arrives mid-walk.
 */
export function encodeCursor(id: string): string {
	return Buffer.from(`threads-sim:${id}`, 'utf8').toString('base64');
}

export function decodeCursor(name: 'before' | 'after', cursor: string): string {
	const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(cursor) ? Buffer.from(cursor, 'base64').toString('utf8') : '';
	if (!decoded.startsWith('threads-sim:')) throw errors.param(`The ${name} cursor is not valid`);
	return decoded.slice('threads-sim:'.length);
}
