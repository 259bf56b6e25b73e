/**
 * Deterministic randomness for the Threads simulator.
 *
 * Everything the simulator invents (ids, metrics, tokens, trace ids) is derived from
 * string keys through these helpers, so a given world always answers the same way and
 * tests can assert exact values. Math.random is never used.
 */

/** cyrb53: a fast, well-mixed 53-bit hash of a string. */
export function hash53(key: string, seed = 0): number {
	let h1 = 0xdeadbeef ^ seed;
	let h2 = 0x41c6ce57 ^ seed;
	for (let i = 0; i < key.length; i++) {
		const ch = key.charCodeAt(i);
		h1 = Math.imul(h1 ^ ch, 2654435761);
		h2 = Math.imul(h2 ^ ch, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A PRNG seeded from a string key (e.g. a post id), for per-object stable noise. */
export function randomFor(key: string): () => number {
	return seededRandom(hash53(key) % 4294967296);
}

/** A float in [0, 1) fixed by the key. */
export function unitFor(key: string): number {
	return randomFor(key)();
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A random-looking but reproducible string of `length` characters from `alphabet`. */
export function opaqueString(key: string, length: number, alphabet: string = BASE62): string {
	const next = randomFor(key);
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
	return out;
}

/** Shortcode alphabet used by Threads/Instagram permalinks. */
export function shortcodeFor(key: string): string {
	return 'C' + opaqueString(`shortcode:${key}`, 10, BASE64URL);
}

/** A numeric id string with a fixed prefix and `digits` pseudo-random digits. */
export function numericId(prefix: string, key: string, digits = 15): string {
	const next = randomFor(`numeric:${key}`);
	let out = prefix;
	// The first generated digit must not be 0 when there is no prefix.
	for (let i = 0; i < digits; i++) out += String(Math.floor(next() * 10));
	return out;
}

/** Pick one element of a non-empty list. */
export function pick<T>(next: () => number, items: readonly T[]): T {
	return items[Math.floor(next() * items.length)];
}
