import { found, foundOf } from './helpers';

describe('DATE_OF_BIRTH', () => {
  it.each([
    ['DOB: 07/12/1953, start date 25.07.2024', '07/12/1953'],
    ['Date of birth: 1943-06-20', '1943-06-20'],
    ['- **Date of birth:** 12/16/2006', '12/16/2006'],
    ['dob=September 27, 2002 ssn=', 'September 27, 2002'],
    ['My mom was born on June 18, 1968 and', 'June 18, 1968'],
    ['"dob": "1962-05-03"', '1962-05-03'],
    ['Clio Roux, né(e) le 22/02/2007, domicilié(e)', '22/02/2007'],
    ['geboren am 19.01.1995, wohnhaft', '19.01.1995'],
    ['geboren am 3. März 1990.', '3. März 1990'],
    ['(nacido el 1986-07-22)', '1986-07-22'],
    ['born 12 March 1987 in Leeds', '12 March 1987'],
    ['fecha de nacimiento: 5 de marzo de 1980', '5 de marzo de 1980'],
    ['дата рождения 01.02.1990, телефон', '01.02.1990'],
    ['生年月日：1990-01-01', '1990-01-01'],
    ['出生日期：1990年3月12日，电话', '1990年3月12日'],
    ['DOB: 12-Mar-1990.', '12-Mar-1990'],
  ])('finds the birth date in %s', (text, expected) => {
    expect(foundOf('DATE_OF_BIRTH', text)).toEqual([expected]);
  });

  it.each([
    ['a due date', 'Invoice due 25.02.2021.'],
    ['a start date after a birth date field', 'DOB: 07/12/1953, start date 25.07.2024'],
    ['a letter date', 'Dear Sam,\n\n06/04/2020\n\nthanks'],
    ['a timestamp', '2024-03-03 04:28:26 INFO started'],
    ['an impossible date', 'DOB: 13/13/1990'],
  ])('rejects %s', (name, text) => {
    const dobs = foundOf('DATE_OF_BIRTH', text);
    if (name === 'a start date after a birth date field') expect(dobs).toEqual(['07/12/1953']);
    else expect(dobs).toEqual([]);
  });

  it('consumes a whole timestamp so its parts are not read as anything else', () => {
    expect(found('at 2023-06-14T12:20:37.301-05:00 and 2024-02-12 15:58:24.303')).toEqual([]);
  });
});
