import type { Label } from './themes';

/**
 * Response guidance for communications officers, per theme, as editable data. Angles are
 * how to answer; partners are whom a Flemish municipality can call. Municipalities adapt
 * this file (or override it per tenant later) — the dashboard only shows it.
 */
export type Partner = { id: string; name: string; when: Label };
export type Guidance = { theme: string; angles: Label[]; partners: string[]; report?: Label };

export const PARTNERS: readonly Partner[] = [
  {
    id: 'ceapire',
    name: 'Ceapire',
    when: {
      nl: 'Vragen over radicalisering en begeleiding bij concrete casussen.',
      fr: 'Questions sur la radicalisation et accompagnement de cas concrets.',
      en: 'Questions about radicalisation and guidance on concrete cases.',
    },
  },
  {
    id: 'solentra',
    name: 'Solentra',
    when: {
      nl: 'Aspecten van geestelijke gezondheid (trauma, kwetsbare jongeren, gezinnen).',
      fr: 'Aspects de santé mentale (trauma, jeunes vulnérables, familles).',
      en: 'Mental-health aspects (trauma, vulnerable young people, families).',
    },
  },
  {
    id: 'caw-limburg-extremisme',
    name: 'CAW Limburg — team Extremisme',
    when: {
      nl: 'Disengagement- en exit-trajecten voor wie uit een extremistisch milieu wil stappen.',
      fr: 'Trajets de désengagement et de sortie des milieux extrémistes.',
      en: 'Disengagement and exit trajectories from extremist milieus.',
    },
  },
  {
    id: 'netwerk-islamexperten',
    name: 'Netwerk Islamexperten',
    when: {
      nl: 'Theologische vragen en duiding bij islamitische bronnen en jargon.',
      fr: 'Questions théologiques et éclairage sur les sources et le jargon islamiques.',
      en: 'Theological questions and context on Islamic sources and jargon.',
    },
  },
];

const REPORT_HATE: Label = {
  nl: 'Strafbare haatspraak of bedreigingen: meld bij de politie en bij Unia (unia.be); bewaar zelf geen kopieën van berichten in Trendwacht.',
  fr: 'Discours de haine ou menaces punissables : signalez à la police et à Unia (unia.be) ; ne gardez aucune copie de messages dans Trendwacht.',
  en: 'Punishable hate speech or threats: report to the police and to Unia (unia.be); keep no copies of posts in Trendwacht.',
};

const SUPPORT_GROUP: Label = {
  nl: 'Steun de geviseerde groep zichtbaar: contacteer hun organisaties, toon wie de gemeente samen vormt.',
  fr: 'Soutenez visiblement le groupe visé : contactez ses organisations, montrez qui fait la commune ensemble.',
  en: 'Visibly support the targeted group: contact their organisations, show who makes up the municipality.',
};
const NO_AMPLIFY: Label = {
  nl: 'Herhaal de schadelijke bewering of term niet letterlijk; vertrek van de feiten en de gedeelde waarden.',
  fr: 'Ne répétez pas mot pour mot l’affirmation ou le terme nuisible ; partez des faits et des valeurs partagées.',
  en: 'Do not repeat the harmful claim or term verbatim; start from the facts and shared values.',
};
const FACTS_FIRST: Label = {
  nl: 'Deel snel wat de gemeente zeker weet, zeg wat nog onzeker is en wanneer er meer nieuws komt.',
  fr: 'Partagez vite ce que la commune sait avec certitude, dites ce qui reste incertain et quand il y aura du neuf.',
  en: 'Share quickly what the municipality knows for sure, say what is still uncertain and when more news will come.',
};
const PREBUNK: Label = {
  nl: 'Leg het mechanisme uit (wie heeft er baat bij, hoe werkt de truc) eerder dan elke bewering apart te weerleggen.',
  fr: 'Expliquez le mécanisme (à qui cela profite, comment fonctionne le procédé) plutôt que de réfuter chaque affirmation.',
  en: 'Explain the technique (who benefits, how the trick works) rather than rebutting each claim separately.',
};
const DEESCALATE: Label = {
  nl: 'De-escaleer: erken de bezorgdheid achter het wij-zij-verhaal, spreek inwoners aan als één gemeenschap.',
  fr: 'Désamorcez : reconnaissez l’inquiétude derrière le « nous contre eux », parlez aux habitants comme une seule communauté.',
  en: 'De-escalate: acknowledge the worry behind the us-versus-them story, address residents as one community.',
};
const SAFETY: Label = {
  nl: 'Bij een oproep tot geweld of een concrete dreiging: verwittig onmiddellijk de politie en het crisisteam.',
  fr: 'En cas d’appel à la violence ou de menace concrète : prévenez immédiatement la police et la cellule de crise.',
  en: 'On a call to violence or a concrete threat: alert the police and the crisis team at once.',
};
const LOCAL_INFO: Label = {
  nl: 'Antwoord met praktische informatie (wat, waar, wanneer) via de kanalen van de gemeente.',
  fr: 'Répondez avec des informations pratiques (quoi, où, quand) via les canaux de la commune.',
  en: 'Answer with practical information (what, where, when) through the municipality’s channels.',
};

export const GUIDANCE: readonly Guidance[] = [
  { theme: 'hate', angles: [SUPPORT_GROUP, NO_AMPLIFY], partners: ['solentra'], report: REPORT_HATE },
  {
    theme: 'far_right',
    angles: [NO_AMPLIFY, PREBUNK, SUPPORT_GROUP],
    partners: ['ceapire', 'caw-limburg-extremisme'],
    report: REPORT_HATE,
  },
  {
    theme: 'islamist',
    angles: [NO_AMPLIFY, SAFETY],
    partners: ['ceapire', 'netwerk-islamexperten', 'caw-limburg-extremisme'],
    report: REPORT_HATE,
  },
  { theme: 'antisemitism', angles: [SUPPORT_GROUP, PREBUNK, NO_AMPLIFY], partners: ['ceapire'], report: REPORT_HATE },
  { theme: 'conspiracy', angles: [PREBUNK, FACTS_FIRST], partners: ['ceapire', 'solentra'] },
  { theme: 'disinfo', angles: [FACTS_FIRST, PREBUNK, NO_AMPLIFY], partners: [] },
  { theme: 'polarisation', angles: [DEESCALATE, FACTS_FIRST], partners: ['ceapire'] },
  { theme: 'threats', angles: [SAFETY], partners: ['ceapire', 'solentra'], report: REPORT_HATE },
  { theme: 'local', angles: [LOCAL_INFO, FACTS_FIRST], partners: [] },
];

/** The guidance of a theme, with its partners resolved (none for themes without guidance). */
export function guidanceFor(theme: string): { angles: Label[]; partners: Partner[]; report?: Label } | null {
  const g = GUIDANCE.find((x) => x.theme === theme);
  if (!g) return null;
  const partners = PARTNERS.filter((p) => g.partners.includes(p.id));
  return { angles: g.angles, partners, ...(g.report ? { report: g.report } : {}) };
}

/**
 * Angles chosen by what a narrative's perspectives show (issue 19): the dominant voice
 * decides what helps most. A share is the part of the narrative's posts in the window.
 */
const PERSPECTIVE_ANGLES: Record<'unanswered' | 'countered' | 'reported' | 'questions' | 'rising', Label> = {
  unanswered: {
    nl: 'Bijna niemand spreekt dit verhaal tegen. Geef een stem aan wie dat geloofwaardig kan (buurtwerk, verenigingen, scholen) in plaats van zelf de discussie aan te gaan.',
    fr: 'Presque personne ne contredit ce récit. Donnez la parole à ceux qui le peuvent de façon crédible (travail de quartier, associations, écoles) plutôt que d’entrer vous-même dans le débat.',
    en: 'Hardly anyone counters this story. Give a voice to those who can do so credibly (community work, associations, schools) rather than entering the debate yourself.',
  },
  countered: {
    nl: 'Er is al tegenspraak van inwoners. Versterk die (bedank, deel, verwijs ernaar) in plaats van er een eigen verklaring naast te zetten.',
    fr: 'Des habitants contredisent déjà ce récit. Renforcez-les (remerciez, partagez, renvoyez-y) plutôt que d’ajouter votre propre déclaration.',
    en: 'Residents already push back. Amplify them (thank, share, point to them) rather than adding a statement of your own.',
  },
  reported: {
    nl: 'Veel berichten melden of citeren. Zorg dat de officiële feiten de bron zijn: één feitenpagina van de gemeente, met het uur van de laatste update, waar politie en pers naar verwijzen.',
    fr: 'Beaucoup de messages rapportent ou citent. Faites des faits officiels la source : une page de faits de la commune, avec l’heure de mise à jour, à laquelle police et presse renvoient.',
    en: 'Many posts report or quote. Make the official facts the source: one fact page of the municipality, with the time of its last update, that police and press point to.',
  },
  questions: {
    nl: 'Inwoners stellen vragen. Beantwoord ze publiek in een korte vraag-en-antwoord: wat weten we, wat nog niet, wanneer volgt meer.',
    fr: 'Les habitants posent des questions. Répondez publiquement par un court questions-réponses : ce qu’on sait, ce qu’on ne sait pas encore, quand il y aura plus.',
    en: 'Residents are asking. Answer publicly in a short Q&A: what we know, what we do not know yet, when more will follow.',
  },
  rising: {
    nl: 'Het verhaal groeit snel. Reageer binnen het uur met wat vaststaat; wachten laat de ruimte aan wie het verhaal duwt.',
    fr: 'Le récit grandit vite. Réagissez dans l’heure avec ce qui est établi ; attendre laisse la place à ceux qui le poussent.',
    en: 'The story is growing fast. Respond within the hour with what is established; waiting leaves the floor to those pushing it.',
  },
};

export type PerspectiveShares = Partial<Record<'pushing' | 'countering' | 'informing' | 'asking', number | null>>;

/**
 * Guidance for one narrative: angles from its perspectives first (unanswered, countered,
 * reported, questions, rising), then the theme's own; partners and when to report as the
 * theme says. `basis` names which perspective rules chose the first angles.
 */
export function narrativeGuidance(theme: string, shares: PerspectiveShares, growth: number | null) {
  const g = guidanceFor(theme);
  if (!g) return null;
  const at = (p: keyof PerspectiveShares) => shares[p] ?? 0;
  const basis: (keyof typeof PERSPECTIVE_ANGLES)[] = [];
  if (growth !== null && growth >= 2) basis.push('rising');
  if (at('pushing') >= 0.5 && at('countering') < 0.15) basis.push('unanswered');
  if (at('countering') >= 0.15) basis.push('countered');
  if (at('informing') >= 0.25) basis.push('reported');
  if (at('asking') >= 0.1) basis.push('questions');
  const angles = [...basis.map((b) => PERSPECTIVE_ANGLES[b]), ...g.angles];
  return { ...g, angles, basis };
}
