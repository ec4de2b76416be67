/**
 * The shape of a post the detector reasons over: clauses (punctuation and words such as
 * "maar", "but", "mais" start one), sentences, and where the function words are —
 * negations, copulas, modals, statements of intent, speech verbs, pronouns, the addressee.
 * Positions are token indexes after spelling repair.
 */
export type Structure = {
  clause: number[];
  sentence: number[];
  pronouns: { pos: number; len: number }[];
  question: boolean;
  /** The "(((echo)))" around a name: a coded antisemitic marker. */
  echo: boolean;
  negates(pos: number, len: number, before: number, after: number): boolean;
  negatedBefore(pos: number, reach: number): boolean;
  /** A statement of intent, a modal, or a command ("Schiet ze dood") near a verb of harm. */
  triggered(pos: number, reach: number): boolean;
  modalNear(pos: number, reach: number): boolean;
  secondPerson(pos: number): boolean;
  clauseEnd(pos: number): boolean;
  /** A "maar" / "but" / "mais" between two positions (in either order). */
  boundaryBetween(a: number, b: number): boolean;
  negationBetween(from: number, to: number): boolean;
  /** "niet minder waard", "not worth less": a comparison that undoes the denial of a good word. */
  lessNear(pos: number): boolean;
  /** A complementizer ("dat", "that", "que") right here: what follows is a clause, not an object. */
  complementAfter(pos: number): boolean;
  /** The attack is said *of* the mention: right before it, or linked to it by a copula. */
  saidOf(aPos: number, aLen: number, mPos: number, mLen: number, loose: boolean): boolean;
  /** The group is the subject a copula links a later word to ("die X zijn walgelijk"). */
  subjectOf(mPos: number, mLen: number, aPos: number): boolean;
  /** A preposition right before the group (or its determiner): "haat *tegen* moslims". */
  governed(mPos: number): boolean;
  /**
   * An emotion named as a thing: an article right before it and no speaker from just before it to the group
   * ("le mépris envers les Roms"; not "the hatred I feel for …", "nothing but loathing for …").
   */
  namedAsThing(pos: number, groupPos: number): boolean;
  /**
   * A negation in a rhetorical question does not deny: "why can't X just …", "isn't it
   * obvious X …", "ever met an X who wasn't …" (a relative clause right after the group).
   */
  rhetorical(pos: number): boolean;
  /** A question that asks "ever" or "how long" before pos: "what have X ever done?", "how long will we tolerate X?" */
  askedEver(pos: number): boolean;
  /** A personal pronoun ("ze", "ils", "they"), which may point ahead; "die", "ces", "those" do not. */
  personal(pos: number): boolean;
  /** A word for a people ("whites", "ons volk", "les Européens") within `reach` in the sentence. */
  peopleNear(pos: number, reach: number): boolean;
  /**
   * Words that pick out some of the group's members: right before it ("criminele
   * asielzoekers"), or a relative clause right after it that names a condition of law or
   * deed ("asielzoekers die geen recht hebben op bescherming", "those who commit crimes").
   */
  restricted(pos: number, len: number): boolean;
  /**
   * A question that asks for assent, its negation near its start and no question word
   * opening it ("Zijn X niet gewoon …?", "Les X ne sont-ils pas …?", "Shouldn't we …?"):
   * its negation denies nothing, it asserts. `verbFirst`: only one that opens with its verb
   * ("Zijn X niet gewoon mensen zoals wij?").
   */
  polar(pos: number, verbFirst?: boolean): boolean;
  /** "van (de)", "door (de)", "by (the)", "des", "par (les)" right before: what did it or owns it. */
  agentive(pos: number): boolean;
  /** The group is what something is said to be: a copula just before it ("het zijn X", "ce sont des X"). */
  identifiedAs(mPos: number): boolean;
  /** Where the post speaks to someone ("je", "tu", "you"). */
  addressees(): readonly number[];
  /** A word of halting ("stop", "arrêter") inside this span: a call to stop something. */
  halting(pos: number, len: number): boolean;
  /** A third-person singular pronoun here ("hij", "elle", "she"). */
  thirdPerson(pos: number): boolean;
  /** The speaker right after a verb ("… disgusts *me*", "… me dégoûte"): the speaker feels it. */
  speakerAfter(pos: number): boolean;
  /** A group named by its legal status ("illegalen", "sans-papiers"): context.tsv `status`. */
  byStatus(pos: number): boolean;
  /**
   * The group a later clause of reason or condition says they are ("…, omdat het moslims
   * zijn", "…, especially if they are X", "… parce que ce sont des X"): its position.
   */
  identifiedLater(pos: number): number | undefined;
  /**
   * In a condition opening its sentence, before the clause it conditions ("Als moslims hier
   * niet welkom zijn, ga ik ook weg"): supposed, not said. Not a condition contrary to fact
   * ("If they weren't such …, …"), which says they are.
   */
  supposed(pos: number): boolean;
  /** Words of idioms between two positions ("X can't help themselves but be …"): no distance. */
  idiomWordsBetween(from: number, to: number): number;
  /** The sentence is a question. */
  asks(sentence: number): boolean;
  /** In a question a question word opens before it ("Hoeveel X moeten er nog sterven?"). */
  askedBy(pos: number): boolean;
  /** A why-question with "still" or "think they are" before the word ("Waarom laten we X nog stemmen?"). */
  askedWhyStill(pos: number): boolean;
  /** The addressee is said to be of the group: "als je X bent", "si tu es X", "if you're a X". */
  addressedAs(mPos: number): boolean;
  /** A wish, a call or an intent before it in the sentence ("als ze zouden", "ik zal ervoor zorgen dat"). */
  wished(pos: number, reach: number): boolean;
  /**
   * One person described ("een hysterische vrouw", "a stupid woman"): an article, then the
   * attack, then a singular name. Said of one, it is an insult, not hate against the group.
   */
  individual(aPos: number, mPos: number, mLen: number): boolean;
  /** A member speaking ("als homo", "wij flikkers"): a reclaimed word, not a slur. */
  selfIdentified(pos: number): boolean;
  /** Someone else's words: a speech verb in its clause (not "ik zeg"), or quoted with words around it. */
  reportedAt(pos: number): boolean;
  /** "ik heb nooit gezegd dat …", "I never said that …": the speaker denies the words. */
  deniedSpeech(pos: number): boolean;
  /** The same, anywhere in the sentence: a news line about a claim ("…, critics say"). */
  reportedInSentence(pos: number): boolean;
  /** Inside quotation marks. */
  quotedAt(pos: number): boolean;
  /**
   * A group named alone as the topic, in a short clause right before pos's clause
   * ("Dat vluchtelingenvolk, ik walg ervan", "Les gitans, bande de connards"): its position.
   */
  topicBefore(pos: number): number | undefined;
  /** The speaker right before pos ("ik geloof", "I think"), not a possession ("mijn nonkel denkt"). */
  speakerBefore(pos: number): boolean;
};
