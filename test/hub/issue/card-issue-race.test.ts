import { describe, expect, it } from 'vitest';
import { issueCards } from '../../../hub/issue/card-issuer.js';
import { cleanupAfterEach, holder, testHub } from '../hub-fixtures.js';

describe('issueCards run at once for one holder (Art. 31: one gold card per holder)', () => {
  const later = cleanupAfterEach();

  it('issues one card: the second issue waits for the first and is refused with "use reissue"', async () => {
    const made = await testHub();
    later(made.cleanup);
    const results = await Promise.all([issueCards(made.hub, [holder(1)]), issueCards(made.hub, [holder(1)]), issueCards(made.hub, [holder(1)])]);
    const issued = results.flatMap((r) => (r.ok ? r.value : []));
    expect(issued).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error[0]?.message))).toEqual([expect.stringMatching(/use reissue/), expect.stringMatching(/use reissue/)]);
    expect(await made.hub.store.cards.count()).toBe(1);
  });

  it('still issues to two different holders at once', async () => {
    const made = await testHub();
    later(made.cleanup);
    const [a, b] = await Promise.all([issueCards(made.hub, [holder(1)]), issueCards(made.hub, [holder(2)])]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(await made.hub.store.cards.count()).toBe(2);
  });
});
