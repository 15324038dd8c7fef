import { describe, expect, it } from 'vitest';
import { REASON_TEXT } from '../../../shared/i18n/reason-text.js';

describe('the CLOCK_SUSPECT text on each decision', () => {
  // The decision does not know what the hub says of the clock: when the hub agrees the clock is
  // right, the latest time seen is what ran ahead, and "correct the clock" would have it set wrong.
  it('never tells the counter to correct the clock, only to have the supervisor check it', () => {
    const { title, action } = REASON_TEXT.CLOCK_SUSPECT;
    for (const text of [title.en, action.en]) expect(text).not.toMatch(/correct|set the clock|adjust/i);
    for (const text of [title.zh, action.zh]) expect(text).not.toMatch(/校正|调整|调回|被调过/);
    expect(action.en).toMatch(/ask the supervisor to check the clock/i);
    expect(action.zh).toMatch(/请主管核对/);
  });
});
