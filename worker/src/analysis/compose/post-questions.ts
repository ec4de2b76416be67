import { PostReading } from './post-reading';

/** How far before a good word "nog" or "denken dat ze" in a why-question may come. */
const WHY_STILL_REACH = 8;
/** How near the start of a question its negation makes it ask for assent ("zijn X niet …?"). */
const POLAR_REACH = 4;
/** How many words at the end of a question a tag asking for assent may take ("n'est-ce pas"). */
const TAG_LENGTH = 3;

/** Questions: which ask for assent, which ask why, and which ask whether a group ever did. */
export abstract class PostQuestions extends PostReading {
  asks(sentence: number): boolean {
    return this.asked.has(sentence);
  }
  askedEver(pos: number): boolean {
    return this.question && this.of('ever').some((p) => p < pos && this.sentence[p] === this.sentence[pos]);
  }
  askedBy(pos: number): boolean {
    if (!this.asked.has(this.sentence[pos] as number)) return false;
    const sentence = this.sentence[pos];
    return [...this.of('wh'), ...this.of('rhetorical')].some((p) => p < pos && this.sentence[p] === sentence);
  }
  polar(pos: number, verbFirst = false): boolean {
    if (!this.question) return false;
    const sentence = this.sentence[pos] as number;
    if (!this.asked.has(sentence)) return false;
    let start = pos;
    while (start > 0 && this.sentence[start - 1] === sentence) start--;
    // A question that opens with a question word asks something; "zijn X niet …" asks for assent.
    if (this.of('rhetorical').includes(start) || this.of('what').includes(start) || this.of('wh').includes(start))
      return false;
    if (verbFirst && !this.of('copula').includes(start) && !this.of('modal').includes(start)) return false;
    let end = pos;
    while (end + 1 < this.n && this.sentence[end + 1] === sentence) end++;
    // In the clause the question mark ends: "Je ne hais pas les X, qu'est-ce que tu racontes ?" denies.
    return this.negation.some((p) => p >= start && p - start < POLAR_REACH && this.clause[p] === this.clause[end]);
  }
  askedWhyStill(pos: number): boolean {
    if (!this.question) return false;
    const sentence = this.sentence[pos];
    const before = (p: number) => p < pos && pos - p <= WHY_STILL_REACH && this.sentence[p] === sentence;
    // "Waarom mogen vrouwen nog steeds *niet* rijden?" asks why the good thing is withheld.
    if (this.negation.some((p) => this.sentence[p] === sentence)) return false;
    return this.of('rhetorical').some(before) && (this.of('still').some(before) || this.of('presume').some(before));
  }
  rhetorical(pos: number): boolean {
    if (!this.question) return false;
    const sentence = this.sentence[pos];
    const before = (p: number) => p < pos && this.sentence[p] === sentence;
    if (this.of('rhetorical').some(before)) return true;
    // A tag that ends the question ("…, peut-être ?", "…, toch?", "…, right?") asks for assent.
    let end = pos;
    while (end + 1 < this.n && this.sentence[end + 1] === sentence) end++;
    if (this.of('rhetorical').some((p) => p > pos && end - p < TAG_LENGTH && this.sentence[p] === sentence))
      return true;
    return this.of('relative').some((p) => before(p) && this.mentionAt[p - 1] === true);
  }
}
