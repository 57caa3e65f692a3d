import { foundOf } from './helpers';

describe('IBAN', () => {
  it.each([
    'DE89 3704 0044 0532 0130 00',
    'DE89370400440532013000',
    'GB82 WEST 1234 5698 7654 32',
    'NL91ABNA0417164300',
    'FR14 2004 1010 0505 0001 3M02 606',
    'CH93 0076 2011 6238 5295 7',
    'NO9386011117947',
    'MT84MALT011000012345MTLCAST001S',
    'BR1800360305000010009795493C1',
  ])('finds %s', (iban) => {
    expect(foundOf('IBAN', `IBAN: ${iban}.`)).toEqual([iban]);
  });

  it.each([
    ['a wrong check digit', 'DE88 3704 0044 0532 0130 00'],
    ['a wrong length for the country', 'DE89 3704 0044 0532 0130 0'],
    ['an unknown country', 'QQ89 3704 0044 0532 0130 00'],
    ['groups of three', 'DE89 370 400 440 532 013 000'],
    ['glued to a word', 'xDE89370400440532013000'],
  ])('rejects %s', (_name, text) => {
    expect(foundOf('IBAN', text)).toEqual([]);
  });
});
