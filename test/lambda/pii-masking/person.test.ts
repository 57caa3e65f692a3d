import { foundOf } from './helpers';

describe('PERSON', () => {
  it.each([
    ['Dear Jody Jast, your package', 'Jody Jast'],
    ["Hi, I'm Marjory Shanahan. Can you", 'Marjory Shanahan'],
    ['My name is Ellsworth D\'Amore and', "Ellsworth D'Amore"],
    ['Customer: Geo VonRueden\nEmail:', 'Geo VonRueden'],
    ['APPLICANT: Kiley A. Bins\n', 'Kiley A. Bins'],
    ['mismatch name="Stephan O\'Hara" dob=', "Stephan O'Hara"],
    ['{"fullName":"Amara B. Wyman","x":1}', 'Amara B. Wyman'],
    ['Author: Madelynn Schamberger <mschamberger48@aol.com>', 'Madelynn Schamberger'],
    ['"Bessie S. Hauck-Altenwerth",bessie@mail.com,', 'Bessie S. Hauck-Altenwerth'],
    ['| Kayli Gulgowski | kgulgowski@aol.com |', 'Kayli Gulgowski'],
    ['agent: thanks Tod, verifying now', 'Tod'],
    ['Kind regards,\nJohnathon\n', 'Johnathon'],
    ['Sehr geehrte Frau Müller, bitte', 'Müller'],
    ['Здравствуйте! Меня зовут Максим Красильникова.', 'Максим Красильникова'],
    ['Ciao, mi chiamo Giuliano Bassi e abito', 'Giuliano Bassi'],
    ['Je m\'appelle Lucien Lefebvre, né le', 'Lucien Lefebvre'],
    ['a cover letter for Stella Koss (stella_koss870@hotmail.com)', 'Stella Koss'],
    ['The person you mentioned, Kristian Schiller, can be reached at kristian.schiller@x.biz', 'Kristian Schiller'],
    ['Ludwig van Beethoven wrote to me. Regards, Ludwig van Beethoven <lvb@x.de>', 'Ludwig van Beethoven'],
    ['请帮我给蔡钰轩写一封邮件', '蔡钰轩'],
    ['永田 浩二様、ご住所', '永田 浩二'],
  ])('finds the name in %s', (text, expected) => {
    expect(foundOf('PERSON', text)[0]).toEqual(expected);
  });

  it.each([
    ['sentence starts and products', 'The Universal Mouse offers Reliable Performance. Use the Golden Gate Bridge.'],
    ['a place after a preposition', 'Plan a trip to New York and San Francisco in April.'],
    ['a company', 'Our team at Becker, Schowalter and Stokes wants to migrate from Jenkins to GitHub Actions.'],
    ['a fictional character after a bare title', 'Summarize the plot. Who is Mr. Darcy?'],
    ['first names without a cue', 'Sarah fixed the flaky test, Jordan is on call.'],
    ['a salutation to a group', 'Dear Valued Customer, Hi Team,'],
    ['an e-mail local part', 'write to Zetta.Friesen@WEB.DE'],
    ['all capitals', 'URGENT: NAME REQUIRED'],
  ])('leaves alone %s', (_name, text) => {
    expect(foundOf('PERSON', text)).toEqual([]);
  });
});
