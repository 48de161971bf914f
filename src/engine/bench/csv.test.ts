/**
 * The CSV writer read back with the reader: every operation comes back
 * exactly, in order, including keys that need quoting (RFC 4180 §2.6–2.7).
 */
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, formatDecimal, formatUsAsMs, latencyByOpCsv, latencyByOpCsvHeader, operationsCsv, operationsCsvHeader, summaryCsv, summaryCsvHeader } from './csv';
import { CsvParseError, parseCsv } from './parseCsv';
import type { BenchOperation } from './summary';
import { summarizeBench } from './summary';

const awkwardKeys = ['plain', 'a,b', 'say "hi"', '"', ',', 'line\nbreak', 'cr\rreturn', 'crlf\r\nend', '', ' spaced ', 'ünïcødé <&>'];

const operations: BenchOperation[] = awkwardKeys.map((key, i) => ({
  client: i % 3,
  kind: i % 2 === 0 ? 'get' : 'put',
  key,
  invokeUs: 1_000 * i + 7,
  returnUs: i % 4 === 3 ? null : 1_000 * i + 7 + 1_234 * (i + 1),
}));

function usFromMs(text: string): number {
  return Math.round(Number(text) * 1000);
}

describe('CSV fields and numbers', () => {
  it('quotes only fields with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('')).toBe('');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\n');
  });

  it('writes µs as ms with exactly three decimals', () => {
    expect(formatUsAsMs(0)).toBe('0.000');
    expect(formatUsAsMs(7)).toBe('0.007');
    expect(formatUsAsMs(1_234)).toBe('1.234');
    expect(formatUsAsMs(3_600_000_000)).toBe('3600000.000');
    expect(formatUsAsMs(-5)).toBe('-0.005');
    expect(() => formatUsAsMs(1.5)).toThrow(/integer/);
  });

  it('writes other numbers with three decimals and no negative zero', () => {
    expect(formatDecimal(4)).toBe('4.000');
    expect(formatDecimal(0.145)).toBe('0.145');
    expect(formatDecimal(1 / 3)).toBe('0.333');
    expect(formatDecimal(-0)).toBe('0.000');
    expect(() => formatDecimal(Number.NaN)).toThrow(/finite/);
  });
});

describe('operations CSV', () => {
  const text = operationsCsv('bench "A", 3 nodes', operations);
  const rows = parseCsv(text);

  it('has the header and one row per operation, lines ending in \\n', () => {
    expect(rows[0]).toEqual([...operationsCsvHeader]);
    expect(rows).toHaveLength(operations.length + 1);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.startsWith('benchmark,client,op,key,invoke_ms,return_ms,latency_ms\n')).toBe(true);
  });

  it('reads back every operation exactly, in order', () => {
    rows.slice(1).forEach((row, i) => {
      const op = operations[i];
      expect(row).toHaveLength(7);
      expect(row[0]).toBe('bench "A", 3 nodes');
      expect(Number(row[1])).toBe(op.client);
      expect(row[2]).toBe(op.kind);
      expect(row[3]).toBe(op.key);
      expect(usFromMs(row[4])).toBe(op.invokeUs);
      if (op.returnUs === null) {
        expect(row[5]).toBe('');
        expect(row[6]).toBe('');
      } else {
        expect(usFromMs(row[5])).toBe(op.returnUs);
        expect(usFromMs(row[6])).toBe(op.returnUs - op.invokeUs);
      }
    });
  });

  it('writes a known row byte for byte', () => {
    expect(operationsCsv('b', [{ client: 2, kind: 'put', key: 'x,"y"', invokeUs: 1_500, returnUs: 4_250 }])).toBe(
      'benchmark,client,op,key,invoke_ms,return_ms,latency_ms\nb,2,put,"x,""y""",1.500,4.250,2.750\n',
    );
  });

  it('writes only the header for no operations', () => {
    expect(parseCsv(operationsCsv('empty', []))).toEqual([[...operationsCsvHeader]]);
  });
});

describe('summary CSV', () => {
  it('writes one row per benchmark with throughput, percentiles and counts', () => {
    const summary = summarizeBench(
      [
        { client: 0, kind: 'get', key: 'a', invokeUs: 0, returnUs: 100 },
        { client: 0, kind: 'get', key: 'a', invokeUs: 200, returnUs: 450 },
        { client: 1, kind: 'put', key: 'b', invokeUs: 300, returnUs: null },
      ],
      { startUs: 0, endUs: 1_000_000, binUs: 500_000, faults: [] },
    );
    const text = summaryCsv([
      { benchmark: 'steady', protocol: 'raft', summary },
      { benchmark: 'leader, crash', protocol: 'omnipaxos', summary },
    ]);
    expect(text).toBe(
      `${summaryCsvHeader.join(',')}\n` +
        'steady,raft,2.000,0.100,0.250,0.250,0.250,0.250,0.175,2,1\n' +
        '"leader, crash",omnipaxos,2.000,0.100,0.250,0.250,0.250,0.250,0.175,2,1\n',
    );
    expect(parseCsv(text)[2][0]).toBe('leader, crash');
  });
});

describe('latency by operation CSV', () => {
  it('writes one row per benchmark and kind, with the kind’s own percentiles', () => {
    const summary = summarizeBench(
      [
        { client: 0, kind: 'get', key: 'a', invokeUs: 0, returnUs: 100 },
        { client: 0, kind: 'put', key: 'a', invokeUs: 200, returnUs: 450 },
        { client: 1, kind: 'get', key: 'b', invokeUs: 300, returnUs: 330 },
        { client: 1, kind: 'append', key: 'b', invokeUs: 400, returnUs: null },
      ],
      { startUs: 0, endUs: 1_000_000, binUs: 500_000, faults: [] },
    );
    expect(latencyByOpCsv([{ benchmark: 'A', protocol: 'raft', summary }]).split('\n')).toEqual([
      latencyByOpCsvHeader.join(','),
      'A,raft,get,2,0.030,0.100,0.100,0.100,0.100,0.065',
      'A,raft,put,1,0.250,0.250,0.250,0.250,0.250,0.250',
      '',
    ]);
  });
});

describe('CSV reader', () => {
  it('accepts CRLF line ends and a missing final line end', () => {
    expect(parseCsv('a,b\r\n"c\r\nd",e')).toEqual([
      ['a', 'b'],
      ['c\r\nd', 'e'],
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,\n,\n')).toEqual([
      ['a', ''],
      ['', ''],
    ]);
  });

  it('refuses stray and unterminated quotes with the line', () => {
    expect(() => parseCsv('a,b\nx"y,z\n')).toThrow(CsvParseError);
    expect(() => parseCsv('a,b\nx"y,z\n')).toThrow(/line 2/);
    expect(() => parseCsv('"abc\n')).toThrow(/never closed/);
    expect(() => parseCsv('"ab"c\n')).toThrow(/closing quote/);
  });
});
