import { z } from 'zod';
import type { Localized } from './i18n/locale.js';
import { err, ok, type Result } from './result.js';

/**
 * Art. 22 subsidises the holder's 父母: the counter needs to know which parent, not who.
 * These are the only values stored, uploaded and counted (quota per parent).
 */
export const BENEFICIARIES = ['father', 'mother'] as const;
/** Which parent an eldercare claim is for. */
export type Beneficiary = (typeof BENEFICIARIES)[number];

/** How each parent is shown: Chinese first. */
export const BENEFICIARY_TEXT: Readonly<Record<Beneficiary, Localized>> = {
  father: { zh: '父亲', en: 'Father' },
  mother: { zh: '母亲', en: 'Mother' },
};

/** Why a typed beneficiary is refused. */
export type BeneficiaryProblem = 'ID_NUMBER' | 'NOT_A_PARENT';

/** What the operator may type for each parent (the command line); the UI offers buttons. */
const SPELLINGS: Readonly<Record<string, Beneficiary>> = { father: 'father', 父亲: 'father', mother: 'mother', 母亲: 'mother' };

/** Full-width digits and letters (Ｘ, ０…) read as ASCII; separators an ID is often typed with dropped. */
const normalise = (text: string): string => text.normalize('NFKC').replace(/[\s\-_.·/]/g, '');

/**
 * True when the text looks like an identity-document number: a resident ID (GB 11643: 18
 * characters, or the old 15 digits), or any run of six digits or more, or a passport /
 * permit-like code (letters and digits, at least six long, with at least three digits).
 * Such a value must never be kept or sent (PIPL: least personal data).
 */
export function looksLikeIdNumber(text: string): boolean {
  const flat = normalise(text);
  if (/\d{6,}/.test(flat)) return true;
  if ((flat.match(/\d/g) ?? []).length >= 6) return true;
  return (flat.match(/[A-Za-z0-9]{6,}/g) ?? []).some((run) => (run.match(/\d/g) ?? []).length >= 3);
}

/** Reads a typed beneficiary as a parent label (father|mother|父亲|母亲); never echoes the text in its error. */
export function parseBeneficiary(text: string): Result<Beneficiary, BeneficiaryProblem> {
  const key = text.normalize('NFKC').trim().toLowerCase();
  const parent = SPELLINGS[key];
  if (parent !== undefined) return ok(parent);
  return err(looksLikeIdNumber(text) ? 'ID_NUMBER' : 'NOT_A_PARENT');
}

/** What each problem means, in words that never repeat the value (it may be an ID number). */
export const BENEFICIARY_PROBLEM_TEXT: Readonly<Record<BeneficiaryProblem, Localized>> = {
  ID_NUMBER: {
    zh: '补贴对象不得填写证件号码：只选择父亲或母亲（第二十二条），证件号不保存、不上传',
    en: 'Do not enter an ID number for the beneficiary: choose father or mother (Art. 22); ID numbers are neither kept nor sent',
  },
  NOT_A_PARENT: {
    zh: '补贴对象只能是父亲或母亲（第二十二条）',
    en: 'The beneficiary is the holder’s father or mother (Art. 22)',
  },
};

/** Longest beneficiary text read (a parent label is a few characters; longer is refused unread). */
export const BENEFICIARY_TEXT_MAX = 64;

/**
 * The one schema for a beneficiary crossing a boundary (the terminal API): a parent label,
 * answered as the stored value. Its error messages never contain the input.
 */
export const beneficiarySchema = z.string().max(BENEFICIARY_TEXT_MAX).transform((text, ctx): Beneficiary => {
  const parsed = parseBeneficiary(text);
  if (parsed.ok) return parsed.value;
  ctx.issues.push({ code: 'custom', input: '', message: BENEFICIARY_PROBLEM_TEXT[parsed.error].en });
  return z.NEVER;
});
