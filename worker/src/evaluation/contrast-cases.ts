import type { TargetId } from '@trendwacht/shared';
import { type LabelledRow, foldOf } from './datasets';

/**
 * Non-hateful contrast cases in Dutch and French, written for Trendwacht (no dataset
 * text): neutral and positive mentions of a group, negated hate and counter-speech — the
 * cases HateCheck covers for English only. Without them the Dutch and French data (RTP-LX)
 * holds too few neutral mentions of a group, and the model learns that naming a group is
 * hate ("Moslims vieren vandaag het suikerfeest" scored as hate). They train the hate head
 * and bound its Dutch and French thresholds like HateCheck bounds the English one. Each
 * frame is one fold group, so a held-out frame is never seen in another group's wording.
 */
type Frame = { functionality: string; text: string };
type Group = { target?: TargetId; name: string };

const GROUPS: Record<'nl' | 'fr', readonly Group[]> = {
  nl: [
    { target: 'muslims', name: 'moslims' },
    { target: 'jews', name: 'joden' },
    { target: 'migrants', name: 'vluchtelingen' },
    { target: 'migrants', name: 'migranten' },
    { target: 'lgbtq', name: "homo's" },
    { target: 'lgbtq', name: 'transpersonen' },
    { target: 'women', name: 'vrouwen' },
    { target: 'black', name: 'zwarte mensen' },
    { target: 'disabled', name: 'mensen met een beperking' },
    { target: 'roma', name: 'Roma' },
    { name: 'Marokkanen' },
    { name: 'christenen' },
  ],
  fr: [
    { target: 'muslims', name: 'musulmans' },
    { target: 'jews', name: 'juifs' },
    { target: 'migrants', name: 'réfugiés' },
    { target: 'migrants', name: 'migrants' },
    { target: 'lgbtq', name: 'homosexuels' },
    { target: 'lgbtq', name: 'personnes trans' },
    { target: 'women', name: 'femmes' },
    { target: 'black', name: 'personnes noires' },
    { target: 'disabled', name: 'personnes handicapées' },
    { target: 'roma', name: 'Roms' },
    { name: 'Marocains' },
    { name: 'chrétiens' },
  ],
};

const n = (text: string): Frame => ({ functionality: 'ident_neutral_nh', text });
const p = (text: string): Frame => ({ functionality: 'ident_pos_nh', text });
const neg = (text: string): Frame => ({ functionality: 'negate_neg_nh', text });
const c = (text: string): Frame => ({ functionality: 'counter_ref_nh', text });

const FRAMES: Record<'nl' | 'fr', readonly Frame[]> = {
  nl: [
    n('{G} vieren dit weekend feest in het park.'),
    n('In onze straat wonen veel {G}.'),
    n('Ik werk samen met een paar {G}.'),
    n('De gemeente organiseert een infoavond voor {G}.'),
    n('Volgens de studie wonen er in de stad meer {G} dan tien jaar geleden.'),
    n('Mijn collega vertelde vandaag over {G} in haar wijk.'),
    n('Er waren ook {G} op de vergadering van gisteren.'),
    n('Hoeveel {G} wonen er eigenlijk in België?'),
    n('De krant schrijft vandaag over {G} en de huurmarkt.'),
    n('Op de markt stonden ook kraampjes van {G}.'),
    p('{G} zijn welkom in onze stad.'),
    p('Ik ben blij dat er {G} in onze buurt wonen.'),
    p('Mooi om te zien hoe {G} meehelpen bij de opkuis. Respect!'),
    p('{G} verdienen dezelfde kansen als iedereen.'),
    p('Bedankt aan alle {G} die vrijwilliger waren op het buurtfeest.'),
    p('Onze {G} maken deze stad sterker.'),
    neg('Ik haat {G} niet, helemaal niet.'),
    neg('{G} zijn geen probleem voor deze stad.'),
    neg('Niemand zou {G} mogen uitschelden.'),
    neg('{G} zijn niet minder waard dan wie ook.'),
    c('Wie {G} ratten noemt, moet zich schamen.'),
    c('Haat tegen {G} is onaanvaardbaar, meld zulke berichten.'),
    c('Dat soort opmerkingen over {G} is gewoon racisme.'),
    c('Stop met {G} als zondebok te gebruiken.'),
    n('Voor {G} is er vanaf maandag een spreekuur bij het OCMW.'),
    n('De vzw helpt {G} bij het zoeken naar werk.'),
    n('Sommige {G} krijgen steun van de buurtwerkers.'),
    n('Het stadsbestuur praat volgende week met {G} over de buurtwerking.'),
  ],
  fr: [
    n('Les {G} font la fête ce week-end dans le parc.'),
    n('Beaucoup de {G} habitent dans notre rue.'),
    n('Je travaille avec quelques {G}.'),
    n('La commune organise une soirée d’information pour les {G}.'),
    n('Selon l’étude, il y a plus de {G} en ville qu’il y a dix ans.'),
    n('Ma collègue m’a parlé des {G} de son quartier.'),
    n('Il y avait aussi des {G} à la réunion d’hier.'),
    n('Combien de {G} vivent en Belgique ?'),
    n('Le journal parle aujourd’hui des {G} et du logement.'),
    n('Au marché, il y avait aussi des stands tenus par des {G}.'),
    p('Les {G} sont les bienvenus dans notre ville.'),
    p('Je suis content que des {G} vivent dans notre quartier.'),
    p('Bravo aux {G} qui ont aidé au nettoyage. Respect !'),
    p('Les {G} méritent les mêmes chances que tout le monde.'),
    p('Merci à tous les {G} bénévoles de la fête de quartier.'),
    p('Nos {G} rendent cette ville plus forte.'),
    neg('Je ne déteste pas les {G}, pas du tout.'),
    neg('Les {G} ne sont pas un problème pour cette ville.'),
    neg('Personne ne devrait insulter les {G}.'),
    neg('Les {G} ne valent pas moins que les autres.'),
    c('Traiter les {G} de rats, c’est honteux.'),
    c('La haine contre les {G} est inacceptable, signalez ces messages.'),
    c('Ces remarques sur les {G}, c’est du racisme pur.'),
    c('Arrêtez de faire des {G} des boucs émissaires.'),
    n('Une permanence pour les {G} ouvre lundi au CPAS.'),
    n('L’association aide les {G} à trouver du travail.'),
    n('Certains {G} reçoivent le soutien des travailleurs de quartier.'),
    n('La ville rencontre les {G} la semaine prochaine pour parler du quartier.'),
  ],
};

/** Every frame with every group: non-hateful rows for training (never text of a dataset). */
export function contrastCases(): LabelledRow[] {
  const rows: LabelledRow[] = [];
  for (const lang of ['nl', 'fr'] as const) {
    FRAMES[lang].forEach((frame, f) => {
      GROUPS[lang].forEach((group, g) => {
        rows.push({
          dataset: `contrast-${lang}`,
          id: `${lang}-${f}-${g}`,
          lang,
          text: capitalise(frame.text.replace('{G}', group.name)),
          hateful: false,
          toxic: false,
          violent: false,
          ...(group.target ? { target: group.target } : {}),
          functionality: frame.functionality,
          fold: foldOf(`contrast:${lang}:${f}`),
        });
      });
    });
  }
  return rows;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
