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
