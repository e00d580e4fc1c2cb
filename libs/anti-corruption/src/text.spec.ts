import { unescapeEntities } from './text';

describe('unescapeEntities', () => {
  it('undoes the escapes X and Slack apply, in one pass', () => {
    expect(unescapeEntities('a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;')).toBe(`a & b <c> "d" 'e'`);
    expect(unescapeEntities('&amp;lt;')).toBe('&lt;');
    expect(unescapeEntities('&nbsp; stays')).toBe('&nbsp; stays');
  });
});
