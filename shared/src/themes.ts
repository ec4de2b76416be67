/**
 * The default theme taxonomy, as data. Terms are lowercase words or short phrases; the
 * worker stems them with the same stemmer it uses on posts. `cues` only count when a
 * target group is mentioned in the same post (`needsTarget`), which keeps neutral
 * mentions of a group and group-less insults out of the hate theme.
 */
export const THEME_IDS = [
  'hate',
  'far_right',
  'islamist',
  'antisemitism',
  'conspiracy',
  'disinfo',
  'polarisation',
  'threats',
  'local',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

/** The pseudo-theme every analysed post counts in (total volume). */
export const ALL = 'all' as const;

export type Label = { nl: string; fr: string; en: string };
export type Terms = { nl: string[]; fr: string[]; en: string[]; any: string[] };

export type ThemeDef = {
  id: ThemeId;
  label: Label;
  /** Counts towards `hateScore` / `hateful`. */
  hateful: boolean;
  /** Only scored when a target group is mentioned too. */
  needsTarget: boolean;
  terms: Terms;
  /**
   * Claims about a group that carry this theme only when the post names that group
   * ("… controleren de media" is an antisemitic trope when Jews are named, nothing otherwise).
   */
  tropes?: Partial<Record<TargetId, Terms>>;
};

export const TARGET_IDS = ['migrants', 'muslims', 'jews', 'black', 'lgbtq', 'women', 'disabled', 'roma'] as const;
export type TargetId = (typeof TARGET_IDS)[number];

export const TARGETS: Record<TargetId, Terms> = {
  migrants: {
    nl: [
      'buitenlanders',
      'vreemdelingen',
      'illegalen',
      'gelukzoekers',
      'migranten',
      'migrant',
      'vluchtelingen',
      'vluchteling',
      'asielzoekers',
      'asielzoeker',
      'allochtonen',
      'nieuwkomers',
    ],
    fr: [
      'immigré',
      'sans-papiers',
      'clandestins',
      'immigrant',
      'immigrants',
      'migrants',
      'migrant',
      'réfugiés',
      'réfugié',
      'demandeurs d asile',
      'immigrés',
      'étrangers',
    ],
    en: [
      'immigrant',
      'illegals',
      'illegal aliens',
      'migrants',
      'migrant',
      'refugees',
      'refugee',
      'asylum seekers',
      'immigrants',
      'foreigners',
    ],
    any: [],
  },
  muslims: {
    nl: ['moslima', 'islamitische', 'moslimgemeenschap', 'moslims', 'moslim', 'islam', 'islamieten', 'moskee'],
    fr: ['musulmane', 'musulmanes', 'musulmans', 'musulman', 'islam', 'mosquée'],
    en: ['muslim community', 'muslims', 'muslim', 'islam', 'mosque'],
    any: [],
  },
  jews: {
    nl: ['jodendom', 'joodse gemeenschap', 'joden', 'jood', 'joodse', 'synagoge', 'rabbijn'],
    fr: ['juives', 'israélites', 'communauté juive', 'juifs', 'juif', 'juive', 'synagogue', 'rabbin'],
    en: ['jewish community', 'jewish people', 'jews', 'jew', 'jewish', 'synagogue', 'rabbi'],
    any: [],
  },
  black: {
    nl: ['zwarte', 'zwarte man', 'zwarte vrouw', 'donkere mensen', 'zwarten', 'zwarte mensen', 'afrikanen'],
    fr: ['noir', 'noire', 'personnes noires', 'renois', 'noirs', 'africains'],
    en: ['black person', 'blacks', 'black man', 'black men', 'black women', 'black people', 'africans'],
    any: [],
  },
  lgbtq: {
    nl: [
      "homo's",
      'lesbiennes',
      'lesbienne',
      'transpersonen',
      'transgender',
      'queer',
      'biseksuelen',
      "holebi's",
      'homo',
      'homos',
      'holebi',
      'holebis',
      'transgenders',
      'lgbt',
      'trans personen',
      'homoseksuelen',
      'homoseksuele',
      'homoseksueel',
      'lesbische',
    ],
    fr: [
      'gay',
      'lesbiennes',
      'trans',
      'transgenres',
      'homos',
      'queer',
      'bisexuels',
      'homosexuels',
      'gays',
      'lgbt',
      'personnes trans',
      'homosexuel',
      'homosexuelle',
      'homosexuelles',
    ],
    en: [
      'gay',
      'gay person',
      'gay men',
      'lesbians',
      'lesbian',
      'trans person',
      'transgender',
      'queer',
      'bisexuals',
      'homosexual',
      'gays',
      'gay people',
      'lgbt',
      'trans people',
      'homosexuals',
    ],
    any: ['lgbtq'],
  },
  women: {
    nl: ['vrouw', 'meisjes', 'wijven', 'vrouwen', 'feministen'],
    fr: ['femme', 'filles', 'meufs', 'femmes', 'féministes'],
    en: ['woman', 'girls', 'females', 'women', 'feminists'],
    any: [],
  },
  disabled: {
    nl: ['gehandicapte', 'mensen met een handicap', 'rolstoelgebruikers', 'gehandicapten', 'mensen met een beperking'],
    fr: ['handicapé', 'handicapée', 'personnes en situation de handicap', 'handicapés', 'personnes handicapées'],
    en: ['disabled person', 'disabled', 'handicapped', 'wheelchair users', 'disabled people', 'the disabled'],
    any: [],
  },
  roma: {
    nl: ['woonwagenbewoners', 'roma', 'zigeuners'],
    fr: ['gitans', 'roma', 'roms', 'tsiganes'],
    en: ['romani', 'travellers', 'roma', 'gypsies'],
    any: [],
  },
};

const label = (nl: string, fr: string, en: string): Label => ({ nl, fr, en });

export const THEMES: readonly ThemeDef[] = [
  {
    id: 'hate',
    label: label('Haatspraak', 'Discours de haine', 'Hate speech'),
    hateful: true,
    needsTarget: true,
    terms: {
      nl: [
        'haat',
        'haten',
        'walg van',
        'parasieten',
        'tuig',
        'uitschot',
        'ongedierte',
        'plaag',
        'buitengooien',
        'terug naar hun land',
        'horen hier niet',
        'profiteurs',
        'minderwaardig',
        'walgelijk volk',
      ],
      fr: [
        'déteste',
        'détestons',
        'parasites',
        'racaille',
        'vermine',
        'fléau',
        'dehors',
        'rentrez chez vous',
        'inférieurs',
        'profiteurs',
      ],
      en: [
        'hate',
        'despise',
        'parasites',
        'vermin',
        'scum',
        'plague',
        'go back where',
        'subhuman',
        'inferior',
        'invaders',
      ],
      any: [],
    },
  },
  {
    id: 'far_right',
    label: label('Rechts-extremisme', 'Extrême droite', 'Right-wing extremism'),
    hateful: false,
    needsTarget: false,
    terms: {
      nl: [
        'omvolking',
        'remigratie',
        'grote vervanging',
        'eigen volk eerst',
        'volksvreemd',
        'blank ras',
        'etnische zuivering',
        'islamisering',
        'stop de islamisering',
      ],
      fr: ['grand remplacement', 'remigration', 'race blanche', 'identitaire', 'islamisation'],
      en: ['great replacement', 'remigration', 'white genocide', 'white race', 'ethnostate', 'islamisation'],
      any: ['14 words', '1488'],
    },
    tropes: {
      // Replacement and invasion framing, and the "they will impose sharia" claim.
      migrants: {
        nl: ['vervangen ons', 'ons vervangen', 'worden vervangen', 'nemen ons land over', 'overspoelen ons', 'invasie'],
        fr: ['nous remplacent', 'nous remplacer', 'envahissent', 'invasion', 'nous submergent'],
        en: ['replacing us', 'replace us', 'taking over our', 'invasion', 'flooding our', 'overrunning'],
        any: [],
      },
      muslims: {
        nl: ['vervangen ons', 'ons vervangen', 'nemen ons land over', 'sharia invoeren', 'sharia opleggen'],
        fr: ['nous remplacent', 'nous remplacer', 'imposer la charia', 'envahissent'],
        en: ['replacing us', 'replace us', 'taking over our', 'impose sharia'],
        any: [],
      },
    },
  },
  {
    id: 'islamist',
    label: label('Islamistisch extremisme', 'Extrémisme islamiste', 'Islamist extremism'),
    hateful: false,
    needsTarget: false,
    terms: {
      nl: ['kalifaat', 'jihad', 'ongelovigen', 'kafir', 'martelaar', 'shariastaat', 'gewapende strijd'],
      fr: ['califat', 'djihad', 'mécréants', 'kouffar', 'martyr', 'charia'],
      en: ['caliphate', 'jihad', 'infidels', 'kuffar', 'martyrdom', 'sharia state'],
      any: ['isis', 'daesh'],
    },
  },
  {
    id: 'antisemitism',
    label: label('Antisemitisme', 'Antisémitisme', 'Antisemitism'),
    hateful: true,
    needsTarget: false,
    terms: {
      nl: [
        'zionistische elite',
        'joodse lobby',
        'rothschilds',
        'joods complot',
        'holocaust is een leugen',
        'holocaust is nooit gebeurd',
        'holocaust nooit gebeurd',
        'holocaustleugen',
        'wereldjodendom',
      ],
      fr: [
        'lobby juif',
        'élite sioniste',
        'complot juif',
        'rothschild',
        'holocauste n a jamais existé',
        'shoah n a jamais existé',
        'mensonge de l holocauste',
      ],
      en: [
        'jewish lobby',
        'zionist elite',
        'rothschilds',
        'jewish conspiracy',
        'holohoax',
        'zog',
        'holocaust never happened',
        'holocaust didn t happen',
        'holocaust is a lie',
      ],
      any: [],
    },
    tropes: {
      // Control, hidden power and disloyalty: antisemitic without a single bad word.
      jews: {
        nl: [
          'controleren de media',
          'de media controleren',
          'controleren de banken',
          'de banken controleren',
          'media in handen',
          'banken in handen',
          'trekken aan de touwtjes',
          'aan de touwtjes trekken',
          'regeren de wereld',
          'de wereld regeren',
          'zitten overal achter',
          'zitten erachter',
          'te veel macht',
          'dubbele loyaliteit',
        ],
        fr: [
          'contrôlent les médias',
          'contrôlent la finance',
          'contrôlent les banques',
          'tirent les ficelles',
          'dirigent le monde',
          'contrôlent le monde',
          'derrière tout ça',
          'trop de pouvoir',
          'double allégeance',
        ],
        en: [
          'control the media',
          'control the banks',
          'own the media',
          'own the banks',
          'run the world',
          'control the world',
          'pull the strings',
          'behind it all',
          'too much power',
          'dual loyalty',
          'control hollywood',
        ],
        any: [],
      },
    },
  },
  {
    id: 'conspiracy',
    label: label('Complotdenken', 'Complotisme', 'Conspiracy thinking'),
    hateful: false,
    needsTarget: false,
    terms: {
      nl: [
        'plandemie',
        'chemtrails',
        'deep state',
        'nieuwe wereldorde',
        'ze verzwijgen',
        'doe je eigen onderzoek',
        'gecontroleerde media',
        'schapen',
        'wakker worden',
        'great reset',
      ],
      fr: [
        'plandémie',
        'chemtrails',
        'état profond',
        'nouvel ordre mondial',
        'on nous cache',
        'moutons',
        'réveillez-vous',
      ],
      en: [
        'plandemic',
        'chemtrails',
        'deep state',
        'new world order',
        'they hide',
        'do your own research',
        'sheeple',
        'wake up',
        'great reset',
      ],
      any: ['nwo', '5g'],
    },
  },
  {
    id: 'disinfo',
    label: label('Desinformatie', 'Désinformation', 'Disinformation'),
    hateful: false,
    needsTarget: false,
    terms: {
      nl: [
        'vaccins veroorzaken',
        'verkiezingen gestolen',
        'nepnieuws',
        'gelekt document',
        'de media zwijgen',
        'deel voor het verwijderd wordt',
        'klimaatleugen',
      ],
      fr: [
        'élections volées',
        'vaccins causent',
        'document fuité',
        'partagez avant suppression',
        'les médias se taisent',
      ],
      en: [
        'vaccines cause',
        'stolen election',
        'leaked document',
        'share before it gets deleted',
        'media won t tell',
        'climate hoax',
      ],
      any: [],
    },
    tropes: {
      // Welfare myths about newcomers, the commonest local disinformation.
      migrants: {
        nl: [
          'krijgen alles gratis',
          'gratis huis',
          'gratis woning',
          'gratis gsm',
          'voorrang op een sociale woning',
          'meer dan onze gepensioneerden',
          'meer dan onze ouderen',
        ],
        fr: [
          'reçoivent tout gratuitement',
          'tout gratuit',
          'logement gratuit',
          'priorité pour les logements sociaux',
          'plus que nos retraités',
        ],
        en: [
          'get everything for free',
          'free houses',
          'free housing',
          'jump the queue for',
          'more than our pensioners',
          'more than our veterans',
        ],
        any: [],
      },
    },
  },
  {
    id: 'polarisation',
    label: label('Polarisatie', 'Polarisation', 'Polarisation'),
    hateful: false,
    needsTarget: false,
    terms: {
      nl: [
        'wij tegen zij',
        'die mensen',
        'onze cultuur',
        'ons land',
        'verraders',
        'zakkenvullers',
        'landverraders',
        'zij pakken alles',
        'genoeg is genoeg',
        'onze eigen mensen',
      ],
      fr: ['nous contre eux', 'ces gens', 'notre culture', 'traîtres', 'ils prennent tout', 'ça suffit'],
      en: ['us versus them', 'those people', 'our culture', 'traitors', 'they take everything', 'enough is enough'],
      any: [],
    },
  },
  {
    id: 'threats',
    label: label('Bedreiging en geweld', 'Menaces et violence', 'Threats and violence'),
    hateful: true,
    needsTarget: false,
    terms: {
      nl: [
        'afmaken',
        'kapotslaan',
        'in brand steken',
        'opknopen',
        'neerschieten',
        'een kogel',
        'verdienen de dood',
        'moeten boeten',
        'afrekenen met',
      ],
      fr: ['brûler', 'abattre', 'buter', 'pendre', 'méritent la mort', 'une balle', 'régler leur compte'],
      en: ['burn it down', 'shoot them', 'hang them', 'deserve to die', 'a bullet', 'kill them', 'make them pay'],
      any: [],
    },
  },
  {
    id: 'local',
    label: label('Lokale aandachtspunten', 'Sujets locaux', 'Local watch topics'),
    hateful: false,
    needsTarget: false,
    terms: {
      nl: [
        'gemeentehuis',
        'stadhuis',
        'burgemeester',
        'schepen',
        'gemeenteraad',
        'recyclagepark',
        'containerpark',
        'wegenwerken',
        'kermis',
        'jaarmarkt',
        'opvangcentrum',
        'wijkagent',
        'bibliotheek',
        'zwembad',
      ],
      fr: [
        'maison communale',
        'hôtel de ville',
        'bourgmestre',
        'échevin',
        'conseil communal',
        'travaux',
        'centre d accueil',
        'piscine',
      ],
      en: ['town hall', 'city hall', 'mayor', 'city council', 'roadworks', 'reception centre'],
      any: [],
    },
  },
];

export function themeLabel(id: string): Label {
  if (id === ALL) return label('Alle berichten', 'Tous les messages', 'All posts');
  const def = THEMES.find((t) => t.id === id);
  return def ? def.label : label(id, id, id);
}
