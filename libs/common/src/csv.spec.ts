import { UTF8_BOM, toCsv } from './csv';

describe('CSV for Excel', () => {
  it('starts with a BOM, ends lines with CRLF and keeps Hangul as is', () => {
    const csv = toCsv(['은행', '금액'], [['대구은행', 12000]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}은행,금액\r\n대구은행,12000\r\n`);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const csv = toCsv(['a'], [['x,y'], ['say "hi"'], ['two\nlines'], ['=HYPERLINK("x")'], [-5000]]);
    expect(csv.split('\r\n').slice(1, 6)).toEqual(['"x,y"', '"say ""hi"""', '"two\nlines"', `"'=HYPERLINK(""x"")"`, '-5000']);
  });
});
