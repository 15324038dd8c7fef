import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/rules/default-rules.js';
import { rulesSchema } from '../../../shared/rules/rules-schema.js';
import { idNumberProblem, idTail, maskName, nameProblem, normalizeIdNumber, tierForCategory } from '../../../hub/issue/holder-data.js';
import { idNumber } from '../hub-fixtures.js';

describe('maskName', () => {
  it('keeps the first and last character of three or more', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳明锋')).toBe('欧*锋');
    expect(maskName('阿依古丽·买买提')).toBe('阿*提');
  });

  it('keeps the first of two characters', () => {
    expect(maskName('王芳')).toBe('王*');
  });

  it('masks a one-character name too', () => {
    expect(maskName('林')).toBe('林*');
  });

  it('never shows the middle of the name, and trims spaces', () => {
    expect(maskName('  李 晓 华 ')).toBe('李*华');
    expect(maskName('John Smith')).toBe('J*h');
  });
});

describe('nameProblem', () => {
  it('accepts Chinese and foreign names and refuses digits, empty and over-long names', () => {
    expect(nameProblem('张三明')).toBeUndefined();
    expect(nameProblem("Anne-Marie O'Neil")).toBeUndefined();
    expect(nameProblem('张3明')).toMatch(/letters/);
    expect(nameProblem('  ')).toMatch(/empty/);
    expect(nameProblem('张'.repeat(65))).toMatch(/64/);
  });
});

describe('ID numbers', () => {
  it('accepts a resident ID with the right check character and refuses a typo', () => {
    const good = idNumber(7);
    expect(idNumberProblem(good)).toBeUndefined();
    const typo = `${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}${good.slice(11)}`;
    expect(idNumberProblem(typo)).toMatch(/check character/);
  });

  it('accepts a passport number and refuses punctuation', () => {
    expect(idNumberProblem('E12345678')).toBeUndefined();
    expect(idNumberProblem('E123/45678')).toMatch(/letters and digits/);
  });

  it('normalizes case and spaces, and the tail is the last four characters', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(idTail('11010519491231002x')).toBe('002X');
  });
});

describe('tierForCategory (Art. 31)', () => {
  it('gives A to categories 1 and 2, B to 3, C to 4 and 5', () => {
    expect([1, 2, 3, 4, 5].map((c) => tierForCategory(DEFAULT_RULES, c))).toEqual(['A', 'A', 'B', 'C', 'C']);
  });

  it('follows the rules in force, and has no tier for a category no tier lists', () => {
    const rules = rulesSchema.parse({ ...DEFAULT_RULES, tiers: { ...DEFAULT_RULES.tiers, C: { articles: [16, 20], categories: [4] } } });
    expect(tierForCategory(rules, 5)).toBeUndefined();
    expect(tierForCategory(rules, 4)).toBe('C');
  });
});
