/** SVG text: escaping that survives any series name, and numbers written one way only. */
import { describe, expect, it } from 'vitest';
import { element, escapeXml, num, truncate } from './svg';
import { xmlProblems } from './wellFormed';

describe('escapeXml', () => {
  it('escapes markup characters and keeps other text', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe(`a&lt;b &amp; &quot;c&quot; 'd'&gt;`);
    expect(escapeXml('ünïcødé ≤ 😀')).toBe('ünïcødé ≤ 😀');
  });

  it('keeps whitespace as references and replaces characters XML forbids', () => {
    expect(escapeXml('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeXml('nul\u0000 bell\u0007 lone\ud800 low\udc00 end\uffff')).toBe('nul\ufffd bell\ufffd lone\ufffd low\ufffd end\ufffd');
  });

  it('makes any name safe as an attribute and as text', () => {
    const name = `<script>&amp;"'\u0001</script>`;
    const markup = element('g', { 'data-series': name }, `<text>${escapeXml(name)}</text>`);
    expect(xmlProblems(markup)).toEqual([]);
  });
});

describe('num', () => {
  it('rounds to two decimals and never writes -0 or an exponent', () => {
    expect(num(1)).toBe('1');
    expect(num(1.005)).toBe('1');
    expect(num(12.3456)).toBe('12.35');
    expect(num(-0.001)).toBe('0');
    expect(num(1e-9)).toBe('0');
    expect(num(-3.5)).toBe('-3.5');
  });
});

describe('truncate', () => {
  it('cuts by characters with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('raft', 4)).toBe('raft');
    expect(truncate('omnipaxos', 5)).toBe('omni…');
    expect(truncate('😀😀😀', 2)).toBe('😀…');
  });
});
