/**
 * A small RFC 4180 reader, so that tests (and anyone checking an exported
 * file) can read back what csv.ts wrote. Accepts \n or \r\n line ends and a
 * missing final line end; refuses a stray quote inside an unquoted field and
 * an unterminated quoted field.
 */

export class CsvParseError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`CSV line ${line}: ${detail}`);
    this.name = 'CsvParseError';
  }
}

/** The records of `text`, each a list of fields (strings, unquoted). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  // True right after a separator or a line end: a field (maybe empty) is due.
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    fieldStarted = false;
    line++;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      const openedOn = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvParseError(openedOn, 'a quoted field is never closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === '\n') line++;
        field += text[i];
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvParseError(line, 'a closing quote must end its field');
      }
      fieldStarted = true;
      continue;
    }
    if (c === ',') {
      endField();
      fieldStarted = true;
      i++;
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      endRecord();
      i += c === '\r' ? 2 : 1;
    } else if (c === '"' || c === '\r') {
      throw new CsvParseError(line, c === '"' ? 'a quote inside an unquoted field' : 'a bare CR outside quotes');
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (fieldStarted || record.length > 0) endRecord();
  return records;
}
