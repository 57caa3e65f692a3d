import { foundOf } from './helpers';

describe('PHONE', () => {
  it.each([
    '(657) 882-0121',
    '320-947-7819',
    '274.544.0163',
    '1 (779) 838-9345',
    '+1 211 861 7465',
    '+1-461-366-2112',
    '+13629982222',
    '+44 20 7946 0682',
    '+447202156566',
    '07700 900550',
    '020 7946 0557',
    '+49 (0)89 99608856',
    '030 52463654',
    '0171 1475097',
    '+33 1 94 20 23 24',
    '06 17 43 99 43',
    '+7 922 091-74-76',
    '8 (922) 770-04-55',
    '+55 11 99960-8906',
    '(11) 91234-5678',
    '+86 133 9207 5720',
    '090-6126-5998',
    '+91-9782423633',
    '+61 2 6706 4822',
    '0171/1234567',
  ])('finds %s', (number) => {
    expect(foundOf('PHONE', `Call me at ${number}, thanks.`)).toEqual([number]);
  });

  it('finds a bare national number only after a phone cue', () => {
    expect(foundOf('PHONE', 'Telefon: 13627388598')).toEqual(['13627388598']);
    expect(foundOf('PHONE', '电话13627388598，地址')).toEqual(['13627388598']);
    expect(foundOf('PHONE', 'batch 13627388598 done')).toEqual([]);
  });

  it('finds any grouped number right after a phone word', () => {
    expect(foundOf('PHONE', 'Mi teléfono es 612 34 56 78 y')).toEqual(['612 34 56 78']);
    expect(foundOf('PHONE', 'call me on 555-1234 tonight')).toEqual(['555-1234']);
    expect(foundOf('PHONE', 'I have 612 34 56 78 apples')).toEqual([]);
  });

  it('leaves the brackets out when they wrap the whole number', () => {
    expect(foundOf('PHONE', 'customer Jo Smith (919-676-8322) says')).toEqual(['919-676-8322']);
  });

  it.each([
    ['an epoch in seconds', 'ts=1707701089 ok'],
    ['an epoch in milliseconds', '1744338275497 INFO'],
    ['an ISO date', 'due 2024-03-03'],
    ['a ZIP+4 code', 'Livermore, MI 09248-4010.'],
    ['an SSN-shaped number with a leading zero', 'codes 000-70-5277 and more'],
    ['a product code', 'part 403-0051-61 arrived'],
    ['an ISBN', 'ISBN 978-2-45-403305-3'],
    ['the tail of a longer dashed number', 'order 2348-0820-5746-9885'],
    ['an exchange starting with 1', 'ref 555-123-4567'],
    ['a price', 'total $3570.53 due'],
    ['a reference number', 'Your reference number is 088-5459-64.'],
  ])('rejects %s', (_name, text) => {
    expect(foundOf('PHONE', text)).toEqual([]);
  });
});
