/**
 * A small XML well-formedness check for the charts' output (tests, and the
 * command line before it writes a file): one root element, balanced and
 * properly nested tags, quoted and unique attributes, and every & the start
 * of a known entity or a character reference. It does not read DTDs or
 * check namespaces; the charts use neither.
 */

const namePattern = /^[A-Za-z_:][\w:.-]*/;
const referencePattern = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

/** What is wrong with `xml`, one sentence per problem with its offset; empty when it is well formed. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let roots = 0;
  let i = 0;

  const checkText = (text: string, at: number, inAttribute: boolean) => {
    for (let j = 0; j < text.length; j++) {
      if (text[j] === '&' && !referencePattern.test(text.slice(j))) problems.push(`offset ${at + j}: & that does not start an entity`);
      if (text[j] === '<') problems.push(`offset ${at + j}: < inside ${inAttribute ? 'an attribute value' : 'text'}`);
    }
  };

  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    checkText(text, i, false);
    if (open.length === 0 && text.trim() !== '') problems.push(`offset ${i}: text outside the root element`);
    if (lt === -1) break;
    i = lt;
    const skip = (opening: string, closing: string, what: string): boolean => {
      if (!xml.startsWith(opening, i)) return false;
      const end = xml.indexOf(closing, i + opening.length);
      if (end === -1) {
        problems.push(`offset ${i}: unterminated ${what}`);
        i = xml.length;
      } else i = end + closing.length;
      return true;
    };
    if (skip('<!--', '-->', 'comment') || skip('<?', '?>', 'processing instruction') || skip('<![CDATA[', ']]>', 'CDATA section')) continue;
    if (xml.startsWith('</', i)) {
      const name = namePattern.exec(xml.slice(i + 2))?.[0] ?? '';
      const end = xml.indexOf('>', i);
      const expected = open.pop();
      if (name === '' || end === -1 || xml.slice(i + 2 + name.length, end).trim() !== '') problems.push(`offset ${i}: malformed end tag`);
      else if (expected !== name) problems.push(`offset ${i}: </${name}> closes ${expected === undefined ? 'nothing' : `<${expected}>`}`);
      i = end === -1 ? xml.length : end + 1;
      continue;
    }
    const name = namePattern.exec(xml.slice(i + 1))?.[0];
    if (name === undefined) {
      problems.push(`offset ${i}: < that starts no tag`);
      i++;
      continue;
    }
    if (open.length === 0) roots++;
    let j = i + 1 + name.length;
    const seen = new Set<string>();
    let closed: 'open' | 'self' | null = null;
    while (j < xml.length) {
      const space = /^\s*/.exec(xml.slice(j))?.[0].length ?? 0;
      j += space;
      if (xml.startsWith('/>', j)) {
        closed = 'self';
        j += 2;
        break;
      }
      if (xml[j] === '>') {
        closed = 'open';
        j += 1;
        break;
      }
      const attribute = namePattern.exec(xml.slice(j))?.[0];
      if (attribute === undefined || space === 0) {
        problems.push(`offset ${j}: malformed attribute in <${name}>`);
        break;
      }
      if (seen.has(attribute)) problems.push(`offset ${j}: attribute ${attribute} repeated in <${name}>`);
      seen.add(attribute);
      j += attribute.length;
      const quoted = /^\s*=\s*(["'])/.exec(xml.slice(j));
      if (quoted === null) {
        problems.push(`offset ${j}: attribute ${attribute} of <${name}> has no quoted value`);
        break;
      }
      j += quoted[0].length;
      const end = xml.indexOf(quoted[1], j);
      if (end === -1) {
        problems.push(`offset ${j}: attribute ${attribute} of <${name}> is never closed`);
        j = xml.length;
        break;
      }
      checkText(xml.slice(j, end), j, true);
      j = end + 1;
    }
    if (closed === null) {
      problems.push(`offset ${i}: tag <${name}> is not closed`);
      i = xml.indexOf('>', j) === -1 ? xml.length : xml.indexOf('>', j) + 1;
      continue;
    }
    if (closed === 'open') open.push(name);
    i = j;
  }
  for (const name of open.reverse()) problems.push(`<${name}> is never closed`);
  if (roots !== 1) problems.push(`${roots} root elements (one expected)`);
  return problems;
}
