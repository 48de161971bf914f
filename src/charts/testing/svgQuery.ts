/**
 * Reading the charts' SVG text back in tests: elements by tag with their
 * attributes (entities decoded) and, for text-like elements, their content.
 * Regular expressions suffice because the charts write one fixed dialect
 * (double-quoted attributes, no CDATA, no comments); the well-formedness
 * itself is checked by wellFormed.ts.
 * Test-only code.
 */

export interface FoundElement {
  readonly attributes: Readonly<Record<string, string>>;
  /** The markup between the start and end tags ('' for an empty element); nested tags of the same name are not supported. */
  readonly inner: string;
}

export function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity === 'amp') return '&';
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** Every `<tag …>` in document order. */
export function findElements(svg: string, tag: string): FoundElement[] {
  const found: FoundElement[] = [];
  const start = new RegExp(`<${tag}((?:\\s+[\\w:-]+="[^"]*")*)\\s*(/?)>`, 'g');
  for (let match = start.exec(svg); match !== null; match = start.exec(svg)) {
    const attributes: Record<string, string> = {};
    for (const pair of match[1].matchAll(/([\w:-]+)="([^"]*)"/g)) attributes[pair[1]] = decodeXml(pair[2]);
    let inner = '';
    if (match[2] === '') {
      const end = svg.indexOf(`</${tag}>`, start.lastIndex);
      inner = end === -1 ? '' : svg.slice(start.lastIndex, end);
    }
    found.push({ attributes, inner });
  }
  return found;
}

/** Elements of `tag` whose class list contains `className`. */
export function findByClass(svg: string, tag: string, className: string): FoundElement[] {
  return findElements(svg, tag).filter((e) => (e.attributes.class ?? '').split(' ').includes(className));
}

/** The decoded text of every `<text>` element of class `className`. */
export function textsOfClass(svg: string, className: string): string[] {
  return findByClass(svg, 'text', className).map((e) => decodeXml(e.inner));
}

/** Numbers in a path's d attribute, in order. */
export function pathNumbers(d: string): number[] {
  return (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}
