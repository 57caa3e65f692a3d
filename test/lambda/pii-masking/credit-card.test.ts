import { maskPii } from '../../../lambda/pii-masking';
import { found, foundOf } from './helpers';

describe('CREDIT_CARD', () => {
  it.each([
    ['Visa, plain', '4111111111111111'],
    ['Visa, spaced', '4608 2261 8155 7579'],
    ['Visa, dashed', '4608-2261-8155-7579'],
    ['Mastercard 2-series', '2221 0000 0000 0009'],
    ['Amex 4-6-5', '3446 772169 68222'],
    ['Discover', '6011 0009 9013 9424'],
    ['JCB', '3530 1113 3330 0000'],
    ['Diners 4-6-4', '3056 930902 5904'],
    ['UnionPay 19 digits', '6212 3456 7890 1234 569'],
  ])('finds a Luhn-valid %s', (_name, card) => {
    expect(foundOf('CREDIT_CARD', `card ${card} on file`)).toEqual([card]);
  });

  it.each([
    ['a number that fails Luhn', 'card 4111 1111 1111 1112'],
    ['a Luhn-valid number no network issues', 'id 1234 5678 9012 3452'],
    ['a Luhn-failing order number after "order"', 'order=4111111111111112'],
    ['a too short number', 'card 4111 1111 111'],
    ['mixed separators', 'card 4608-2261 8155-7579'],
  ])('rejects %s', (_name, text) => {
    expect(foundOf('CREDIT_CARD', text)).toEqual([]);
  });

  // Luhn and the issuer prefix are the evidence; context words only weigh on values without a check digit.
  it.each([
    ['order', 'order=4111111111111111', '4111111111111111'],
    ['account', 'My account number is 4716 3972 5050 1290.', '4716 3972 5050 1290'],
    ['ticket', 'ticket 4716-3972-5050-1290', '4716-3972-5050-1290'],
    ['reference', 'Reference: 4608 2261 8155 7579', '4608 2261 8155 7579'],
    ['policy', 'policy no. 6011000990139424', '6011000990139424'],
  ])('finds a Luhn-valid card after "%s"', (_word, text, card) => {
    expect(foundOf('CREDIT_CARD', text)).toEqual([card]);
  });

  it('masks every copy of a card, whatever word precedes each', () => {
    const text = 'Charge my card 4716-3972-5050-1290 and close account 4716-3972-5050-1290.';
    expect(foundOf('CREDIT_CARD', text)).toEqual(['4716-3972-5050-1290', '4716-3972-5050-1290']);
    expect(maskPii(text).text).toBe('Charge my card ****-****-****-1290 and close account ****-****-****-1290.');
  });

  it('keeps a trailing year out of the card', () => {
    expect(found('card 4608 2261 8155 7579 2024')).toEqual([['CREDIT_CARD', '4608 2261 8155 7579']]);
  });
});
