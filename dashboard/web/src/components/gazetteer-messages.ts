import type { GazetteerKind } from '@trendwacht/shared';
import type { UiLang } from '../messages';

/** UI strings of the local relevance settings (GazetteerSetup): Dutch first, then French and English. */
const nl = {
  title: 'Lokale relevantie',
  intro:
    'Alleen berichten over je gemeente tellen mee: ze noemen een naam uit deze lijst, of komen uit een bron die je als lokaal aanduidt. Een plaatsnaam die ook een gewoon woord is (Geel, Mol, Lier) telt alleen in context ("in Geel", "naar Mol", een postcode ernaast).',
  off: 'Uit: elk bericht van je bronnen telt mee. Vul minstens de naam van je gemeente in om te filteren.',
  on: 'Aan: {names} namen, {sources} lokale bronnen.',
  counted: '{posts} berichten geteld, {irrelevant} niet over de gemeente (niet geteld).',
  onePerLine: 'één per regel',
  municipality: 'Naam van de gemeente (ook in andere talen)',
  deelgemeente: 'Deelgemeenten en wijken',
  street: 'Straten',
  square: 'Pleinen',
  landmark: 'Gebouwen, parken, bezienswaardigheden',
  postcode: 'Postcodes',
  hashtag: 'Lokale hashtags (zonder #)',
  officials: 'Mandatarissen (burgemeester, schepenen): mogen als term verschijnen, bv. bij bedreigingen',
  localSources: 'Lokale bronnen (naam van de bron): tellen mee zonder plaatsnaam',
  save: 'Opslaan',
  saved: 'Opgeslagen.',
  importTitle: 'Importeren uit CSV',
  importHelp:
    'Kolommen kind,name (of ;). kind is municipality, deelgemeente, street, square, landmark, postcode, hashtag of official. De regels vullen de lijsten hierboven aan; daarna opslaan.',
  importFile: 'CSV-bestand',
  imported: '{rows} regels gelezen, {errors} met een fout.',
  importError: 'Regel {line}: {message}',
  download: 'Downloaden als CSV',
};
type Strings = typeof nl;

const fr: Strings = {
  title: 'Pertinence locale',
  intro:
    'Seuls les messages sur votre commune comptent : ils citent un nom de cette liste ou viennent d’une source que vous marquez locale. Un nom de lieu qui est aussi un mot courant (Geel, Mol, Lier) ne compte qu’en contexte (« à Lier », un code postal à côté).',
  off: 'Désactivée : chaque message de vos sources compte. Indiquez au moins le nom de votre commune pour filtrer.',
  on: 'Activée : {names} noms, {sources} sources locales.',
  counted: '{posts} messages comptés, {irrelevant} hors commune (non comptés).',
  onePerLine: 'un par ligne',
  municipality: 'Nom de la commune (aussi dans d’autres langues)',
  deelgemeente: 'Sections et quartiers',
  street: 'Rues',
  square: 'Places',
  landmark: 'Bâtiments, parcs, lieux connus',
  postcode: 'Codes postaux',
  hashtag: 'Hashtags locaux (sans #)',
  officials: 'Mandataires (bourgmestre, échevins) : peuvent apparaître comme termes, p. ex. en cas de menaces',
  localSources: 'Sources locales (nom de la source) : comptent sans nom de lieu',
  save: 'Enregistrer',
  saved: 'Enregistré.',
  importTitle: 'Importer un CSV',
  importHelp:
    'Colonnes kind,name (ou ;). kind vaut municipality, deelgemeente, street, square, landmark, postcode, hashtag ou official. Les lignes complètent les listes ci-dessus ; enregistrez ensuite.',
  importFile: 'Fichier CSV',
  imported: '{rows} lignes lues, {errors} en erreur.',
  importError: 'Ligne {line} : {message}',
  download: 'Télécharger en CSV',
};

const en: Strings = {
  title: 'Local relevance',
  intro:
    'Only posts about your municipality count: they name something on this list, or come from a source you mark as local. A place name that is also an ordinary word (Geel, Mol, Lier) counts only in context ("in Geel", "to Mol", a postcode next to it).',
  off: 'Off: every post of your sources counts. Enter at least your municipality’s name to filter.',
  on: 'On: {names} names, {sources} local sources.',
  counted: '{posts} posts counted, {irrelevant} not about the municipality (not counted).',
  onePerLine: 'one per line',
  municipality: 'Name of the municipality (also in other languages)',
  deelgemeente: 'Sub-municipalities and districts',
  street: 'Streets',
  square: 'Squares',
  landmark: 'Buildings, parks, landmarks',
  postcode: 'Postcodes',
  hashtag: 'Local hashtags (without #)',
  officials: 'Officials (mayor, aldermen): may appear as terms, e.g. when threatened',
  localSources: 'Local sources (source name): count without a place name',
  save: 'Save',
  saved: 'Saved.',
  importTitle: 'Import from CSV',
  importHelp:
    'Columns kind,name (or ;). kind is municipality, deelgemeente, street, square, landmark, postcode, hashtag or official. The rows are added to the lists above; then save.',
  importFile: 'CSV file',
  imported: '{rows} rows read, {errors} with an error.',
  importError: 'Line {line}: {message}',
  download: 'Download as CSV',
};

export const GAZETTEER_MESSAGES: Record<UiLang, Strings> = { nl, fr, en };
export type GazetteerMessage = keyof Strings;
export type GazetteerField = GazetteerKind | 'officials' | 'localSources';
