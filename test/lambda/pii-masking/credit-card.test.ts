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
    ['a card-shaped order number after "order"', 'order=4111111111111111'],
    ['a too short number', 'card 4111 1111 111'],
    ['mixed separators', 'card 4608-2261 8155-7579'],
  ])('rejects %s', (_name, text) => {
    expect(foundOf('CREDIT_CARD', text)).toEqual([]);
  });

  it('keeps a trailing year out of the card', () => {
    expect(found('card 4608 2261 8155 7579 2024')).toEqual([['CREDIT_CARD', '4608 2261 8155 7579']]);
  });
});
