/**
 * SVG as text: escaping, numbers and elements. Charts are strings, not DOM
 * nodes, so that the page and the command line produce the same bytes; this
 * module is where those bytes are decided. Coordinates are rounded to two
 * decimals (a hundredth of a pixel), which also hides last-digit differences
 * between JavaScript engines' Math.log.
 */

/**
 * Text safe inside an element or a double-quoted attribute: &, <, > and "
 * escaped; tab, LF and CR as character references (an attribute would
 * otherwise turn them into spaces); characters XML 1.0 forbids (other
 * control characters, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = text.charCodeAt(i);
    if (c in markupEscapes) {
      out += markupEscapes[c];
    } else if (code === 0x09 || code === 0x0a || code === 0x0d) {
      out += `&#${code};`;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += c + text[i + 1];
      i++;
    } else if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) {
      out += '\ufffd';
    } else {
      out += c;
    }
  }
  return out;
}

const markupEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A coordinate or length: at most two decimals, no exponent for chart-sized numbers, never "-0". */
export function num(value: number): string {
  return String(roundPx(value));
}

/** Rounds a coordinate the way num() writes it, for models that must match the drawing. */
export function roundPx(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

/** Attributes in the order given; numbers through num(), undefined left out. */
function attributeText(attributes: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

/** An element; `children` is markup (already escaped), an empty element closes itself. */
export function element(name: string, attributes: Attributes, children = ''): string {
  const open = `<${name}${attributeText(attributes)}`;
  return children === '' ? `${open}/>` : `${open}>${children}</${name}>`;
}

/** A text element holding `text`, escaped. */
export function textElement(attributes: Attributes, text: string): string {
  return element('text', attributes, escapeXml(text));
}

/** A `<title>` child: the tooltip and accessible name of its parent. */
export function titleElement(text: string): string {
  return `<title>${escapeXml(text)}</title>`;
}

/**
 * A rough width of `text` at `fontSizePx` in a sans-serif face, for layout
 * only (there is no DOM to measure with); generous so that text rarely
 * overflows the room it is given.
 */
export function estimateTextWidth(text: string, fontSizePx = 12): number {
  return Array.from(text).length * fontSizePx * 0.6;
}

/** `text` cut to at most `maxChars` characters, ending in an ellipsis when cut. */
export function truncate(text: string, maxChars: number): string {
  // By code points, so that a cut never splits a surrogate pair.
  const characters = Array.from(text);
  if (characters.length <= maxChars) return text;
  return maxChars <= 1 ? '…' : `${characters.slice(0, maxChars - 1).join('')}…`;
}
