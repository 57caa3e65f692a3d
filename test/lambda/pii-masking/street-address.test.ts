import { foundOf } from './helpers';

describe('STREET_ADDRESS', () => {
  it.each([
    ['delivered to 5261 E 2nd Street, Baileyland, WA 32232-9457 on Monday', '5261 E 2nd Street, Baileyland, WA 32232-9457'],
    ['lives at 25862 S 7th Street Suite 765, Ferryhaven, MN 37759 or', '25862 S 7th Street Suite 765, Ferryhaven, MN 37759'],
    ['Jo Smith\n9339 Bedford Road\nHackensack, FL 27969-7110\n', '9339 Bedford Road\nHackensack, FL 27969-7110'],
    ['Shipping address on file: 793 Jaskolski Centers. Tracking', '793 Jaskolski Centers'],
    ['at 213 N Court Street, Arlington, OR 65781-3467 next', '213 N Court Street, Arlington, OR 65781-3467'],
    ['flat at 2 Gloucester Road, New Wolf RM47 4JO. Could', '2 Gloucester Road, New Wolf RM47 4JO'],
    ['residing at 87521 Dulari Forge, Tandur 982 879. Kindly', '87521 Dulari Forge, Tandur 982 879'],
    ['domicilié au 2053 Quai des Francs-Bourgeois, 11925 Strasbourg ?', '2053 Quai des Francs-Bourgeois, 11925 Strasbourg'],
    ['moro na 21328 Rua Nogueira, Mércia do Norte - MS, 92335-173. Meu', '21328 Rua Nogueira, Mércia do Norte - MS, 92335-173'],
    ['Die Adresse lautet Wiesenstr. 33a, 23227 Neu Leo, Telefon', 'Wiesenstr. 33a, 23227 Neu Leo'],
    ['wohnhaft Brüder-Bonhoeffer-Str. 11a, 03817 Nord Jasmine.', 'Brüder-Bonhoeffer-Str. 11a, 03817 Nord Jasmine'],
    ['ik woon op Kramerdijk 19, 1588 VH Duur. Kun', 'Kramerdijk 19, 1588 VH Duur'],
    ['abito in Piazza Damiana 32, 66872 San Rossana. Puoi', 'Piazza Damiana 32, 66872 San Rossana'],
    ['Vivo en Riera Laura 13, 82792 Lorca. Necesito', 'Riera Laura 13, 82792 Lorca'],
    ['mieszkam przy al. Puchalski 99c, 57-888 Tarnowskie Góry. Proszę', 'al. Puchalski 99c, 57-888 Tarnowskie Góry'],
    ['Мой адрес: 654172, г. Заводоуковск, Рабочая наб., 398, телефон', '654172, г. Заводоуковск, Рабочая наб., 398'],
    ['ご住所 〒498-6903 堀町5丁目1番2号 宛に', '〒498-6903 堀町5丁目1番2号'],
    ["J'habite au 12, rue de la Paix, 75002 Paris.", '12, rue de la Paix, 75002 Paris'],
    ['send it to 24 Sussex Drive, Ottawa, ON K1A 0B1 please', '24 Sussex Drive, Ottawa, ON K1A 0B1'],
    ['office at 1 Macquarie Street, Sydney NSW 2000.', '1 Macquarie Street, Sydney NSW 2000'],
    ['，地址：南阳市聂巷4814号。', '南阳市聂巷4814号'],
  ])('finds the address in %s', (text, expected) => {
    expect(foundOf('STREET_ADDRESS', text)).toEqual([expected]);
  });

  it.each([
    ['counts of things', 'I have 3 Big Dogs and 12 Apple Pies.'],
    ['a month and a year', 'Released in October 2026 with 32 GB RAM.'],
    ['a version', 'Windows 11, Python 3 and Step 6 of 9.'],
    ['a city alone', 'Based in North Ora. Works at Stracke LLC.'],
    ['a street type without a number', 'Take the Via Appia to Rome.'],
    ['a lower-case street word used otherwise', 'We sent 3 via email and 2 via Slack.'],
  ])('leaves alone %s', (_name, text) => {
    expect(foundOf('STREET_ADDRESS', text)).toEqual([]);
  });
});
