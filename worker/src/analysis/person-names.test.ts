import { describe, expect, it } from 'vitest';
import { personNameWords, withoutNames } from './person-names';

describe('person names are never terms', () => {
  it('finds names after titles, capitalised first names and the surnames that follow', () => {
    expect(personNameWords('nl', 'Schepen Vanderkluisvelde liegt weer over de asielopvang')).toEqual(
      new Set(['vanderkluisvelde']),
    );
    expect(personNameWords('nl', 'Ik zag Jan van Dijk op de markt in Gent')).toEqual(new Set(['jan', 'dijk']));
    expect(personNameWords('fr', 'Mme Dubois et Pierre Lambert ont menti')).toEqual(
      new Set(['dubois', 'pierre', 'lambert']),
    );
    expect(personNameWords('en', 'councillor Smith lied again, said Mary Jones')).toEqual(
      new Set(['smith', 'mary', 'jones']),
    );
  });

  it('leaves ordinary words, places, lower-case first names and shouting alone', () => {
    expect(personNameWords('nl', 'De kermis in Aalst was weer een succes')).toEqual(new Set());
    expect(personNameWords('en', 'mark my words, the mayor will resign')).toEqual(new Set());
    expect(personNameWords('nl', 'de schepen ZWIJGT weer')).toEqual(new Set());
  });

  it('keeps the officials a tenant lists, and drops every term holding a name word', () => {
    const names = personNameWords('nl', 'Burgemeester Peeters en schepen Goossens', new Set(['peeters']));
    expect(names).toEqual(new Set(['goossens']));
    expect(withoutNames(['schepen', 'goossens', 'schepen goossens', 'peeters'], names)).toEqual(['schepen', 'peeters']);
  });
});
