import { describe, expect, it } from 'vitest';
import { normaliseText } from '../normalise';
import { tokenise } from '../tokenise';
import { type Composition, compose } from './compose';

/** Synthetic sentences written for these tests (never dataset text). */
const read = (lang: 'nl' | 'fr' | 'en', text: string): Composition => {
  const clean = normaliseText(text);
  return compose(lang, tokenise(clean), clean);
};

describe('implicit derogation drawn from a group named before', () => {
  it('reads a derogation opening the sentence after a question that names the group', () => {
    const c = read('fr', 'Une musulmane comme directrice ? On retourne dans la savane.');
    expect(c.verdict).toBe('attack');
    expect(c.group).toBe('muslims');
    expect(read('fr', 'Une musulmane comme directrice ? On part en vacances dans la savane.').verdict).not.toBe(
      'attack',
    );
  });
  it('reads the speaker avoiding the group as derogation of it', () => {
    expect(read('nl', 'Een jood als huisarts? Dan zoek ik wel een dokter in een andere gemeente.').verdict).toBe(
      'attack',
    );
    expect(read('en', "i'd sooner emigrate than see a mosque on our street").verdict).toBe('attack');
    // moving house, told, is no avoidance
    expect(read('nl', 'Mijn buren zijn moslims en ze verhuizen volgende maand naar Gent.').verdict).not.toBe('attack');
  });
});

describe('what a group is said to complain about', () => {
  it('is not the poster condemning it', () => {
    const c = read('en', 'Migrants keep whining about racism. They should be grateful we let them in.');
    expect(c.verdict).toBe('attack');
    expect(c.group).toBe('migrants');
    // the poster's own condemnation still defends
    expect(read('en', 'Racism against migrants is shameful and we should say so.').verdict).not.toBe('attack');
  });
});

describe('a negation inside a clause the attack opens', () => {
  it('does not deny the attack', () => {
    const c = read('nl', 'Vluchtelingen mogen blij zijn dat we ze niet op straat zetten.');
    expect(c.verdict).toBe('attack');
    expect(read('nl', 'Vluchtelingen mogen niet blij zijn, zegt niemand.').verdict).not.toBe('attack');
  });
});

describe('why a group thinks it has a good thing', () => {
  it('denies it of the group', () => {
    expect(read('nl', 'Waarom denken moslims dat ze normaal zijn?').verdict).toBe('attack');
    expect(read('nl', 'Waarom denken sommigen dat moslims niet normaal zijn?').verdict).not.toBe('attack');
  });
});

describe('a pronoun inside the words of an attack', () => {
  it('still points back at the group', () => {
    const c = read('nl', 'Moslims zullen nooit veranderen, dus we moeten van ze af.');
    expect(c.verdict).toBe('attack');
    expect(c.group).toBe('muslims');
  });
});

describe('how can anyone trust a group', () => {
  it('denies the trust', () => {
    expect(read('nl', 'Hoe kan iemand een jood vertrouwen?').verdict).toBe('attack');
    expect(read('en', 'how could anyone trust a muslim?').verdict).toBe('attack');
    expect(read('nl', 'Hoe kan iemand een jood aanvallen?').verdict).not.toBe('attack');
  });
});

describe("a slur's own people", () => {
  it('speak in the inverted order and when they name themselves', () => {
    expect(read('fr', 'Pédé je suis, pédé je resterai.').verdict).not.toBe('attack');
    expect(read('fr', "Entre nous on s'appelle les gouines du club.").verdict).not.toBe('attack');
    expect(read('fr', 'Pédé tu es, pédé tu resteras, sale con.').verdict).toBe('attack');
  });
  it('a merely negative word ("koud") is no hostility that undoes the gathering', () => {
    expect(read('nl', 'Flikkers onder mekaar vanavond, het bier staat koud.').verdict).not.toBe('attack');
    expect(read('nl', 'Flikkers onder mekaar vanavond, wat een circus.').verdict).toBe('attack');
  });
});

describe('pity for someone near a group', () => {
  it('derogates the group only after a question that names it', () => {
    expect(read('nl', "Twee mama's met een baby? Arm kind, dat heeft geen kans.").verdict).toBe('attack');
    // told news with pity for children is no derogation of the group
    expect(read('en', 'Refugee family deported last night. Poor kids.').verdict).not.toBe('attack');
    expect(read('fr', 'Des enfants de réfugiés noyés, pauvres gosses.').verdict).not.toBe('attack');
  });
});

describe('a member with a good trait said not to exist', () => {
  it('is a stereotype of the group', () => {
    expect(read('nl', 'Een moslim die op tijd komt, dat bestaat niet.').verdict).toBe('attack');
    expect(read('en', "an honest gypsy doesn't exist").verdict).toBe('attack');
    expect(read('nl', 'De joodse school in onze straat bestaat niet meer.').verdict).not.toBe('attack');
  });
});

describe('a condemning word in a relative clause about the group', () => {
  it('is said of the group, not by the poster', () => {
    expect(read('en', 'migrants are parasites who should be ashamed').verdict).toBe('attack');
    expect(read('en', 'racists who insult migrants should be ashamed').verdict).not.toBe('attack');
  });
});

describe('who a pronoun points to', () => {
  it('"maar" right after a copula means "only" and starts no clause', () => {
    const c = read('nl', 'Wat mij betreft zijn ze niets waard. Het zijn maar moslims.');
    expect(c.verdict).toBe('attack');
    expect(c.group).toBe('muslims');
  });
  it('"he" and "she" point back at a member named by their group', () => {
    expect(read('en', "there's a gay lad in my street and he's a waste of oxygen").verdict).toBe('attack');
    expect(read('en', "there's a new lad in my street and he's a waste of oxygen").verdict).not.toBe('attack');
  });
});

describe('why a group is still allowed something', () => {
  it('reaches over "est-ce que"', () => {
    expect(read('fr', "Pourquoi est-ce qu'on laisse encore voter les migrants ?").verdict).toBe('attack');
    expect(read('fr', "Pourquoi est-ce qu'on n'a pas encore laissé voter les migrants ?").verdict).not.toBe('attack');
  });
});

describe('contrast with those who "really work"', () => {
  it('derogates the group it is drawn against', () => {
    expect(read('nl', 'Die sociale woningen voor vluchtelingen, geef ze aan mensen die echt werken.').verdict).toBe(
      'attack',
    );
  });
});

describe('one person or any member', () => {
  it('"a dirty X" is one person, but asked of with "who wants" it is any member', () => {
    expect(read('nl', 'Gisteren zag ik een vuile migrant op de markt.').verdict).not.toBe('attack');
    expect(read('nl', 'Wie wil er nu een vuile migrant als buurman?').verdict).toBe('attack');
  });
});

describe('spaces removed between words', () => {
  it('splits a short run into a function word and a lexicon word, and two English words', () => {
    expect(read('en', 'Ihate gays').verdict).toBe('attack');
    expect(read('en', 'gays like you deserve todie').verdict).toBe('attack');
    expect(read('en', 'all refugees are utterscumbags').verdict).toBe('attack');
    // a name is not split into pieces that happen to be words
    expect(read('fr', "La communauté juive d'Anvers est ancienne.").verdict).not.toBe('attack');
  });
});

describe('a group the sentence goes on to identify', () => {
  it('is what an attack before it is said of', () => {
    expect(read('nl', 'Ik walg van mensen, zeker als het joden zijn.').verdict).toBe('attack');
    expect(read('fr', 'Leur vie ne vaut rien pour moi parce que ce sont des Roms.').verdict).toBe('attack');
    expect(read('nl', 'Ik hou van mensen, zeker als het joden zijn.').verdict).not.toBe('attack');
  });
});

describe('conditions', () => {
  it('contrary to fact, a denied insult says they are', () => {
    expect(read('en', "I'd have nothing against gays if they weren't such vile scumbags.").verdict).toBe('attack');
    expect(read('nl', 'Ik zou moslims wel mogen als ze niet zo vuil waren.').verdict).toBe('attack');
  });
  it('an exclusion supposed in a condition is not said', () => {
    expect(read('nl', 'Als vluchtelingen hier niet welkom zijn, vertrek ik ook.').verdict).not.toBe('attack');
    expect(read('nl', 'Vluchtelingen zijn hier niet welkom, ze moeten vertrekken.').verdict).toBe('attack');
  });
});

describe('"you" spoken to before a group is named', () => {
  it('is someone else than the group, unless said to be of it', () => {
    expect(read('fr', "Si tu crois que « les Roms sont des voleurs », c'est toi le problème.").verdict).not.toBe(
      'attack',
    );
    expect(read('en', 'You migrants keep causing trouble. Your kind is vile.').verdict).toBe('attack');
  });
});

describe('history told, and claims framed by a speech tag', () => {
  it('an exclusion told in the past participle is history, a call is not', () => {
    expect(read('en', 'Jews were expelled from many towns in the middle ages.').verdict).not.toBe('attack');
    expect(read('en', 'Jews must be expelled from our towns.').verdict).toBe('attack');
  });
  it('a speech tag after a claim reports it; a denied one does not', () => {
    const tagged = read('nl', 'De joodse bankiers in Antwerpen zijn een grote werkgever, zegt de schepen.');
    expect(tagged.tropes.every((t) => t.stance !== 'attacking')).toBe(true);
  });
  it('a world better without a group', () => {
    expect(read('nl', 'Ons land zou beter af zijn zonder moslims.').verdict).toBe('attack');
    expect(read('nl', 'Ons dorp is beter af zonder die snelweg.').verdict).not.toBe('attack');
  });
});

describe('what a post says a group believes', () => {
  it('is the post claiming it of the group, not a belief reported', () => {
    const own = read('en', "jews think they are god's chosen and above the rest of us");
    expect(own.tropes.some((t) => t.stance === 'attacking')).toBe(true);
    const told = read('en', 'My neighbour thinks jews control the banks, which is nonsense.');
    expect(told.tropes.every((t) => t.stance !== 'attacking')).toBe(true);
  });
});

describe('idioms such as "can\'t help but"', () => {
  it('hide no negation and add no distance between the group and what is said of it', () => {
    expect(read('en', "Gays can't help themselves but be complete dickheads.").verdict).toBe('attack');
    expect(read('fr', "Les Roms ne peuvent pas s'empêcher d'être de vrais connards.").verdict).toBe('attack');
    expect(read('en', 'Gays are not complete dickheads.').verdict).not.toBe('attack');
  });
});

describe('a group said to need curing, and people hurt', () => {
  it('calls for curing a group, but treats the injured as victims', () => {
    expect(read('en', 'I have nothing against trans people, I just think they should be cured.').verdict).toBe(
      'attack',
    );
    expect(read('fr', "Les réfugiés blessés doivent être soignés à l'hôpital.").verdict).not.toBe('attack');
  });
});
