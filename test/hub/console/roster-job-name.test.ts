import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARD_PATHS, type RosterJobView } from '../../../shared/console/card-api.js';
import { idNumber } from '../hub-fixtures.js';
import { consoleBench, type Browser } from './console-fixture.js';

type Bench = Awaited<ReturnType<typeof consoleBench>>;
const HEADER = 'name,id_number,category,valid_from,valid_until';
const upload = (fileName: string, n: number) => ({ format: 'csv', fileName, data: Buffer.from(`${HEADER}\n张三明,${idNumber(n)},2,2026-03-01,2031-02-28\n`).toString('base64') });

// File names an officer may give a roster, with an ID number logSafe does not recognise:
// spaced, dashed, full-width digits, a passport number.
const NAMES: [string, string][] = [
  ['roster-371502 19900101 123X.xlsx', '19900101'],
  ['roster-371502-19900101-123X.csv', '19900101'],
  ['roster-３７１５０２１９９００１０１１２３４.csv', '３７１５０２'],
  ['passport-E12345678.csv', 'E12345678'],
];

describe('roster jobs keep no uploaded file name (PIPL: a name may hold an ID number)', () => {
  let bench: Bench;
  let officer: Browser;
  beforeEach(async () => {
    bench = await consoleBench();
    officer = await bench.as('officer');
  });
  afterEach(async () => {
    await bench.cleanup();
  });

  it('names each job by its id and line count, and logs neither preview nor import with the file name', async () => {
    for (const [i, [fileName, secret]] of NAMES.entries()) {
      const preview = await bench.post(officer, CARD_PATHS.rosterPreview, upload(fileName, i + 1));
      expect(preview.statusCode, preview.body).toBe(200);
      const started = await bench.post(officer, CARD_PATHS.rosterImport, upload(fileName, i + 1));
      expect(started.statusCode, started.body).toBe(202);
      const job = started.json<RosterJobView>();
      expect(job.fileName).toBe(`roster ${job.id.slice(0, 8)}, 1 line(s)`);
      expect(started.body).not.toContain(secret);
      expect((await bench.get(officer, CARD_PATHS.rosterJobs)).body).not.toContain(secret);
    }
    const log = JSON.stringify(await bench.hub.store.staffLog.list(0, 1000));
    expect(log).toContain('cards.roster.import');
    for (const [, secret] of NAMES) expect(log).not.toContain(secret);
  });
});
