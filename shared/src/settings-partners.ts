import { z } from 'zod';
import { GUIDANCE, PARTNERS } from './guidance';
import { THEME_IDS, type ThemeId } from './themes';

/**
 * Expert partners: organisations a municipality calls about a theme (radicalisation,
 * mental health, theology…). Each tenant keeps its own list on the settings page; the
 * narrative page shows the partners of a narrative's theme. Contacts are the
 * organisation's public ones (a contact page, a general e-mail address or phone line),
 * never a person's.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

/** What a partner helps with, per UI language; Dutch first, the others fall back to it. */
export const PartnerExpertiseSchema = z.object({
  nl: text(300),
  fr: text(300).optional(),
  en: text(300).optional(),
});

export const PartnerContactSchema = z.object({
  /** The organisation's public contact page (https). */
  url: z
    .string()
    .trim()
    .url()
    .regex(/^https:\/\//, 'a contact page starts with https://')
    .max(300)
    .optional(),
  /** The organisation's general e-mail address. */
  email: z.string().trim().email().max(200).optional(),
  /** The organisation's public phone number: digits, spaces, + / . ( ) -. */
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ./()-]{5,24}$/, 'a phone number is digits, spaces and + / . ( ) -')
    .optional(),
});

export const ExpertPartnerSchema = z.object({
  /** A stable id (lowercase letters, digits, hyphens), e.g. `ceapire`. */
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a partner id is lowercase letters, digits or hyphens'),
  name: text(120),
  expertise: PartnerExpertiseSchema,
  /** The themes the partner is called about (the narrative page lists it for these). */
  themes: z.array(z.enum(THEME_IDS)).max(THEME_IDS.length).default([]),
  contact: PartnerContactSchema.default({}),
});
export type ExpertPartner = z.infer<typeof ExpertPartnerSchema>;

export const ExpertPartnersSchema = z
  .array(ExpertPartnerSchema)
  .max(50)
  .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'two expert partners share an id');

/**
 * The Flemish expert pool of the response guidance (`PARTNERS` in guidance.ts), each with
 * the themes whose guidance names it. No contact is filled in: the municipality adds the
 * ones it uses.
 */
export const DEFAULT_PARTNERS: ExpertPartner[] = PARTNERS.map((p) => ({
  id: p.id,
  name: p.name,
  expertise: { ...p.when },
  themes: GUIDANCE.filter((g) => g.partners.includes(p.id)).map((g) => g.theme as ThemeId),
  contact: {},
}));

/** The partners a tenant lists for a theme. */
export function partnersFor(partners: readonly ExpertPartner[], theme: string): ExpertPartner[] {
  return partners.filter((p) => (p.themes as string[]).includes(theme));
}

/** A partner's expertise in a UI language, or in Dutch when it has none in that one. */
export function partnerExpertise(p: ExpertPartner, lang: 'nl' | 'fr' | 'en'): string {
  return p.expertise[lang] ?? p.expertise.nl;
}
