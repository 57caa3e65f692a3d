import { foundOf } from './helpers';

describe('US_SSN', () => {
  it('finds a dashed SSN without context', () => {
    expect(foundOf('US_SSN', 'which of these is mine, 545-25-4321?')).toEqual(['545-25-4321']);
  });

  it('finds spaced and plain SSNs only with an SSN cue', () => {
    expect(foundOf('US_SSN', 'SOCIAL SECURITY NO.: 641 74 6067')).toEqual(['641 74 6067']);
    expect(foundOf('US_SSN', 'my SSN is 842863348 if you need it')).toEqual(['842863348']);
    expect(foundOf('US_SSN', '{"ssn": "478790014"}')).toEqual(['478790014']);
    expect(foundOf('US_SSN', 'is it safe to share my social (813161863)?')).toEqual(['813161863']);
    expect(foundOf('US_SSN', 'rows 842863348 and 641 74 6067')).toEqual([]);
  });

  it.each([
    ['claim_ref=', 'claim_ref=123-45-6789'],
    ['case', 'case 545-25-4321 is closed'],
    ['account', 'account 545-25-4321'],
  ])('finds a dashed SSN in issuable ranges after %s', (_word, text) => {
    expect(foundOf('US_SSN', text)).toHaveLength(1);
  });

  it.each([
    ['area 000', 'codes 000-77-8485'],
    ['area 666', 'codes 666-55-5285'],
    ['area 9xx', 'codes 929-11-0008'],
    ['group 00', 'codes 489-00-6982'],
    ['serial 0000', 'codes 355-39-0000'],
    ['a longer dashed run', 'tracking 123-45-6789-01'],
  ])('rejects a never-issued or labelled-other number: %s', (_name, text) => {
    expect(foundOf('US_SSN', text)).toEqual([]);
  });
});
