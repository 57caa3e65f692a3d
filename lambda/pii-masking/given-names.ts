/**
 * Common given names in the languages the masker reads. A capitalised pair
 * whose first word is one of these (`Samuel Reilly`) is taken as a name even
 * without a cue around it. Names that are as often places, brands or
 * everyday words (Austin, Madison, Grace, Will, June) are left out on
 * purpose: precision first.
 */
import { IntTable } from './int-table';

const NAMES = `
aaron abby abigail ada adam adrian adriana agnes aidan aiden alan albert alberto alec alejandro alex alexa alexander
alexandra alexis alfred alice alicia alison allison alma alvin alyssa amanda amber amelia amir amy ana andre andrea
andreas andrew andy angela angelica angelina anita ann anna annabelle anne annette annie anthony antonio april archie
ariana arianna arlene arnold arthur arturo ashley audrey ava avery barbara barry beatrice becky belinda ben benjamin
bernard bernice bertha beth bethany betty beverly bianca bill billy blake bobby bonnie brad bradley brandon brenda
brendan brent brett brian briana brianna bridget brittany brooke bruce bryan bryce byron caleb calvin camila cameron
camille candace cara carl carla carlos carmen carol caroline carolyn carrie casey cassandra catherine cathy cecilia
cedric celia chad charlene charles charlie cheryl chloe chris christina christine christopher cindy claire clara
clarence claudia clayton clifford clinton clyde cody colin colleen connie connor constance corey cory courtney craig
cristina crystal curtis cynthia daisy dale damian damon dan dana daniel daniela danielle danny darlene darren darryl
dave david dean deanna debbie deborah debra delia denise dennis derek derrick desmond diana diane dianne dolores
dominic don donald donna dora doris dorothy douglas duane dustin dwayne dylan earl ed eddie edgar edith edmund edna
eduardo edward edwin eileen elaine eleanor elena eli elijah elisa elizabeth ella ellen ellie elliot elsa elsie
emilia emily emma eric erica erik erika erin ernest esther ethan ethel eugene eva evan evelyn everett felicia felix
fernando flora floyd frances francesca francis francisco franklin fred freda freddie frederick gabriel gabriela
gabrielle gail garrett gary gavin gayle genevieve geoffrey george gerald geraldine gerard gilbert gina gladys glen
glenda glenn gloria gordon greg gregory gwendolyn hailey hannah harold harriet harry harvey hazel heather hector
heidi helen henry herbert herman hilda holly howard hugh hugo ian ida irene iris isaac isabel isabella isabelle
ivan jacob jacqueline jaime jake james jamie jane janet janice jared jasmine jason javier jean jeanette jeanne jeff
jeffery jeffrey jenna jennifer jenny jeremiah jeremy jerome jerry jesse jessica jessie jill jillian jim jimmy joan
joann joanna joanne joe joel johanna john johnny jon jonathan jordan jorge jose joseph josephine josh joshua joyce juan
juanita judith judy julia julian juliana julie julio justin kaitlyn karen karl kate katelyn katherine kathleen kathryn
kathy katie katrina kay kayla keith kelly kelsey ken kendra kenneth kent kerry kevin kim kimberly kirk kristen kristin
kristina kurt kyle lance larry laura lauren laurie lawrence leah lee leila leo leon leonard leroy leslie lester lewis
liam lillian linda lindsay lindsey lisa lloyd logan lois lonnie lorena lorenzo loretta lori lorraine louis louise
lucas lucia lucille lucy luis luke lydia lynn mabel mackenzie madeline madelyn maggie makayla makenzie malcolm mandy
manuel marc marcia marco marcus margaret margarita maria marian marianne marie marilyn mario marion marjorie marlene
marsha martha martin marvin mary matthew maureen maurice max maxine megan melanie melinda melissa melvin meredith
micheal michael michelle miguel mike mildred milton miranda miriam mitchell molly monica morgan muriel myra myrtle
nancy naomi natalie natasha nathan nathaniel neil nellie nelson nicholas nicole nina noah noel nora norma norman
olivia omar oscar owen paige pamela patricia patrick paul paula pauline pedro peggy penny perry peter philip
phillip phyllis preston priscilla rachel rafael ralph ramon randall randy raquel raul rebecca regina reginald renee
rhonda ricardo richard rick ricky rita robert roberta roberto robin rodney roger roland ronald ronnie rosa rosalie
rosemary ross roxanne roy ruben russell ruth ryan sabrina sadie sally salvador sam samantha samuel sandra sara sarah
scott sean sebastian sergio seth shane shannon sharon shawn sheila shelby shelley sheryl shirley sidney simon sonia
sophia sophie stacey stacy stanley stella stephanie stephen steve steven stuart susan suzanne sylvia tamara tammy
tanya tara ted teresa terrance terrence terri terry thelma theodore theresa thomas tiffany tim timothy tina todd
tom tommy toni tony tracey traci tracy travis trevor troy tyler valerie vanessa vera veronica vicki vickie victor
vincent viola violet virgil vivian wade wallace walter wanda warren wayne wendy wesley whitney william willie wilma
yolanda yvette yvonne zachary zoe
andreas anja annika axel birgit bernd claus dieter dirk elke erik florian frank friedrich gerhard gisela gunter
hannelore hans heike heinz helga helmut horst ilse ingrid jens jonas jurgen jürgen karin katrin klaus lars lena leonie
lukas manfred marianne markus matthias monika niklas petra ralf reinhard renate rolf sabine sandra sebastian silke
stefan sven tobias torsten ulrich ursula uwe volker werner wolfgang
alain amelie antoine aurelie benoit bernadette cecile celine christophe clement corinne didier dominique elodie
emilie fabien florence francois françois frederic gerard guillaume helene hélène jacques jean jerome jérôme julien
laurent louis lucien manon marcel mathieu mathilde maxime michel mireille nathalie olivier pascal philippe pierre
renaud sebastien sébastien stephane stéphane sylvie thierry valerie valérie vincent yves
agustin alba alfonso alicia alvaro ángel beatriz carmen catalina cristian diego dolores enrique esperanza fernanda
gonzalo guadalupe ignacio inés jesus jesús joaquin joaquín jorge josé julia lucía luciana marta mercedes montserrat
nerea nicolás pablo paloma pilar ramón raúl rocío rodrigo santiago sofía teresa valentina
alessandro alessia andrea angelo antonella beatrice carlo chiara cristina daniele davide elisa emanuele enrico
fabio federica federico filippo francesca francesco gabriele giacomo gianluca giorgia giorgio giovanna giovanni
giulia giulio giuseppe lorenzo luca luigi marco matteo mattia michela michele nicola paola paolo pietro riccardo
roberta simone stefania stefano tommaso valentina vittoria
adriana antônio bruna bruno caio camila carolina cauã cecília daniela eduarda enzo felipe fernanda gabriela gustavo
heitor igor joão juliana larissa leonardo letícia luana lucas luiz marcela mariana matheus murilo otávio pedro
rafaela renata rodrigo sérgio thiago vinícius vitória
bram daan dirk femke floor fleur gijs hendrik henk jan jeroen joost kees lotte maarten niels pieter ruud sanne sem
stijn thijs wouter
agnieszka aleksandra andrzej anna barbara bartosz dorota ewa grzegorz jakub jan joanna kamil katarzyna krzysztof
łukasz maciej magdalena małgorzata marcin marek mariusz michał monika paweł piotr rafał stanisław tomasz wojciech
zofia zbigniew
aleksandr aleksei alexei anastasia andrei anton boris dmitri dmitry ekaterina elena galina igor irina ivan katerina
ksenia lyudmila maxim mikhail natalia nikolai oksana olga pavel sergei sergey svetlana tatiana vladimir yuri
александр алексей анастасия андрей анна антон борис валентина виктор владимир галина дмитрий евгений екатерина
елена иван игорь ирина константин людмила мария михаил наталья николай ольга павел светлана сергей татьяна юлия
aarav abhishek aditi aditya akash amit ananya anil anjali arjun deepak divya gaurav ishaan kavya krishna manish
meera neha nikhil pooja pradeep priya rahul raj rajesh ravi rohan sanjay shreya sunil sunita suresh vikram vivek
haruto hiroshi kenji sakura takashi yuki yuto yui
`;

const SET: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean));

/** A code unit lower-cased on its own (0 when that takes more than one unit, which no name holds). */
function lowerUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : 0;
}

/**
 * The names by hash of their code units, so that most words (`Stylish`, `Ergonomic`) are turned down without
 * building a lower-cased copy. A word whose lower-case form is a name has, unit for unit, the same lower-case
 * units (no name holds a letter whose lower case is longer), so it always hashes to a name's hash.
 */
const NAME_HASHES = new IntTable(4096);
for (const name of SET) {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + lowerUnit(name.charCodeAt(i))) | 0;
  NAME_HASHES.set(h, 1);
}

/** Is the word at [start, end) a common given name? */
export function isGivenName(s: string, start: number, end: number): boolean {
  const len = end - start;
  if (len < 3 || len > 12) return false;
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + lowerUnit(s.charCodeAt(i))) | 0;
  if (NAME_HASHES.get(h) === 0) return false;
  return SET.has(s.slice(start, end).toLowerCase());
}
