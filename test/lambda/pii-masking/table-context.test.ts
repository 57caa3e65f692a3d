import { found } from './helpers';

describe('column headers as context', () => {
  it('reads names, birth dates and SSNs under their CSV columns', () => {
    const csv = 'id,full_name,dob,ssn,notes\n17,Kent Wilderman,1939-02-07,725716465,ok\n18,Amira Will,1995-08-14,731935160,late\n';
    expect(found(csv)).toEqual([
      ['PERSON', 'Kent Wilderman'],
      ['DATE_OF_BIRTH', '1939-02-07'],
      ['US_SSN', '725716465'],
      ['PERSON', 'Amira Will'],
      ['DATE_OF_BIRTH', '1995-08-14'],
      ['US_SSN', '731935160'],
    ]);
  });

  it('reads Markdown tables with the header above the separator row', () => {
    const md = '| Patient | Birth date | Passport |\n|---|---|---|\n| Ada Lovelace | 1990-12-10 | 912345678 |\n';
    expect(found(md)).toEqual([
      ['PERSON', 'Ada Lovelace'],
      ['DATE_OF_BIRTH', '1990-12-10'],
      ['US_PASSPORT', '912345678'],
    ]);
  });

  it('reads SQL VALUES tuples by the column list', () => {
    const sql = 'INSERT INTO patients (id, name, dob, ssn) VALUES\n'
      + "  (66119, 'Monroe Heidenreich', '1956-06-17', '155636191'),\n"
      + "  (66120, 'Jo Park', '1960-01-02', '155636192');";
    expect(found(sql)).toEqual([
      ['PERSON', 'Monroe Heidenreich'],
      ['DATE_OF_BIRTH', '1956-06-17'],
      ['US_SSN', '155636191'],
      ['PERSON', 'Jo Park'],
      ['DATE_OF_BIRTH', '1960-01-02'],
      ['US_SSN', '155636192'],
    ]);
  });

  it('does not lend a header to values of columns it does not name', () => {
    expect(found('sku,release_date,count\nAB-1,2024-01-02,123456789\n')).toEqual([]);
  });
});
