import { engagementRate, postRow, shortened } from '../../nodes/shared/insights/postRows';

describe('post rows', () => {
	it('engagementRate: interactions per view, rounded to 4 places; empty without views', () => {
		expect(engagementRate({ views: 200, likes: 10, replies: 3, reposts: 1, quotes: 1, shares: 5 })).toBe(0.1);
		expect(engagementRate({ views: 3, likes: 1 })).toBe(0.3333);
		expect(engagementRate({ views: 0, likes: 4 })).toBeNull();
		expect(engagementRate({ views: null, likes: 4 })).toBeNull();
	});

	it('shortened: whole characters with an ellipsis, 0 keeps the text', () => {
		expect(shortened('Hello world', 0)).toBe('Hello world');
		expect(shortened('Hello world', 11)).toBe('Hello world');
		expect(shortened('Hello world', 6)).toBe('Hello…');
		expect(shortened('👋🏽 hi there', 4)).toBe('👋🏽 h…');
		expect(shortened(null, 5)).toBeNull();
		// Whole user-visible characters: a family emoji, a combining accent, a flag.
		expect(shortened('👨‍👩‍👧 family time', 2)).toBe('👨‍👩‍👧…');
		expect(shortened('Cafe\u0301 Cafe\u0301', 5)).toBe('Cafe\u0301…');
		expect(shortened('🇯🇵🇫🇷🇩🇪', 2)).toBe('🇯🇵…');
	});

	it('postRow flattens owner and children', () => {
		expect(postRow({ id: '1', owner: { id: '9' }, children: { data: [{ id: '2' }, { id: '3' }] } })).toEqual({ id: '1', owner_id: '9', children_ids: '2,3' });
	});
});
